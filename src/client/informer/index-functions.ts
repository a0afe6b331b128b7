import type { ApiObject } from "../rest/rest-client.js";

/**
 * The values an object is filed under in one index; an object may have
 * none or many. It must depend only on the object.
 */
export type IndexFunction<T> = (object: T) => readonly string[];

/** Index of objects by namespace ("" for cluster-scoped ones). */
export const namespaceIndex = "namespace";
/** Index of objects by each of their labels, as `key=value`. */
export const labelIndex = "label";
/** Index of objects by the uid of their controller owner (the ownerReference with `controller: true`). */
export const controllerIndex = "controller";

/** The object's namespace. */
export const byNamespace: IndexFunction<ApiObject> = (object) => [object.metadata?.namespace ?? ""];

/** `key=value` for every label of the object. */
export const byLabel: IndexFunction<ApiObject> = (object) => Object.entries(labelsOf(object)).map(([key, value]) => `${key}=${value}`);

/** The uid of the object's controller owner, if it has one. */
export const byControllerOwner: IndexFunction<ApiObject> = (object) => {
  const owners = object.metadata?.ownerReferences;
  if (!Array.isArray(owners)) return [];
  for (const owner of owners as unknown[]) {
    if (isRecord(owner) && owner.controller === true && typeof owner.uid === "string") return [owner.uid];
  }
  return [];
};

/** The three indexes every informer keeps. */
export const defaultIndexFunctions: Readonly<Record<string, IndexFunction<ApiObject>>> = {
  [namespaceIndex]: byNamespace,
  [labelIndex]: byLabel,
  [controllerIndex]: byControllerOwner,
};

/** The object's labels; a malformed label map counts as none. */
export function labelsOf(object: ApiObject): Record<string, string> {
  const labels = object.metadata?.labels;
  if (!isRecord(labels)) return {};
  const result: Record<string, string> = {};
  for (const [key, value] of Object.entries(labels)) if (typeof value === "string") result[key] = value;
  return result;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
