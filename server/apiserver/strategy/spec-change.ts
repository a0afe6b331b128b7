import { isDeepStrictEqual } from "node:util";
import type { StoredObject } from "../storage/object-store.js";

/**
 * Everything but metadata and status: what `metadata.generation` counts.
 * Kubernetes bumps generation on any change to the desired state.
 */
function desiredState(object: StoredObject): Record<string, unknown> {
  const { metadata: _m, status: _s, apiVersion: _a, kind: _k, ...rest } = object;
  return rest;
}

export function desiredStateChanged(previous: StoredObject, next: StoredObject): boolean {
  return !isDeepStrictEqual(desiredState(previous), desiredState(next));
}

/** True when nothing but resourceVersion differs: such a write is skipped. */
export function unchanged(previous: StoredObject, next: StoredObject): boolean {
  const strip = (o: StoredObject): StoredObject => ({
    ...o,
    metadata: { ...o.metadata, resourceVersion: undefined, managedFields: undefined },
  });
  return isDeepStrictEqual(strip(previous), strip(next));
}
