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

/**
 * Equal as stored: decoded objects can carry keys whose value is undefined,
 * which JSON (and so the store) leaves out.
 */
function sameJson(a: unknown, b: unknown): boolean {
  return isDeepStrictEqual(JSON.parse(JSON.stringify(a)), JSON.parse(JSON.stringify(b)));
}

export function desiredStateChanged(previous: StoredObject, next: StoredObject): boolean {
  return !sameJson(desiredState(previous), desiredState(next));
}

/**
 * True when nothing but resourceVersion differs: such a write is skipped.
 * managedFields count: an apply that only adds an owner must be stored.
 */
export function unchanged(previous: StoredObject, next: StoredObject): boolean {
  const strip = (o: StoredObject): StoredObject => ({
    ...o,
    metadata: { ...o.metadata, resourceVersion: undefined },
  });
  return sameJson(strip(previous), strip(next));
}
