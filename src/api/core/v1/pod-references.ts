import type { Pod } from "./pod.js";

/** The kinds of object a pod names in its spec, by their resource names. */
export type ReferencedResource = "secrets" | "configmaps" | "persistentvolumeclaims" | "serviceaccounts";

/** One object a pod needs to run, in the pod's namespace. */
export interface PodReference {
  resource: ReferencedResource;
  name: string;
}

/**
 * Every Secret, ConfigMap, PersistentVolumeClaim and ServiceAccount a pod
 * names — in volumes (projected ones too), in its containers' env and
 * envFrom, in imagePullSecrets and as its ServiceAccount — each once: what
 * the node it runs on must be able to read, and nothing more.
 */
export function podReferences(pod: Pod): PodReference[] {
  const found = new Map<string, PodReference>();
  const add = (resource: ReferencedResource, name: string | undefined): void => {
    if (name) found.set(`${resource}/${name}`, { resource, name });
  };
  const spec = pod.spec;
  add("serviceaccounts", spec.serviceAccountName || spec.serviceAccount);
  for (const secret of spec.imagePullSecrets ?? []) add("secrets", secret.name);
  for (const volume of spec.volumes ?? []) {
    add("secrets", volume.secret?.secretName);
    add("configmaps", volume.configMap?.name);
    add("persistentvolumeclaims", volume.persistentVolumeClaim?.claimName);
    for (const source of volume.projected?.sources ?? []) {
      add("secrets", source.secret?.name);
      add("configmaps", source.configMap?.name);
    }
  }
  for (const container of [...(spec.initContainers ?? []), ...spec.containers]) {
    for (const from of container.envFrom ?? []) {
      add("secrets", from.secretRef?.name);
      add("configmaps", from.configMapRef?.name);
    }
    for (const variable of container.env ?? []) {
      add("secrets", variable.valueFrom?.secretKeyRef?.name);
      add("configmaps", variable.valueFrom?.configMapKeyRef?.name);
    }
  }
  return [...found.values()];
}
