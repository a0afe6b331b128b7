import type { ResourceRef } from "../../../src/client/rest/paths.js";
import { isConflict, type ApiObject } from "../../../src/client/rest/rest-client.js";
import { StatusError } from "../../../src/errors/status.js";
import { rootCaConfigMapName } from "../../apiserver/admission/service-account.js";
import type { Controller } from "../controller.js";
import { perNamespaceObjectController } from "./per-namespace-object.js";

const configMapsRef: ResourceRef = { group: "", version: "v1", resource: "configmaps", namespaced: true };

/** Kubernetes' description of the ConfigMap, kept as it words it. */
export const rootCaDescription =
  "Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.";
const descriptionAnnotation = "kubernetes.io/description";

interface ConfigMapObject extends ApiObject {
  data?: Record<string, string>;
}

const alreadyExists = (error: unknown): boolean => isConflict(error) && error instanceof StatusError && error.reason === "AlreadyExists";

/**
 * Kubernetes' root-CA publisher: every namespace has a ConfigMap
 * `kube-root-ca.crt` whose `ca.crt` is the cluster CA, the file pods find
 * next to their token. Re-made if deleted, put right if changed.
 */
export function rootCaPublisher(caPem: string): Controller {
  return perNamespaceObjectController<ConfigMapObject>({
    controllerName: "root-ca-cert-publisher",
    ref: configMapsRef,
    objectName: rootCaConfigMapName,
    async reconcile(client, namespace, current) {
      if (!current) {
        const configMap: ConfigMapObject = {
          apiVersion: "v1",
          kind: "ConfigMap",
          metadata: { name: rootCaConfigMapName, annotations: { [descriptionAnnotation]: rootCaDescription } },
          data: { "ca.crt": caPem },
        };
        await client.create(configMapsRef, namespace, configMap, { fieldManager: "root-ca-cert-publisher" }).catch((error: unknown) => {
          if (!alreadyExists(error)) throw error;
        });
        return;
      }
      const annotations = (current.metadata?.annotations ?? {}) as Record<string, string>;
      if (current.data?.["ca.crt"] === caPem && Object.keys(current.data).length === 1 && annotations[descriptionAnnotation] === rootCaDescription) return;
      // A PUT naming the cached resourceVersion: a newer change makes it 409, and the retry sees that change.
      const fixed: ConfigMapObject = {
        ...structuredClone(current),
        metadata: { ...structuredClone(current.metadata), annotations: { ...annotations, [descriptionAnnotation]: rootCaDescription } },
        data: { "ca.crt": caPem },
      };
      await client.update(configMapsRef, namespace, fixed, { fieldManager: "root-ca-cert-publisher" });
    },
  });
}
