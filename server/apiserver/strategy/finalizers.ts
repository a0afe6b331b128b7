import type { StoredObject } from "../storage/object-store.js";

/**
 * What still holds a deleted object back: its metadata finalizers, and for a
 * Namespace also `spec.finalizers` (the `kubernetes` finalizer the namespace
 * controller removes through `/finalize` once the namespace is empty).
 */
export function pendingFinalizers(object: StoredObject): string[] {
  const pending = [...(object.metadata.finalizers ?? [])];
  if (object.kind === "Namespace") {
    const spec = object.spec as { finalizers?: unknown } | undefined;
    if (Array.isArray(spec?.finalizers)) pending.push(...spec.finalizers.filter((f): f is string => typeof f === "string"));
  }
  return pending;
}

/** A deleted object as it waits for its finalizers; a Namespace also turns Terminating. */
export function markTerminating(object: StoredObject): void {
  if (object.kind === "Namespace") object.status = { ...(object.status as object | undefined), phase: "Terminating" };
}
