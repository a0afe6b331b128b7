import { PatchError, type PatchErrorReason } from "./patch-error.js";

/**
 * Field paths for strategic merge patch errors: `spec.template.spec.containers`,
 * and `containers[name=web]` for the item of a merged list with that merge key.
 */

/** `spec` + `containers` → `spec.containers`; the root has the empty path. */
export function join(path: string, field: string): string {
  return path === "" ? field : `${path}.${field}`;
}

/** The path of a list item, named by its merge key when it has one. */
export function itemPath(path: string, mergeKey: string, key: unknown): string {
  return `${path}[${mergeKey}=${typeof key === "string" ? key : JSON.stringify(key)}]`;
}

/** A PatchError whose message starts with the path, as field errors do: `spec.containers: ...`. */
export function failAt(reason: PatchErrorReason, path: string, message: string): PatchError {
  return path === "" ? new PatchError(reason, message) : new PatchError(reason, `${path}: ${message}`, { path });
}
