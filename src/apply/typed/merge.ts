import { cloneJson, getMember, isJsonObject, setMember, type JsonObject, type JsonValue } from "../../patch/json-value.js";
import { fieldElement, type FieldPath } from "../fieldpath/path-element.js";
import { memberSchema, type TypeSchema } from "../schema/type-schema.js";
import { itemSchema, keyItems, keyStoredItems, shapeOf, type ItemListSchema, type KeyedItem } from "./shape.js";

/**
 * Merges an applied configuration into the live object, as
 * structured-merge-diff does: leaves (and atomic lists, maps and structs)
 * take the configuration's value; objects merge member by member; keyed
 * lists and sets merge item by item, items the configuration names taking its
 * order and the others keeping their place. Neither input is changed.
 *
 * @throws ItemKeyError when the configuration has a keyed list item without its key or a duplicate.
 */
export function mergeObjects(live: JsonValue | undefined, config: JsonValue, schema: TypeSchema): JsonValue {
  return mergeNode(live, config, schema, []) ?? {};
}

function mergeNode(live: JsonValue | undefined, config: JsonValue | undefined, schema: TypeSchema, path: FieldPath): JsonValue | undefined {
  const shape = shapeOf(schema, [live, config], true);
  if (shape.kind === "members") return mergeMembers(live, config, shape.schema, path);
  if (shape.kind === "items") {
    const stored = keyStoredItems(shape.schema, (live ?? []) as JsonValue[], path);
    // A stored list whose items cannot be keyed cannot merge: the configuration replaces it.
    if (stored !== undefined) {
      const applied = keyItems(shape.schema, (config ?? []) as JsonValue[], path, true);
      const items = mergeItems(stored, applied, shape.schema, path);
      return items.length > 0 ? items : undefined;
    }
  }
  const chosen = config !== undefined ? config : live;
  return chosen === undefined ? undefined : cloneJson(chosen);
}

function mergeMembers(live: JsonValue | undefined, config: JsonValue | undefined, schema: TypeSchema, path: FieldPath): JsonValue | undefined {
  const left = isJsonObject(live) ? live : {};
  const right = isJsonObject(config) ? config : {};
  const out: JsonObject = {};
  for (const name of new Set([...Object.keys(left), ...Object.keys(right)])) {
    const merged = mergeNode(getMember(left, name), getMember(right, name), memberSchema(schema, name), [...path, fieldElement(name)]);
    if (merged !== undefined) setMember(out, name, merged);
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/**
 * structured-merge-diff's list merge order: walk both lists; an item only
 * the live list has stays where it is; the configuration's items come in the
 * configuration's order, each merged with its live counterpart. A key the
 * live list repeats is replaced by the configuration's item when it names
 * that key, and otherwise kept as it is.
 */
function mergeItems(live: readonly KeyedItem[], applied: readonly KeyedItem[], schema: ItemListSchema, path: FieldPath): JsonValue[] {
  const liveById = new Map<string, JsonValue | undefined>();
  for (const { id, item } of live) liveById.set(id, liveById.has(id) ? undefined : item);
  const appliedById = new Map(applied.map(({ id, item }) => [id, item]));
  const shared = applied.filter(({ id }) => liveById.has(id)).map(({ id }) => id);
  let sharedIndex = 0;
  const merged = new Set<string>();
  const out: JsonValue[] = [];
  const emit = (id: string, liveItem: JsonValue | undefined, appliedItem: JsonValue | undefined, itemPath: FieldPath): void => {
    const item = mergeNode(liveItem, appliedItem, itemSchema(schema), itemPath);
    if (item !== undefined) out.push(item);
    merged.add(id);
  };

  let l = 0;
  let r = 0;
  while (l < live.length || r < applied.length) {
    const left = live[l];
    const right = applied[r];
    if (left !== undefined && right !== undefined) {
      if (left.id === right.id) {
        emit(left.id, liveById.get(left.id), right.item, [...path, left.element]);
        l++;
        r++;
        sharedIndex++;
        continue;
      }
      const nextShared = shared[sharedIndex];
      if (appliedById.has(left.id) && nextShared !== undefined && nextShared !== left.id) {
        l++;
        continue;
      }
    }
    if (left !== undefined) {
      if (!appliedById.has(left.id)) {
        emit(left.id, left.item, undefined, [...path, left.element]);
        l++;
        continue;
      }
      if (merged.has(left.id)) l++;
    }
    if (right !== undefined) {
      emit(right.id, liveById.get(right.id), right.item, [...path, right.element]);
      r++;
      if (shared[sharedIndex] === right.id) sharedIndex++;
    }
  }
  return out;
}

/**
 * The object without null members, at any depth: an applied null clears a
 * field (Go decodes it as the zero value, which it leaves out), while its
 * applier still owns it.
 */
export function withoutNulls(value: JsonValue): JsonValue {
  if (Array.isArray(value)) return value.map((item) => (isJsonObject(item) ? withoutNulls(item) : item));
  if (!isJsonObject(value)) return value;
  const out: JsonObject = {};
  for (const [name, member] of Object.entries(value)) if (member !== null) setMember(out, name, withoutNulls(member));
  return out;
}
