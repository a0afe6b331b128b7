import type { GcObject, OwnerReference } from "./gc-object.js";
import type { GcResource } from "./gc-resources.js";

/** An object and the resource it belongs to. */
export interface Located {
  resource: GcResource;
  object: GcObject;
}

/** The collector's view of the cluster as its informers last saw it (may lag the server). */
export interface GcCache {
  get(resource: GcResource, namespace: string | undefined, name: string): GcObject | undefined;
  /** The watched objects with an owner reference to `ownerUid`. */
  dependentsOf(ownerUid: string): Located[];
}

export type PropagationPolicy = "Background" | "Foreground" | "Orphan";

/**
 * The collector's reads and writes of the live server. A decision to delete
 * or to drop a reference is always checked against live reads first, so a
 * stale cache never removes what still has an owner.
 */
export interface GcApi {
  /** The object as the server has it now; undefined when there is none. */
  get(resource: GcResource, namespace: string | undefined, name: string): Promise<GcObject | undefined>;
  /** Deletes `object` if it still has its uid; gone already is fine. */
  delete(resource: GcResource, object: GcObject, policy: PropagationPolicy): Promise<void>;
  /** Sets the owner references of `live` unless it changed since it was read (then a conflict is thrown). */
  setOwnerReferences(resource: GcResource, live: GcObject, owners: OwnerReference[]): Promise<void>;
  /** Sets the finalizers of `live` unless it changed since it was read (then a conflict is thrown). */
  setFinalizers(resource: GcResource, live: GcObject, finalizers: string[]): Promise<void>;
}
