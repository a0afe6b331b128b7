import { FieldSet } from "../fieldpath/field-set.js";
import type { FieldPath } from "../fieldpath/path-element.js";
import { isNamedField, memberSchema, untyped, type TypeSchema } from "../schema/type-schema.js";
import { itemSchema } from "./shape.js";

/** The type one step down `path`'s element from `schema`. */
function stepSchema(schema: TypeSchema, path: FieldPath, index: number): TypeSchema {
  const element = path[index];
  if (element === undefined) return schema;
  if (element.kind === "field") return memberSchema(schema, element.name);
  return schema.type === "list" && schema.list !== "atomic" ? itemSchema(schema) : untyped;
}

/**
 * The set with every struct field that leads to a member made a member too,
 * as structured-merge-diff's EnsureNamedFieldsAreMembers: owning
 * `spec.replicas` then counts as owning `spec` when deciding what to remove.
 * Map keys and list items that lead to members are not added.
 */
export function withNamedFieldsAsMembers(set: FieldSet, schema: TypeSchema): FieldSet {
  const result = new FieldSet();
  for (const path of set.paths()) {
    result.insert(path);
    let current = schema;
    for (let i = 0; i < path.length - 1; i++) {
      const element = path[i];
      if (element?.kind === "field" && isNamedField(current)) result.insert(path.slice(0, i + 1));
      current = stepSchema(current, path, i);
    }
  }
  return result;
}
