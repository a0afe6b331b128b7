import { isJsonObject, type JsonValue } from "../../patch/json-value.js";
import { FieldSet } from "../fieldpath/field-set.js";
import { fieldElement, type FieldPath } from "../fieldpath/path-element.js";
import { isNamedField, memberSchema, type TypeSchema } from "../schema/type-schema.js";
import { itemSchema, keyItems, shapeOf } from "./shape.js";

/**
 * The fields an applied configuration sets, as structured-merge-diff's
 * ToFieldSet counts them: every leaf (scalar, atomic list, map or struct),
 * every keyed list item (also owned as a whole), every map key, and members
 * whose value is null or `{}`. A struct that merely holds other fields is not
 * a member itself.
 *
 * @throws ItemKeyError when a keyed list has an item without its key or a duplicate.
 */
export function toFieldSet(value: JsonValue, schema: TypeSchema): FieldSet {
  const set = new FieldSet();
  collect(value, schema, [], set);
  return set;
}

function isGranularContainer(schema: TypeSchema): boolean {
  if (schema.type === "list") return schema.list !== "atomic";
  if (schema.type === "struct" || schema.type === "map") return !schema.atomic;
  return schema.type === "untyped";
}

function collect(value: JsonValue, schema: TypeSchema, path: FieldPath, set: FieldSet): void {
  // A null container owns nothing inside; its parent owns the null itself.
  if (value === null && isGranularContainer(schema)) return;
  const shape = shapeOf(schema, [value], false);
  if (shape.kind === "leaf") {
    if (path.length > 0) set.insert(path);
    return;
  }
  if (shape.kind === "items") {
    for (const { element, item } of keyItems(shape.schema, value as JsonValue[], path, true)) {
      const itemPath = [...path, element];
      collect(item, itemSchema(shape.schema), itemPath, set);
      set.insert(itemPath);
    }
    return;
  }
  for (const [name, member] of Object.entries(value as Record<string, JsonValue>)) {
    const memberPath = [...path, fieldElement(name)];
    collect(member, memberSchema(shape.schema, name), memberPath, set);
    const empty = member === null || (isJsonObject(member) && Object.keys(member).length === 0);
    if (empty || !isNamedField(shape.schema)) set.insert(memberPath);
  }
}
