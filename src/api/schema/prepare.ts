import { invalid, unknownField, type FieldError } from "../validation/field-error.js";
import { FieldPath } from "../validation/field-path.js";
import { isPlainObject, shapeOf, zeroValueOf, type Schema } from "./shape.js";

/** Decoded JSON made ready for a schema, the fields the schema does not know, and map keys it cannot hold. */
export interface PreparedInput {
  value: unknown;
  unknownFields: FieldError[];
  badKeys: FieldError[];
}

/** A map key JavaScript objects cannot hold as data without risk; refused rather than silently lost. */
const RESERVED_KEY = "__proto__";

/** The path of a field under `parent`, or a top-level field when there is no parent. */
function childPath(parent: FieldPath | undefined, name: string): FieldPath {
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
  const found: Found = { unknownFields: [], badKeys: [] };
  const value = prepare(schema, input, path, found);
  return { value, ...found };
}

interface Found {
  unknownFields: FieldError[];
  badKeys: FieldError[];
}

function prepare(schema: Schema, input: unknown, path: FieldPath | undefined, found: Found): unknown {
  const shape = shapeOf(schema);
  switch (shape.kind) {
    case "object": {
      if (!isPlainObject(input)) return input;
      const out: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(input)) {
        const field = Object.hasOwn(shape.fields, key) ? shape.fields[key] : undefined;
        if (!field) {
          found.unknownFields.push(unknownField(childPath(path, key)));
          continue;
        }
        if (value === null) continue;
        out[key] = prepare(field, value, childPath(path, key), found);
      }
      return out;
    }
    case "array": {
      if (!Array.isArray(input)) return input;
      return input.map((element: unknown, i) => {
        const elementPath = path ? path.index(i) : FieldPath.root(`[${i}]`);
        if (element === null) return zeroValueOf(shape.element) ?? null;
        return prepare(shape.element, element, elementPath, found);
      });
    }
    case "record": {
      if (!isPlainObject(input)) return input;
      const out: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(input)) {
        const keyPath = path ? path.key(key) : FieldPath.root(key);
        if (key === RESERVED_KEY) {
          found.badKeys.push(invalid(keyPath, key, "is not supported as a key"));
          continue;
        }
        out[key] = value === null ? (zeroValueOf(shape.value) ?? null) : prepare(shape.value, value, keyPath, found);
      }
      return out;
    }
    case "leaf":
      return input;
  }
}
