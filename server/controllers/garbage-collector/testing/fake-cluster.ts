import { conflict } from "../../../../src/errors/status.js";
import type { GcObject, OwnerReference } from "../gc-object.js";
import type { GcApi, GcCache, Located, PropagationPolicy } from "../gc-ports.js";
import { GcResourceCatalog, type GcResource } from "../gc-resources.js";

export const catalog = new GcResourceCatalog();
export const configMaps = catalog.forType("v1", "ConfigMap")!;
export const pods = catalog.forType("v1", "Pod")!;
export const replicaSets = catalog.forType("apps/v1", "ReplicaSet")!;
export const clusterRoles = catalog.forType("rbac.authorization.k8s.io/v1", "ClusterRole")!;

let uids = 0;
let revision = 100;

/** An object of `resource` named `ns/name` (or `name` for a cluster-scoped one). */
export function object(resource: GcResource, key: string, extra: Partial<GcObject["metadata"]> = {}): Located {
  const [namespace, name] = key.includes("/") ? key.split("/") : [undefined, key];
  const metadata: GcObject["metadata"] = { name: name!, uid: `uid-${++uids}`, resourceVersion: String(++revision), ...extra };
  if (namespace !== undefined) metadata.namespace = namespace;
  return { resource, object: { metadata } };
}

export const refTo = (owner: Located, extra: Partial<OwnerReference> = {}): OwnerReference => ({
  apiVersion: owner.resource.apiVersion,
  kind: owner.resource.kind,
  name: owner.object.metadata.name,
  uid: owner.object.metadata.uid,
  ...extra,
});

const keyOf = (resource: GcResource, namespace: string | undefined, name: string): string => `${resource.id} ${namespace ?? ""}/${name}`;

/**
 * The server's objects and, separately, what the collector's cache shows:
 * `sync()` makes the cache the server's state; tests make them differ to
 * play a stale cache. Writes are recorded in `writes`.
 */
export class FakeCluster {
  readonly live = new Map<string, Located>();
  cached = new Map<string, Located>();
  readonly writes: string[] = [];
  readonly reads: string[] = [];

  add(...items: Located[]): void {
    for (const item of items) this.live.set(keyOf(item.resource, item.object.metadata.namespace, item.object.metadata.name), structuredClone(item));
  }

  sync(): void {
    this.cached = new Map([...this.live].map(([key, item]) => [key, structuredClone(item)]));
  }

  liveObject(item: Located): GcObject | undefined {
    return this.live.get(keyOf(item.resource, item.object.metadata.namespace, item.object.metadata.name))?.object;
  }

  readonly cache: GcCache = {
    get: (resource, namespace, name) => this.cached.get(keyOf(resource, namespace, name))?.object,
    dependentsOf: (ownerUid) => [...this.cached.values()].filter((item) => item.object.metadata.ownerReferences?.some((ref) => ref.uid === ownerUid)),
  };

  readonly api: GcApi = {
    get: async (resource, namespace, name) => {
      this.reads.push(`get ${keyOf(resource, namespace, name)}`);
      const found = this.live.get(keyOf(resource, namespace, name));
      return found ? structuredClone(found.object) : undefined;
    },
    delete: async (resource, object, policy: PropagationPolicy) => {
      const key = keyOf(resource, object.metadata.namespace, object.metadata.name);
      const found = this.live.get(key);
      if (!found) return;
      if (found.object.metadata.uid !== object.metadata.uid) throw conflict({ group: resource.ref.group, resource: resource.ref.resource }, object.metadata.name);
      this.writes.push(`delete ${key} ${policy}`);
      if (policy === "Background") this.live.delete(key);
      else {
        found.object.metadata.deletionTimestamp = "2026-01-01T00:00:00Z";
        found.object.metadata.finalizers = [...(found.object.metadata.finalizers ?? []), policy === "Orphan" ? "orphan" : "foregroundDeletion"];
      }
    },
    setOwnerReferences: async (resource, live, owners) => {
      const found = this.writable(resource, live);
      this.writes.push(`owners ${keyOf(resource, live.metadata.namespace, live.metadata.name)} [${owners.map((ref) => `${ref.name}${ref.blockOwnerDeletion ? "!" : ""}`).join(",")}]`);
      if (owners.length > 0) found.object.metadata.ownerReferences = owners;
      else delete found.object.metadata.ownerReferences;
    },
    setFinalizers: async (resource, live, finalizers) => {
      const found = this.writable(resource, live);
      this.writes.push(`finalizers ${keyOf(resource, live.metadata.namespace, live.metadata.name)} [${finalizers.join(",")}]`);
      found.object.metadata.finalizers = finalizers;
    },
  };

  private writable(resource: GcResource, live: GcObject): Located {
    const found = this.live.get(keyOf(resource, live.metadata.namespace, live.metadata.name));
    if (!found || found.object.metadata.resourceVersion !== live.metadata.resourceVersion) {
      throw conflict({ group: resource.ref.group, resource: resource.ref.resource }, live.metadata.name);
    }
    found.object.metadata.resourceVersion = String(++revision);
    return found;
  }
}
