import { setMember, type JsonObject, type JsonValue } from "../../patch/json-value.js";
import type { FieldSet } from "../fieldpath/field-set.js";
import { fieldElement, serializeElement, type FieldPath } from "../fieldpath/path-element.js";
import { memberSchema, type TypeSchema } from "../schema/type-schema.js";
import { itemSchema, keyStoredItems, shapeOf } from "./shape.js";

/**
 * The object without the fields, map keys and list items whose paths are
 * members of `paths` (each with everything under it). An object or list
 * emptied this way goes too, as Go leaves out the nil it becomes. Atomic
 * values are removed whole or kept whole. The input is not changed.
 */
export function removeItems(value: JsonValue, paths: FieldSet, schema: TypeSchema): JsonValue {
  return removeNode(value, paths, schema, []) ?? {};
}

function removeNode(value: JsonValue, paths: FieldSet, schema: TypeSchema, path: FieldPath): JsonValue | undefined {
  const shape = shapeOf(schema, [value], false);
  if (shape.kind === "members") {
    const out: JsonObject = {};
    let changed = false;
    for (const [name, member] of Object.entries(value as JsonObject)) {
      const key = serializeElement(fieldElement(name));
      const kept = paths.hasMember(key) ? undefined : below(member, paths.childSet(key), memberSchema(shape.schema, name), [...path, fieldElement(name)]);
      if (kept === member) setMember(out, name, member);
      else {
        changed = true;
        if (kept !== undefined) setMember(out, name, kept);
      }
    }
    return !changed ? value : Object.keys(out).length > 0 ? out : undefined;
  }
  if (shape.kind === "items") {
    const items = keyStoredItems(shape.schema, value as JsonValue[], path);
    if (items === undefined) return value;
    const out: JsonValue[] = [];
    let changed = false;
    for (const { id, element, item } of items) {
      const kept = paths.hasMember(id) ? undefined : below(item, paths.childSet(id), itemSchema(shape.schema), [...path, element]);
      if (kept !== item) changed = true;
      if (kept !== undefined) out.push(kept);
    }
    return !changed ? value : out.length > 0 ? out : undefined;
  }
  return value;
}

function below(value: JsonValue, paths: FieldSet | undefined, schema: TypeSchema, path: FieldPath): JsonValue | undefined {
  return paths === undefined ? value : removeNode(value, paths, schema, path);
}
