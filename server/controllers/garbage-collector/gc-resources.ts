import { servedKinds } from "../../../src/api/registry.js";
import type { ResourceRef } from "../../../src/client/rest/paths.js";
import type { OwnerReference } from "./gc-object.js";

/** A resource whose objects may own others or be owned. */
export interface GcResource {
  /** `apps/v1/replicasets`, `v1/pods`: names the resource in queue keys and logs. */
  id: string;
  ref: ResourceRef;
  apiVersion: string;
  kind: string;
}

/**
 * Events are left out of the graph: nothing owns them in practice, and at
 * scale they outnumber every other kind (several per pod). They can still
 * be owners: an owner reference to one is checked with a live read.
 */
const unwatched = new Set(["v1/events"]);

/** Every resource the server serves, by apiVersion and kind (owners may be of any), and those the collector watches. */
export class GcResourceCatalog {
  readonly watched: readonly GcResource[];
  private readonly byType = new Map<string, GcResource>();
  private readonly byId = new Map<string, GcResource>();

  constructor(resources: readonly GcResource[] = servedGcResources()) {
    this.watched = resources.filter((r) => !unwatched.has(r.id));
    for (const r of resources) {
      this.byType.set(`${r.apiVersion}|${r.kind}`, r);
      this.byId.set(r.id, r);
    }
  }

  /** The resource an owner reference's apiVersion and kind name, if served. */
  forType(apiVersion: string, kind: string): GcResource | undefined {
    return this.byType.get(`${apiVersion}|${kind}`);
  }

  forId(id: string): GcResource | undefined {
    return this.byId.get(id);
  }
}

function servedGcResources(): GcResource[] {
  return servedKinds.map((info) => ({
    id: `${info.apiVersion}/${info.resource}`,
    ref: { group: info.group, version: info.version, resource: info.resource, namespaced: info.namespaced },
    apiVersion: info.apiVersion,
    kind: info.kind,
  }));
}

/** Where an owner reference points, seen from its dependent. */
export type OwnerLocation =
  | { kind: "found"; resource: GcResource; namespace: string | undefined }
  /** The kind is not served: nothing can tell whether the owner exists. */
  | { kind: "unknown-kind" }
  /** A cluster-scoped dependent names a namespaced owner: no namespace to look in (Kubernetes: unresolvable). */
  | { kind: "namespaced-owner-of-cluster-scoped" };

/**
 * Kubernetes' rule: a namespaced owner is looked for in its dependent's
 * namespace only; a cluster-scoped owner anywhere may own namespaced and
 * cluster-scoped dependents.
 */
export function locateOwner(catalog: GcResourceCatalog, ref: OwnerReference, dependentNamespace: string | undefined): OwnerLocation {
  const resource = catalog.forType(ref.apiVersion, ref.kind);
  if (resource === undefined) return { kind: "unknown-kind" };
  if (!resource.ref.namespaced) return { kind: "found", resource, namespace: undefined };
  if (dependentNamespace === undefined || dependentNamespace === "") return { kind: "namespaced-owner-of-cluster-scoped" };
  return { kind: "found", resource, namespace: dependentNamespace };
}
