import { unknownField, type FieldError } from "../validation/field-error.js";
import { FieldPath } from "../validation/field-path.js";
import { isPlainObject, shapeOf, zeroValueOf, type Schema } from "./shape.js";

/** Decoded JSON made ready for a schema, and the fields the schema does not know. */
export interface PreparedInput {
  value: unknown;
  unknownFields: FieldError[];
}

/** The path of a field under `parent`, or a top-level field when there is no parent. */
export function childPath(parent: FieldPath | undefined, name: string): FieldPath {
  return parent ? parent.child(name) : FieldPath.root(name);
}

/**
 * Copies decoded JSON into the form the schema parses, reading `null` as Go's
 * decoder does: a null field is absent (its zero value), a null list or map
 * element is the element type's zero value. Keys the schema does not know are
 * reported as `FieldValueUnknown` (Kubernetes' strict field validation) and
 * left out. The walk follows the schema, never the input alone, so its depth
 * is the schema's, whatever the input nests.
 */
export function prepareInput(schema: Schema, input: unknown, path?: FieldPath): PreparedInput {
  const unknownFields: FieldError[] = [];
  const value = prepare(schema, input, path, unknownFields);
  return { value, unknownFields };
}

function prepare(schema: Schema, input: unknown, path: FieldPath | undefined, unknown: FieldError[]): unknown {
  const shape = shapeOf(schema);
  switch (shape.kind) {
    case "object": {
      if (!isPlainObject(input)) return input;
      const out: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(input)) {
        const field = Object.hasOwn(shape.fields, key) ? shape.fields[key] : undefined;
        if (!field) {
          unknown.push(unknownField(childPath(path, key)));
          continue;
        }
        if (value === null) continue;
        out[key] = prepare(field, value, childPath(path, key), unknown);
      }
      return out;
    }
    case "array": {
      if (!Array.isArray(input)) return input;
      return input.map((element: unknown, i) => {
        const elementPath = path ? path.index(i) : FieldPath.root(`[${i}]`);
        if (element === null) return zeroValueOf(shape.element) ?? null;
        return prepare(shape.element, element, elementPath, unknown);
      });
    }
    case "record": {
      if (!isPlainObject(input)) return input;
      const out: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(input)) {
        const entry = value === null ? (zeroValueOf(shape.value) ?? null) : prepare(shape.value, value, path ? path.key(key) : FieldPath.root(key), unknown);
        // A key such as "__proto__" must stay data, not become the prototype.
        Object.defineProperty(out, key, { value: entry, enumerable: true, writable: true, configurable: true });
      }
      return out;
    }
    case "leaf":
      return input;
  }
}
