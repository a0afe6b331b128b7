import type { AbsentOwners } from "./absent-owners.js";
import { isDeletingDependents, ownersOf, type GcObject, type OwnerReference } from "./gc-object.js";
import type { GcApi, GcCache } from "./gc-ports.js";
import { locateOwner, type GcResourceCatalog } from "./gc-resources.js";

/** A dependent's owner references by what became of their owners (Kubernetes' classifyReferences). */
export interface OwnerClasses {
  /** The owner exists and is not deleting its dependents first. */
  solid: OwnerReference[];
  /** No owner by that name with that uid, where the dependent may have one. */
  dangling: OwnerReference[];
  /** The owner exists and is being deleted in foreground: its dependents go first. */
  waiting: OwnerReference[];
  /** Owners that cannot be checked: the collector leaves such a dependent alone. */
  unresolvable: Array<{ ref: OwnerReference; reason: "unknown-kind" | "namespaced-owner-of-cluster-scoped" }>;
}

/**
 * Whether the cache alone shows every owner present and not deleting its
 * dependents: then there is nothing to do and no need to ask the server.
 * Anything else is checked live before the collector acts.
 */
export function ownersSolidInCache(catalog: GcResourceCatalog, cache: GcCache, item: GcObject): boolean {
  return ownersOf(item).every((ref) => {
    const where = locateOwner(catalog, ref, item.metadata.namespace);
    if (where.kind !== "found") return false;
    const owner = cache.get(where.resource, where.namespace, ref.name);
    return owner !== undefined && owner.metadata.uid === ref.uid && !isDeletingDependents(owner);
  });
}

/**
 * Sorts the owner references of `item` (its live state) by live reads of
 * the owners. An owner whose name now belongs to an object with another
 * uid counts as absent, as Kubernetes counts it.
 */
export async function classifyOwners(catalog: GcResourceCatalog, api: GcApi, absent: AbsentOwners, item: GcObject): Promise<OwnerClasses> {
  const classes: OwnerClasses = { solid: [], dangling: [], waiting: [], unresolvable: [] };
  for (const ref of ownersOf(item)) {
    const where = locateOwner(catalog, ref, item.metadata.namespace);
    if (where.kind !== "found") {
      classes.unresolvable.push({ ref, reason: where.kind });
      continue;
    }
    if (absent.has(ref, where.namespace)) {
      classes.dangling.push(ref);
      continue;
    }
    const owner = await api.get(where.resource, where.namespace, ref.name);
    if (owner === undefined || owner.metadata.uid !== ref.uid) {
      absent.add(ref, where.namespace);
      classes.dangling.push(ref);
    } else if (isDeletingDependents(owner)) {
      classes.waiting.push(ref);
    } else {
      classes.solid.push(ref);
    }
  }
  return classes;
}
