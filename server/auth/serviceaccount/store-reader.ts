import type { ServiceAccountReader } from "../../apiserver/admission/service-account.js";
import type { ResourceTable } from "../../apiserver/resources/served-resource.js";
import type { PodGetter } from "../../apiserver/admission/node-restriction.js";
import { ObjectStore } from "../../apiserver/storage/object-store.js";
import type { Store } from "../../store/store.js";
import type { BoundKind, IdentityReader } from "./object-lookup.js";

/** Point reads of the objects tokens and admission depend on, straight from the store (no watch is started). */
export function storeReaders(
  store: Store,
  resources: ResourceTable,
): { identity: IdentityReader; serviceAccount: ServiceAccountReader; pod: PodGetter } {
  const objects = new Map<BoundKind, ObjectStore>();
  const objectsOf = (kind: BoundKind): ObjectStore | undefined => {
    let found = objects.get(kind);
    if (!found) {
      const resource = resources.find("", "v1", kind);
      if (!resource) return undefined;
      found = new ObjectStore(store, resource);
      objects.set(kind, found);
    }
    return found;
  };
  const read = async (kind: BoundKind, namespace: string, name: string) => objectsOf(kind)?.get(namespace, name);
  return {
    async identity(kind, namespace, name) {
      const object = await read(kind, namespace, name);
      const uid = object?.metadata.uid;
      if (!object || uid === undefined) return undefined;
      const deletion = object.metadata.deletionTimestamp;
      return deletion === undefined ? { uid } : { uid, deletionTimestamp: deletion };
    },
    serviceAccount: (namespace, name) => read("serviceaccounts", namespace, name),
    pod: (namespace, name) => read("pods", namespace, name),
  };
}
