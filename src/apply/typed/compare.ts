import { getMember, isJsonObject, jsonEqual, type JsonValue } from "../../patch/json-value.js";
import { FieldSet } from "../fieldpath/field-set.js";
import { fieldElement, type FieldPath, type PathElement } from "../fieldpath/path-element.js";
import { memberSchema, type TypeSchema } from "../schema/type-schema.js";
import { itemSchema, keyStoredItems, shapeOf, type ItemListSchema, type KeyedItem } from "./shape.js";

/** What changed between two objects, as field paths. */
export interface Comparison {
  readonly added: FieldSet;
  readonly modified: FieldSet;
  readonly removed: FieldSet;
}

/**
 * Compares two versions of an object field by field, as structured-merge-diff
 * does: a changed leaf is modified; an added or removed leaf, list item, map
 * key or list is added or removed, along with everything under it.
 *
 * One difference, for Kubernetes' look: a struct field holding other fields is
 * never added or removed itself, only its fields are. Go encodes most structs
 * even when empty, so Kubernetes rarely sees one appear; without Go types,
 * skiff treats them all alike.
 */
export function compareObjects(before: JsonValue | undefined, after: JsonValue | undefined, schema: TypeSchema): Comparison {
  const comparison = { added: new FieldSet(), modified: new FieldSet(), removed: new FieldSet() };
  compareNode(before, after, schema, [], false, comparison);
  return comparison;
}

function compareNode(
  before: JsonValue | undefined,
  after: JsonValue | undefined,
  schema: TypeSchema,
  path: FieldPath,
  isItem: boolean,
  out: Comparison,
): void {
  const shape = shapeOf(schema, [before, after], true);
  if (shape.kind === "members") {
    compareMembers(before, after, shape.schema, path, out);
  } else if (shape.kind === "items") {
    const keyed = [before, after].map((list) => keyStoredItems(shape.schema, (list ?? []) as JsonValue[], path));
    if (keyed[0] !== undefined && keyed[1] !== undefined) compareItems(keyed[0], keyed[1], shape.schema, path, out);
    else compareLeaf(before, after, path, out);
  } else {
    compareLeaf(before, after, path, out);
    return;
  }
  const isStruct = !isItem && (schema.type === "struct" || schema.type === "untyped");
  if (path.length === 0 || isStruct) return;
  if (before === undefined) out.added.insert(path);
  else if (after === undefined) out.removed.insert(path);
}

function compareLeaf(before: JsonValue | undefined, after: JsonValue | undefined, path: FieldPath, out: Comparison): void {
  if (path.length === 0) return;
  if (before === undefined) {
    if (after !== undefined) out.added.insert(path);
  } else if (after === undefined) out.removed.insert(path);
  else if (!jsonEqual(before, after)) out.modified.insert(path);
}

function compareMembers(before: JsonValue | undefined, after: JsonValue | undefined, schema: TypeSchema, path: FieldPath, out: Comparison): void {
  const left = isJsonObject(before) ? before : {};
  const right = isJsonObject(after) ? after : {};
  const names = new Set([...Object.keys(left), ...Object.keys(right)]);
  for (const name of names) {
    compareNode(getMember(left, name), getMember(right, name), memberSchema(schema, name), [...path, fieldElement(name)], false, out);
  }
}

/** Items by id; an id that occurs more than once maps to all its items. */
function groupItems(items: readonly KeyedItem[]): Map<string, { element: PathElement; items: JsonValue[] }> {
  const groups = new Map<string, { element: PathElement; items: JsonValue[] }>();
  for (const { id, element, item } of items) {
    const group = groups.get(id);
    if (group === undefined) groups.set(id, { element, items: [item] });
    else group.items.push(item);
  }
  return groups;
}

// Duplicated keys (which a stored list may have) are compared as one atomic item.
function compareItems(before: readonly KeyedItem[], after: readonly KeyedItem[], schema: ItemListSchema, path: FieldPath, out: Comparison): void {
  const left = groupItems(before);
  const right = groupItems(after);
  const ids = new Set([...left.keys(), ...right.keys()]);
  for (const id of ids) {
    const l = left.get(id);
    const r = right.get(id);
    const element = (l ?? r)?.element as PathElement;
    const itemPath = [...path, element];
    const lItems = l?.items ?? [];
    const rItems = r?.items ?? [];
    if (lItems.length <= 1 && rItems.length <= 1) {
      compareNode(lItems[0], rItems[0], itemSchema(schema), itemPath, true, out);
    } else if (lItems.length >= 2 && rItems.length >= 2) {
      if (!jsonEqual(lItems, rItems)) out.modified.insert(itemPath);
    } else if (lItems.length >= 2) {
      if (rItems.length === 1) compareNode(undefined, rItems[0], itemSchema(schema), itemPath, true, out);
      out.removed.insert(itemPath);
    } else {
      if (lItems.length === 1) compareNode(lItems[0], undefined, itemSchema(schema), itemPath, true, out);
      out.added.insert(itemPath);
    }
  }
}
