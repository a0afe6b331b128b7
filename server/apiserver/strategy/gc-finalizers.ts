import type { DeleteOptions } from "../../../src/api/meta/v1/delete-options.js";

/** The finalizer that makes the garbage collector delete an object's dependents first (propagationPolicy Foreground). */
export const foregroundDeletionFinalizer = "foregroundDeletion";
/** The finalizer that makes the garbage collector orphan an object's dependents (propagationPolicy Orphan). */
export const orphanFinalizer = "orphan";

/** What a resource does with its dependents when a DELETE names no policy (Kubernetes' DefaultGarbageCollectionPolicy). */
export type DefaultGcPolicy = "DeleteDependents" | "OrphanDependents";

/**
 * batch/v1 Jobs orphan their pods by default, for compatibility, as
 * Kubernetes' job strategy says; every other resource (apps/v1 included)
 * deletes its dependents in the background. kubectl always names a policy
 * (Background unless --cascade says otherwise), so this only matters to
 * API clients that send none.
 */
export function defaultGcPolicy(resource: { group: string; version: string; resource: string }): DefaultGcPolicy {
  return resource.group === "batch" && resource.version === "v1" && resource.resource === "jobs" ? "OrphanDependents" : "DeleteDependents";
}

/**
 * The finalizers a DELETE leaves on the object, as Kubernetes'
 * deletionFinalizersForGarbageCollection: both garbage-collection
 * finalizers are taken off, then `orphan` or `foregroundDeletion` is put
 * back as the options (or else the object's own finalizers, or else the
 * resource's default) ask. An explicit policy thus replaces the other one.
 */
export function finalizersForDeletion(current: readonly string[], options: DeleteOptions, defaultPolicy: DefaultGcPolicy): string[] {
  const next = current.filter((f) => f !== orphanFinalizer && f !== foregroundDeletionFinalizer);
  if (shouldOrphan(current, options, defaultPolicy)) next.push(orphanFinalizer);
  if (shouldDeleteDependentsFirst(current, options)) next.push(foregroundDeletionFinalizer);
  return next;
}

function shouldOrphan(current: readonly string[], options: DeleteOptions, defaultPolicy: DefaultGcPolicy): boolean {
  if (options.orphanDependents !== undefined) return options.orphanDependents;
  if (options.propagationPolicy !== undefined) return options.propagationPolicy === "Orphan";
  // The object's own finalizer, set by an earlier DELETE, overrides the default.
  for (const f of current) {
    if (f === orphanFinalizer) return true;
    if (f === foregroundDeletionFinalizer) return false;
  }
  return defaultPolicy === "OrphanDependents";
}

function shouldDeleteDependentsFirst(current: readonly string[], options: DeleteOptions): boolean {
  if (options.orphanDependents !== undefined) return false;
  if (options.propagationPolicy !== undefined) return options.propagationPolicy === "Foreground";
  return current.includes(foregroundDeletionFinalizer);
}
