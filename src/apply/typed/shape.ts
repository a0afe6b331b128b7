import { getMember, isJsonObject, type JsonObject, type JsonValue } from "../../patch/json-value.js";
import { formatPath, keyElement, serializeElement, type FieldPath, type KeyField, type PathElement } from "../fieldpath/path-element.js";
import { scalar, type ListMapSchema, type TypeSchema } from "../schema/type-schema.js";

/**
 * How the apply walkers treat a node, given its type and the values at hand:
 * as a leaf (compared, merged and owned whole), as an object whose members
 * are walked one by one, or as a list whose items are walked by key.
 * A value of the wrong shape for its type is a leaf: the walkers never fail
 * on it, and the object's validation reports it.
 */
export type Shape =
  | { readonly kind: "leaf" }
  | { readonly kind: "members"; readonly schema: TypeSchema }
  | { readonly kind: "items"; readonly schema: ItemListSchema };

/** A list whose items are owned one by one. */
export type ItemListSchema = ListMapSchema | { readonly type: "list"; readonly list: "set" };

const leaf: Shape = { kind: "leaf" };

function isEmpty(value: JsonValue | undefined): boolean {
  if (value === undefined || value === null) return true;
  if (Array.isArray(value)) return value.length === 0;
  return isJsonObject(value) && Object.keys(value).length === 0;
}

/**
 * The shape of a node whose values are `values` (absent ones undefined).
 * With `emptyIsLeaf`, a node that is empty or absent on every side is a leaf,
 * as structured-merge-diff compares and merges it, so `{}` and `[]` stay
 * distinct from absent.
 */
export function shapeOf(schema: TypeSchema, values: ReadonlyArray<JsonValue | undefined>, emptyIsLeaf: boolean): Shape {
  if (emptyIsLeaf && values.every(isEmpty)) return leaf;
  const present = values.filter((v): v is JsonValue => v !== undefined && v !== null);
  switch (schema.type) {
    case "scalar":
      return leaf;
    case "list":
      if (schema.list === "atomic") return leaf;
      return present.every((v) => Array.isArray(v)) ? { kind: "items", schema } : leaf;
    case "struct":
    case "map":
      if (schema.atomic) return leaf;
      return present.every(isJsonObject) ? { kind: "members", schema } : leaf;
    case "untyped":
      return present.length > 0 && present.every(isJsonObject) ? { kind: "members", schema } : leaf;
  }
}

/** The type of a keyed list's items; a set holds scalars. */
export function itemSchema(schema: ItemListSchema): TypeSchema {
  return schema.list === "map" ? schema.items : scalar;
}

/** One list item with the element that names it in field paths. */
export interface KeyedItem {
  readonly element: PathElement;
  /** `serializeElement(element)`: the item's identity. */
  readonly id: string;
  readonly item: JsonValue;
}

/** Why a list's items cannot be told apart, in structured-merge-diff's words. */
export class ItemKeyError extends Error {
  constructor(readonly path: FieldPath, detail: string) {
    super(`${formatPath(path)}: ${detail}`);
    this.name = "ItemKeyError";
  }
}

function keyFields(schema: ListMapSchema, item: JsonObject, index: number, path: FieldPath): KeyField[] {
  return schema.keys.map((name) => {
    const value = getMember(item, name) ?? getMember(schema.keyDefaults, name);
    if (value === undefined) {
      throw new ItemKeyError(path, `element ${index}: associative list with keys has an element that omits key field "${name}" (and doesn't have default value)`);
    }
    return { name, value };
  });
}

function itemElement(schema: ItemListSchema, item: JsonValue, index: number, path: FieldPath): PathElement {
  if (schema.list === "map") {
    if (!isJsonObject(item)) throw new ItemKeyError(path, `element ${index}: associative list with keys may not have non-map elements`);
    return keyElement(keyFields(schema, item, index, path));
  }
  if (item === null || typeof item === "object") {
    throw new ItemKeyError(path, `element ${index}: associative list without keys may only hold scalars`);
  }
  return { kind: "value", value: item };
}

/**
 * The items of a keyed list or set with their elements, in list order.
 * Duplicates are kept unless `unique`, which refuses them.
 *
 * @throws ItemKeyError when an item has no key, or a duplicate is refused.
 */
export function keyItems(schema: ItemListSchema, items: readonly JsonValue[], path: FieldPath, unique: boolean): KeyedItem[] {
  const seen = new Set<string>();
  return items.map((item, index) => {
    const element = itemElement(schema, item, index, path);
    const id = serializeElement(element);
    if (unique && seen.has(id)) throw new ItemKeyError(path, `duplicate entries for key ${formatPath([element])}`);
    seen.add(id);
    return { element, id, item };
  });
}

/** Like `keyItems` for a stored list, which is not refused: undefined when an item has no key. */
export function keyStoredItems(schema: ItemListSchema, items: readonly JsonValue[], path: FieldPath): KeyedItem[] | undefined {
  try {
    return keyItems(schema, items, path, false);
  } catch (error) {
    if (error instanceof ItemKeyError) return undefined;
    throw error;
  }
}
