import { isNotFound, type ApiObject, type RestClient } from "../../../src/client/rest/rest-client.js";
import { toGcObject, type GcObject, type OwnerReference } from "./gc-object.js";
import type { GcApi, PropagationPolicy } from "./gc-ports.js";
import type { GcResource } from "./gc-resources.js";

const fieldManager = "garbage-collector";

/**
 * The collector's live reads and writes through the server's API. Writes
 * name the resourceVersion that was read (a merge patch carrying it is a
 * compare-and-swap), deletes the uid: a change in between is a 409 and the
 * item is tried again from fresh state.
 */
export function restGcApi(client: RestClient): GcApi {
  const nsOf = (resource: GcResource, object: GcObject): string | undefined => (resource.ref.namespaced ? object.metadata.namespace : undefined);
  const ignoreNotFound = (error: unknown): void => {
    if (!isNotFound(error)) throw error;
  };
  return {
    async get(resource, namespace, name) {
      try {
        return toGcObject(await client.get<ApiObject>(resource.ref, namespace, name));
      } catch (error) {
        ignoreNotFound(error);
        return undefined;
      }
    },
    async delete(resource, object, policy: PropagationPolicy) {
      await client
        .delete(resource.ref, nsOf(resource, object), object.metadata.name, { propagationPolicy: policy, preconditions: { uid: object.metadata.uid } })
        .catch(ignoreNotFound);
    },
    async setOwnerReferences(resource, live, owners: OwnerReference[]) {
      const patch = { metadata: { resourceVersion: live.metadata.resourceVersion, ownerReferences: owners.length > 0 ? owners : null } };
      await client.patch(resource.ref, nsOf(resource, live), live.metadata.name, "merge", patch, { fieldManager }).catch(ignoreNotFound);
    },
    async setFinalizers(resource, live, finalizers: string[]) {
      const patch = { metadata: { resourceVersion: live.metadata.resourceVersion, finalizers: finalizers.length > 0 ? finalizers : null } };
      await client.patch(resource.ref, nsOf(resource, live), live.metadata.name, "merge", patch, { fieldManager }).catch(ignoreNotFound);
    },
  };
}
