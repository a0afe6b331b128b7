import type { KindInfo } from "../../../src/api/kind.js";
import { servedKinds } from "../../../src/api/registry.js";
import type { StoredObject } from "../storage/object-store.js";
import type { ServedResource } from "./served-resource.js";

/** Resources with a `/status` subresource, as in Kubernetes. */
const withStatus = new Set([
  "/pods",
  "/services",
  "/nodes",
  "/namespaces",
  "apps/deployments",
  "apps/replicasets",
  "apps/daemonsets",
  "batch/jobs",
]);

/** Members of kubectl's `all` category. */
const inCategoryAll = new Set(["/pods", "/services", "apps/deployments", "apps/replicasets", "apps/daemonsets", "batch/jobs"]);

/** A kind of the object model as the apiserver serves it. */
export function servedResourceOf(kind: KindInfo): ServedResource {
  const id = `${kind.group}/${kind.resource}`;
  return {
    group: kind.group,
    version: kind.version,
    resource: kind.resource,
    kind: kind.kind,
    singular: kind.singular,
    namespaced: kind.namespaced,
    shortNames: [...kind.shortNames],
    categories: inCategoryAll.has(id) ? ["all"] : [],
    hasStatus: withStatus.has(id),
    decode(input, unknownFields) {
      const decoded = kind.decode(input, unknownFields);
      return decoded.ok ? { ok: true, object: decoded.value as unknown as StoredObject } : { ok: false, errors: decoded.errors };
    },
    validateUpdate(previous, next) {
      const asTyped = (o: StoredObject) => o as unknown as Parameters<KindInfo["validateUpdate"]>[0];
      return kind.validateUpdate(asTyped(next), asTyped(previous));
    },
  };
}

/** Every resource the apiserver serves. */
export function servedResources(): ServedResource[] {
  return servedKinds.map(servedResourceOf);
}
