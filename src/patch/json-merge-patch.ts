import { cloneJson, getMember, isJsonObject, setMember, type JsonValue } from "./json-value.js";
import { assertJson } from "./patch-error.js";

/**
 * Applies an RFC 7386 JSON merge patch (`application/merge-patch+json`):
 * objects merge member by member, `null` removes a member, and anything else
 * (arrays included) replaces what was there. Neither input is changed; the
 * result shares nothing with them.
 *
 * @example jsonMergePatch({ a: 1, b: [1] }, { a: null, b: [2] }) // → { b: [2] }
 * @throws PatchError (BadRequest) only when an input is not bounded JSON.
 */
export function jsonMergePatch(original: JsonValue, patch: JsonValue): JsonValue {
  assertJson(original, "document");
  assertJson(patch, "merge patch");
  return mergeInto(cloneJson(original), patch);
}

/** `target` is the engine's own copy, so it is changed in place. */
function mergeInto(target: JsonValue | undefined, patch: JsonValue): JsonValue {
  if (!isJsonObject(patch)) return cloneJson(patch);
  const result = isJsonObject(target) ? target : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else setMember(result, key, mergeInto(getMember(result, key), value));
  }
  return result;
}
