import { isJsonObject, setMember, type JsonObject, type JsonValue } from "./json-value.js";
import { failAt, join } from "./strategic-merge-path.js";

/**
 * The `$` keys of a strategic merge patch, as k8s.io/apimachinery's
 * strategicpatch package reads them, and the clean-up of patch content that
 * lands in the result without anything to merge with.
 */

export const patchDirective = "$patch";
const retainKeysDirective = "$retainKeys";
const setElementOrderPrefix = "$setElementOrder";
const deleteFromPrimitiveListPrefix = "$deleteFromPrimitiveList";

/** What one key of a patch object asks for. */
export type PatchKey =
  | { kind: "field" }
  /** `$patch: replace | delete`, for the object it sits in. */
  | { kind: "patch" }
  /** `$retainKeys: [...]`: clear every other field of the stored object. */
  | { kind: "retainKeys" }
  /** `$setElementOrder/<field>: [...]`: the order the list `field` must end in. */
  | { kind: "setElementOrder"; field: string }
  /** `$deleteFromPrimitiveList/<field>: [...]`: values to take out of the scalar list `field`. */
  | { kind: "deleteFromPrimitiveList"; field: string };

/** Reads one patch key; a `$` key that is no directive, or a malformed one, is a BadRequest. */
export function classifyPatchKey(key: string, path: string): PatchKey {
  if (!key.startsWith("$")) return { kind: "field" };
  if (key === patchDirective) return { kind: "patch" };
  if (key === retainKeysDirective) return { kind: "retainKeys" };
  if (key.startsWith(setElementOrderPrefix)) {
    return { kind: "setElementOrder", field: suffix(key, setElementOrderPrefix, "setElementOrder list", path) };
  }
  if (key.startsWith(deleteFromPrimitiveListPrefix)) {
    return { kind: "deleteFromPrimitiveList", field: suffix(key, deleteFromPrimitiveListPrefix, "primitive list", path) };
  }
  throw failAt("BadRequest", path, `unknown patch directive ${JSON.stringify(key)}`);
}

function suffix(key: string, prefix: string, what: string, path: string): string {
  if (key[prefix.length] !== "/") {
    throw failAt("BadRequest", path, `invalid patch format of ${what}: ${JSON.stringify(key)}`);
  }
  return key.slice(prefix.length + 1);
}

/**
 * Patch content that meets nothing to merge with, made fit to store: members
 * set to null are dropped (there is nothing to delete), objects carrying
 * `$patch` are dropped, and the other directives are removed. Undefined
 * means "nothing", for a value that is itself a `$patch` object.
 * Returns new values; the patch is not changed.
 */
export function withoutDirectives(value: JsonValue, path: string): JsonValue | undefined {
  if (Array.isArray(value)) {
    const items: JsonValue[] = [];
    value.forEach((item, i) => {
      const clean = withoutDirectives(item, `${path}[${i}]`);
      if (clean !== undefined) items.push(clean);
    });
    return items;
  }
  if (!isJsonObject(value)) return value;
  if (Object.hasOwn(value, patchDirective)) return undefined;
  const object: JsonObject = {};
  for (const [key, member] of Object.entries(value)) {
    if (classifyPatchKey(key, path).kind !== "field" || member === null) continue;
    const clean = withoutDirectives(member, join(path, key));
    if (clean !== undefined) setMember(object, key, clean);
  }
  return object;
}
