import { isBeingDeleted, isDeletingDependents, isOrphaning, ownersOf, type GcObject, type OwnerReference } from "./gc-object.js";
import type { GcCache, Located } from "./gc-ports.js";
import { locateOwner, type GcResource, type GcResourceCatalog } from "./gc-resources.js";
import { ownersSolidInCache } from "./classify-owners.js";

/**
 * What each change seen by the informers asks the collector to look at
 * (Kubernetes' graph builder, with the informers' caches as the graph).
 * Only changes that can matter enqueue anything: a pod's status updates
 * enqueue nothing.
 */
export class GraphTriggers {
  /**
   * `enqueueSoon` coalesces: an owner deleting in foreground is looked at
   * again once per short while, not once per dependent gone (each look
   * scans its dependents: at 30,000 pods, once per pod would be quadratic).
   */
  constructor(
    private readonly catalog: GcResourceCatalog,
    private readonly cache: GcCache,
    private readonly enqueue: (item: Located) => void,
    private readonly enqueueSoon: (item: Located) => void,
  ) {}

  added(resource: GcResource, object: GcObject): void {
    this.deletionState(resource, undefined, object);
    if (ownersOf(object).length > 0 && !ownersSolidInCache(this.catalog, this.cache, object)) this.enqueue({ resource, object });
  }

  updated(resource: GcResource, old: GcObject, object: GcObject): void {
    this.deletionState(resource, old, object);
    if (sameOwners(ownersOf(old), ownersOf(object))) return;
    // A reference that no longer blocks: an owner deleting in foreground may be free to go.
    const stillBlocking = new Set(ownersOf(object).filter((ref) => ref.blockOwnerDeletion === true).map((ref) => ref.uid));
    for (const ref of ownersOf(old)) {
      if (ref.blockOwnerDeletion === true && !stillBlocking.has(ref.uid)) this.enqueueOwnerIfWaiting(ref, old);
    }
    if (ownersOf(object).length > 0 && !ownersSolidInCache(this.catalog, this.cache, object)) this.enqueue({ resource, object });
  }

  deleted(_resource: GcResource, object: GcObject): void {
    // Its dependents may now have no owner left.
    for (const dependent of this.cache.dependentsOf(object.metadata.uid)) this.enqueue(dependent);
    // An owner deleting in foreground may have waited for this one.
    for (const ref of ownersOf(object)) this.enqueueOwnerIfWaiting(ref, object);
  }

  private deletionState(resource: GcResource, old: GcObject | undefined, object: GcObject): void {
    if (isOrphaning(object) || isDeletingDependents(object)) this.enqueue({ resource, object });
    // Just started deleting in foreground: every dependent is to be deleted.
    if (isDeletingDependents(object) && (old === undefined || !isDeletingDependents(old))) {
      for (const dependent of this.cache.dependentsOf(object.metadata.uid)) if (!isBeingDeleted(dependent.object)) this.enqueue(dependent);
    }
  }

  private enqueueOwnerIfWaiting(ref: OwnerReference, dependent: GcObject): void {
    const where = locateOwner(this.catalog, ref, dependent.metadata.namespace);
    if (where.kind !== "found") return;
    const owner = this.cache.get(where.resource, where.namespace, ref.name);
    if (owner !== undefined && owner.metadata.uid === ref.uid && isDeletingDependents(owner)) this.enqueueSoon({ resource: where.resource, object: owner });
  }
}

function sameOwners(a: readonly OwnerReference[], b: readonly OwnerReference[]): boolean {
  return a.length === b.length && a.every((ref, i) => ref.uid === b[i]!.uid && ref.blockOwnerDeletion === b[i]!.blockOwnerDeletion && ref.name === b[i]!.name);
}
