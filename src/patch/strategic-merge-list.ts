import { getMember, isJsonObject, jsonKind, type JsonKind, type JsonObject, type JsonValue } from "./json-value.js";
import { patchDirective, withoutDirectives } from "./strategic-merge-directives.js";
import { failAt, itemPath } from "./strategic-merge-path.js";

/**
 * Lists with patch strategy `merge`, as the apiserver merges them: scalars
 * by value (a union), objects by their merge key (matching items merged,
 * new ones added, `$patch: delete` items removing, one `$patch: replace`
 * item replacing the whole list), then put in the order the patch asks for.
 */

/** Merges one item of the stored list with the patch item of the same key. */
export type MergeItem = (original: JsonObject, patch: JsonObject, path: string) => JsonObject;

export interface MergedList {
  items: JsonValue[];
  /**
   * The stored order a later `$setElementOrder` consults. In Kubernetes this
   * is the stored list after deletions closed up and additions were appended
   * in its place, cut to its former length (Go's slices share storage), and
   * its own tests pin the resulting orders; so it is reproduced here.
   */
  storedOrder: JsonValue[];
}

/**
 * `original` is the engine's own copy and may be reused; `patch` is not changed.
 * Items the patch names come in the patch's order; the others keep their
 * place relative to them as far as the stored order allows.
 */
export function mergeList(
  original: JsonValue[],
  patch: JsonValue[],
  mergeKey: string | undefined,
  mergeItem: MergeItem,
  path: string,
): MergedList {
  if (original.length === 0 && patch.length === 0) return { items: original, storedOrder: original };
  if (elementKind([...original, ...patch], path) !== "object") {
    const merged = uniqueScalars([...original, ...patch]);
    return { items: orderMerged(merged, patch, original, scalarIdentity), storedOrder: original };
  }
  if (mergeKey === undefined) throw failAt("Invalid", path, "cannot merge lists without merge key");
  const identity = mergeKeyIdentity(mergeKey, path);

  const deleted = new Set<string>();
  const items: JsonObject[] = [];
  let replace = false;
  for (const item of patch as JsonObject[]) {
    if (!Object.hasOwn(item, patchDirective)) {
      items.push(item);
      continue;
    }
    const directive = item[patchDirective];
    if (directive === "delete") {
      deleted.add(identity(item));
    } else if (directive === "replace") {
      replace = true;
    } else if (directive === "merge") {
      throw failAt("Invalid", path, "merging lists cannot yet be specified in the patch");
    } else {
      throw failAt("Invalid", path, `unknown patch type: ${JSON.stringify(directive)} in map: ${JSON.stringify(item)}`);
    }
  }
  const stored = original.filter((item) => {
    const key = isJsonObject(item) ? optionalKey(item, mergeKey) : undefined;
    return key === undefined || !deleted.has(key);
  });
  if (replace) {
    const replacement = items.map((item) => withoutDirectives(item, path) as JsonValue);
    // Kubernetes still requires every item of the replacement to carry the merge key.
    replacement.forEach(identity);
    return { items: replacement, storedOrder: stored };
  }

  // Each patch item merges into the first stored item with its key, or is added.
  const merged = [...stored];
  const positions = new Map<string, number>();
  merged.forEach((item, i) => {
    const key = isJsonObject(item) ? optionalKey(item, mergeKey) : undefined;
    if (key !== undefined && !positions.has(key)) positions.set(key, i);
  });
  for (const item of items) {
    const key = identity(item);
    const position = positions.get(key);
    const match = position === undefined ? undefined : merged[position];
    if (position !== undefined && isJsonObject(match)) {
      merged[position] = mergeItem(match, item, itemPath(path, mergeKey, item[mergeKey]));
    } else {
      positions.set(key, merged.length);
      merged.push(withoutDirectives(item, path) as JsonValue);
    }
  }
  return {
    items: orderMerged(merged, items, stored, identity),
    storedOrder: merged.slice(0, original.length),
  };
}

/**
 * Puts a merged list in the order of `order` ($setElementOrder); items it
 * does not name are placed by the stored order (see MergedList). Checks, as
 * Kubernetes does, that the patch list names its items in the same relative order.
 */
export function orderList(
  merged: MergedList,
  order: JsonValue[],
  patchList: JsonValue[],
  mergeKey: string | undefined,
  path: string,
): JsonValue[] {
  const { items, storedOrder } = merged;
  const objects = elementKind([...storedOrder, ...patchList, ...items], path) === "object";
  if (objects && mergeKey === undefined) throw failAt("Invalid", path, "cannot order a list of objects without merge key");
  const identity = objects ? mergeKeyIdentity(mergeKey as string, path) : scalarIdentity;
  checkPatchOrder(patchList, order, identity, path);
  return orderMerged(items, order, storedOrder, identity);
}

/** Identifies a list item: a scalar by its value, an object by its merge key's value. */
type Identity = (item: JsonValue) => string;

function scalarIdentity(item: JsonValue): string {
  return JSON.stringify(item);
}

function mergeKeyIdentity(mergeKey: string, path: string): Identity {
  return (item) => {
    const key = isJsonObject(item) ? optionalKey(item, mergeKey) : undefined;
    if (key === undefined) {
      throw failAt("Invalid", path, `map: ${JSON.stringify(item)} does not contain declared merge key: ${mergeKey}`);
    }
    return key;
  };
}

/** The merge key's value as an identity; a missing or null key is none. */
function optionalKey(item: JsonObject, mergeKey: string): string | undefined {
  const value = getMember(item, mergeKey);
  return value === undefined || value === null ? undefined : JSON.stringify(value);
}

/** The one kind all items share; mixed kinds and nested lists cannot merge. */
function elementKind(items: JsonValue[], path: string): JsonKind | undefined {
  let kind: JsonKind | undefined;
  for (const item of items) {
    const itemKind = jsonKind(item);
    if (itemKind === "array") throw failAt("Invalid", path, "lists of lists are not supported");
    if (kind !== undefined && kind !== itemKind) throw failAt("Invalid", path, "list element types are not identical");
    kind = itemKind;
  }
  return kind;
}

function uniqueScalars(items: JsonValue[]): JsonValue[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const identity = scalarIdentity(item);
    if (seen.has(identity)) return false;
    seen.add(identity);
    return true;
  });
}

/**
 * Kubernetes' order for a merged list: the items `order` names, sorted as it
 * lists them, interleaved with the other items, sorted as `stored` had them;
 * an unnamed item goes before a named one only when `stored` had it first.
 */
function orderMerged(merged: JsonValue[], order: JsonValue[], stored: JsonValue[], identity: Identity): JsonValue[] {
  const named = firstPositions(order, identity);
  const fromPatch = sortByPosition(merged.filter((item) => named.has(identity(item))), named, identity);
  const storedPositions = firstPositions(stored, identity);
  const serverOnly = sortByPosition(merged.filter((item) => !named.has(identity(item))), storedPositions, identity);

  const result: JsonValue[] = [];
  let s = 0;
  let p = 0;
  while (s < serverOnly.length || p < fromPatch.length) {
    const server = serverOnly[s];
    const patched = fromPatch[p];
    if (patched === undefined) {
      result.push(server as JsonValue);
      s++;
    } else if (server === undefined) {
      result.push(patched);
      p++;
    } else {
      const serverAt = storedPositions.get(identity(server));
      const patchedAt = storedPositions.get(identity(patched));
      if (serverAt !== undefined && patchedAt !== undefined && serverAt < patchedAt) {
        result.push(server);
        s++;
      } else {
        result.push(patched);
        p++;
      }
    }
  }
  return result;
}

function firstPositions(items: JsonValue[], identity: Identity): Map<string, number> {
  const positions = new Map<string, number>();
  items.forEach((item, i) => {
    const key = identity(item);
    if (!positions.has(key)) positions.set(key, i);
  });
  return positions;
}

/** A stable sort by position; items without one keep their order at the end. */
function sortByPosition(items: JsonValue[], positions: Map<string, number>, identity: Identity): JsonValue[] {
  return items
    .map((item, i) => ({ item, at: positions.get(identity(item)) ?? Number.MAX_SAFE_INTEGER, i }))
    .sort((a, b) => a.at - b.at || a.i - b.i)
    .map(({ item }) => item);
}

/** The patch list's items (deletions aside) must appear in `order`, in the same relative order. */
function checkPatchOrder(patchList: JsonValue[], order: JsonValue[], identity: Identity, path: string): void {
  if (order.length === 0) return;
  const named = patchList.filter((item) => !(isJsonObject(item) && Object.hasOwn(item, patchDirective)));
  let p = 0;
  for (let o = 0; o < order.length && p < named.length; o++) {
    if (identity(named[p] as JsonValue) === identity(order[o] as JsonValue)) p++;
  }
  if (p < named.length) {
    throw failAt(
      "Invalid",
      path,
      `the order in patch list ${JSON.stringify(patchList)} doesn't match $setElementOrder list ${JSON.stringify(order)}`,
    );
  }
}
