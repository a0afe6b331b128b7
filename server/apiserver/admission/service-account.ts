import type { Container, VolumeMount } from "../../../src/api/core/v1/container.js";
import type { Pod } from "../../../src/api/core/v1/pod.js";
import type { ServiceAccount } from "../../../src/api/core/v1/service-account.js";
import type { Volume } from "../../../src/api/core/v1/volume.js";
import { forbidden } from "../../../src/errors/status.js";
import { generateName } from "../strategy/system-metadata.js";
import type { StoredObject } from "../storage/object-store.js";
import type { AdmissionPlugin } from "./admission.js";

/** The ServiceAccount a pod runs as when it names none; the controller makes one in every namespace. */
export const defaultServiceAccountName = "default";
/** Where the token, the CA and the namespace appear in every container. */
export const serviceAccountMountPath = "/var/run/secrets/kubernetes.io/serviceaccount";
/** The prefix of the projected volume's name: `kube-api-access-<5 random characters>`. */
export const tokenVolumePrefix = "kube-api-access-";
/** The ConfigMap with the cluster CA, published in every namespace. */
export const rootCaConfigMapName = "kube-root-ca.crt";
// Kubernetes asks for 3607 s: a little over an hour marks tokens the kubelet refreshes (and the server may extend).
const mountedTokenExpirationSeconds = 3607;

/** The projected volume Kubernetes mounts: the token, the cluster CA and the pod's namespace. */
export function tokenVolume(name: string): Volume {
  return {
    name,
    projected: {
      defaultMode: 0o644,
      sources: [
        { serviceAccountToken: { expirationSeconds: mountedTokenExpirationSeconds, path: "token" } },
        { configMap: { name: rootCaConfigMapName, items: [{ key: "ca.crt", path: "ca.crt" }] } },
        { downwardAPI: { items: [{ path: "namespace", fieldRef: { apiVersion: "v1", fieldPath: "metadata.namespace" } }] } },
      ],
    },
  };
}

/** Whether the pod gets a token: the pod's own setting, else the ServiceAccount's, else yes. */
function shouldAutomount(pod: Pod, serviceAccount: ServiceAccount | undefined): boolean {
  return pod.spec.automountServiceAccountToken ?? serviceAccount?.automountServiceAccountToken ?? true;
}

/**
 * Mounts the token volume read-only in every init container and container
 * that has nothing at the mount path yet; adds the volume (reusing a
 * `kube-api-access-` one the pod already has) when one of them needs it.
 */
function mountServiceAccountToken(pod: Pod): void {
  const spec = pod.spec;
  const existing = (spec.volumes ?? []).find((volume) => volume.name.startsWith(tokenVolumePrefix));
  const volumeName = existing?.name ?? generateName(tokenVolumePrefix);
  const mount: VolumeMount = { name: volumeName, readOnly: true, mountPath: serviceAccountMountPath };
  let needed = false;
  const mountIn = (containers: Container[] | undefined): void => {
    for (const container of containers ?? []) {
      if ((container.volumeMounts ?? []).some((m) => m.mountPath === serviceAccountMountPath)) continue;
      container.volumeMounts = [...(container.volumeMounts ?? []), { ...mount }];
      needed = true;
    }
  };
  mountIn(spec.initContainers);
  mountIn(spec.containers);
  if (needed && !existing) spec.volumes = [...(spec.volumes ?? []), tokenVolume(volumeName)];
}

/** Reads a ServiceAccount as stored (undefined when there is none). */
export type ServiceAccountReader = (namespace: string, name: string) => Promise<StoredObject | undefined>;

/**
 * Kubernetes' ServiceAccount admission for new pods: the pod runs as
 * `default` unless it names a ServiceAccount; a named one must exist (403
 * otherwise); unless automounting is off (pod or ServiceAccount), the token
 * volume is mounted at /var/run/secrets/kubernetes.io/serviceaccount; the
 * ServiceAccount's imagePullSecrets are copied to a pod that has none.
 *
 * A missing `default` is let through: the controller creates it right after
 * the namespace, and a pod made in that moment must not fail for it.
 * ServiceAccounts are read from the store: one point read per pod created,
 * small beside the pod's own write, and never stale.
 */
export function serviceAccountAdmission(readServiceAccount: ServiceAccountReader): AdmissionPlugin {
  return {
    name: "ServiceAccount",
    async admit(request) {
      const { resource, object } = request;
      if (request.operation !== "create" || resource.group !== "" || resource.resource !== "pods" || request.subresource !== "" || !object) return;
      const pod = object as unknown as Pod;
      const spec = pod.spec;
      if (!spec.serviceAccountName) spec.serviceAccountName = defaultServiceAccountName;
      spec.serviceAccount = spec.serviceAccountName;
      const name = spec.serviceAccountName;
      const stored = await readServiceAccount(request.namespace, name);
      if (!stored && name !== defaultServiceAccountName) {
        throw forbidden(
          { group: "", resource: "pods" },
          request.name,
          `error looking up service account ${request.namespace}/${name}: serviceaccount "${name}" not found`,
        );
      }
      const serviceAccount = stored as unknown as ServiceAccount | undefined;
      if (shouldAutomount(pod, serviceAccount)) mountServiceAccountToken(pod);
      const pullSecrets = serviceAccount?.imagePullSecrets ?? [];
      if ((spec.imagePullSecrets ?? []).length === 0 && pullSecrets.length > 0) spec.imagePullSecrets = pullSecrets.map((s) => ({ ...s }));
    },
  };
}
