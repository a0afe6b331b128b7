import { cloneJson, getMember, isJsonObject, jsonEqual, jsonKind, setMember, type JsonObject, type JsonValue } from "./json-value.js";
import { assertJson } from "./patch-error.js";
import { classifyPatchKey, patchDirective, withoutDirectives } from "./strategic-merge-directives.js";
import { mergeList, orderList, type MergedList } from "./strategic-merge-list.js";
import type { FieldPatchMeta, StructPatchMeta } from "./strategic-merge-meta.js";
import { failAt, join } from "./strategic-merge-path.js";

/**
 * Applies a Kubernetes strategic merge patch
 * (`application/strategic-merge-patch+json`) as the apiserver does
 * (k8s.io/apimachinery/pkg/util/strategicpatch): like a JSON merge patch,
 * except that lists whose field has patch strategy `merge` in `meta` merge
 * item by item, and that the patch may carry directives:
 * `$patch: replace | delete` in an object or a list item,
 * `$retainKeys`, `$setElementOrder/<list>` and `$deleteFromPrimitiveList/<list>`.
 * Neither input is changed; the result shares nothing with them.
 *
 * Where Kubernetes would store directive leftovers (content that meets
 * nothing to merge with), the result is cleaned instead: nulls and
 * directives in it are dropped, as kubectl's own create path would.
 *
 * @example
 * strategicMergePatch(deployment, {
 *   spec: { template: { spec: { containers: [{ name: "sidecar", $patch: "delete" }] } } },
 * }, metaForKind("apps", "Deployment")!)
 * @throws PatchError, and nothing else, on any input.
 */
export function strategicMergePatch(original: JsonValue, patch: JsonValue, meta: StructPatchMeta): JsonObject {
  assertJson(original, "document");
  assertJson(patch, "strategic merge patch");
  if (!isJsonObject(original)) throw failAt("BadRequest", "", "invalid JSON document: the object to patch is not a JSON object");
  if (!isJsonObject(patch)) {
    throw failAt("BadRequest", "", `invalid JSON document: a strategic merge patch must be a JSON object, not ${jsonKind(patch)}`);
  }
  return mergeObject(cloneJson(original), patch, meta, "");
}

/** `original` is the engine's own copy and is changed in place; `patch` is only read. */
function mergeObject(original: JsonObject, patch: JsonObject, meta: StructPatchMeta | undefined, path: string): JsonObject {
  if (Object.hasOwn(patch, patchDirective)) return objectDirective(patch, path);
  retainKeys(original, patch, path);

  // Orders first, as Kubernetes does: they merge their list themselves, so the list is skipped below.
  const ordered = new Set<string>();
  for (const [key, order] of Object.entries(patch)) {
    const patchKey = classifyPatchKey(key, path);
    if (patchKey.kind !== "setElementOrder") continue;
    setElementOrder(original, patch, patchKey.field, order, fieldMeta(meta, patchKey.field), join(path, patchKey.field));
    ordered.add(patchKey.field);
  }

  for (const [key, value] of Object.entries(patch)) {
    const patchKey = classifyPatchKey(key, path);
    if (patchKey.kind === "deleteFromPrimitiveList") {
      deleteFromPrimitiveList(original, patchKey.field, value, join(path, patchKey.field));
    } else if (patchKey.kind === "field" && !ordered.has(key)) {
      mergeField(original, key, value, fieldMeta(meta, key), join(path, key));
    }
  }
  return original;
}

/** `$patch: replace` keeps only what the patch says; `$patch: delete` empties the object. */
function objectDirective(patch: JsonObject, path: string): JsonObject {
  const directive = patch[patchDirective];
  if (directive === "delete") return {};
  if (directive === "replace") {
    const { [patchDirective]: _directive, ...rest } = patch;
    return withoutDirectives(rest, path) as JsonObject;
  }
  throw failAt("Invalid", path, `unknown patch type: ${JSON.stringify(directive)} in map: ${JSON.stringify(patch)}`);
}

/** `$retainKeys: [...]` clears the stored fields it does not list; the patch may only set listed ones. */
function retainKeys(original: JsonObject, patch: JsonObject, path: string): void {
  const retained = getMember(patch, "$retainKeys");
  if (retained === undefined) return;
  if (!Array.isArray(retained)) throw failAt("BadRequest", path, "invalid patch format of retainKeys: $retainKeys must be a list");
  const keep = new Set(retained.filter((key): key is string => typeof key === "string"));
  for (const [key, value] of Object.entries(patch)) {
    if (value !== null && classifyPatchKey(key, path).kind === "field" && !keep.has(key)) {
      throw failAt("BadRequest", path, `invalid patch format of retainKeys: ${JSON.stringify(key)} is set but not in $retainKeys`);
    }
  }
  for (const key of Object.keys(original)) {
    if (!keep.has(key)) delete original[key];
  }
}

function setElementOrder(
  original: JsonObject,
  patch: JsonObject,
  field: string,
  order: JsonValue,
  meta: FieldPatchMeta | undefined,
  path: string,
): void {
  if (!Array.isArray(order)) throw failAt("BadRequest", path, "invalid patch format of setElementOrder list: it must be a list");
  // A stored null is as good as no list; a patch that sends the list must send a list.
  const storedValue = getMember(original, field);
  const stored = storedValue === null ? undefined : listOrAbsent(storedValue, "the stored value", path);
  const patchList = listOrAbsent(getMember(patch, field), "the patch value", path);
  let merged: MergedList;
  if (stored === undefined && patchList === undefined) return;
  if (patchList === undefined) merged = { items: stored as JsonValue[], storedOrder: stored as JsonValue[] };
  else if (stored === undefined) merged = { items: withoutDirectives(patchList, path) as JsonValue[], storedOrder: [] };
  else merged = mergeListField(stored, patchList, meta, path);
  setMember(original, field, orderList(merged, order, patchList ?? [], meta?.mergeKey, path));
}

function listOrAbsent(value: JsonValue | undefined, what: string, path: string): JsonValue[] | undefined {
  if (value === undefined || Array.isArray(value)) return value;
  throw failAt("Invalid", path, `$setElementOrder needs a list, but ${what} is ${jsonKind(value)}`);
}

/** Takes the listed values out of a stored list, whatever the field's strategy; a missing list stays missing. */
function deleteFromPrimitiveList(original: JsonObject, field: string, values: JsonValue, path: string): void {
  if (!Array.isArray(values)) throw failAt("BadRequest", path, "invalid patch format of primitive list: it must be a list");
  const stored = getMember(original, field);
  if (!Array.isArray(stored)) return;
  setMember(
    original,
    field,
    stored.filter((item) => !values.some((value) => jsonEqual(value, item))),
  );
}

function mergeField(original: JsonObject, key: string, value: JsonValue, meta: FieldPatchMeta | undefined, path: string): void {
  if (value === null) {
    delete original[key];
    return;
  }
  const stored = getMember(original, key);
  if (isJsonObject(stored) && isJsonObject(value)) {
    setMember(original, key, mergeObject(stored, value, meta?.fields, path));
  } else if (Array.isArray(stored) && Array.isArray(value)) {
    setMember(original, key, mergeListField(stored, value, meta, path).items);
  } else {
    const clean = withoutDirectives(value, path);
    if (clean === undefined) delete original[key];
    else setMember(original, key, clean);
  }
}

/** A list merges when its field's strategy says so; otherwise the patch's list replaces it. */
function mergeListField(stored: JsonValue[], patch: JsonValue[], meta: FieldPatchMeta | undefined, path: string): MergedList {
  if (meta?.strategy !== "merge" && meta?.strategy !== "merge,retainKeys") {
    return { items: withoutDirectives(patch, path) as JsonValue[], storedOrder: stored };
  }
  return mergeList(stored, patch, meta.mergeKey, (item, itemPatch, itemPath) => mergeObject(item, itemPatch, meta.fields, itemPath), path);
}

function fieldMeta(meta: StructPatchMeta | undefined, field: string): FieldPatchMeta | undefined {
  return meta !== undefined && Object.hasOwn(meta, field) ? meta[field] : undefined;
}
