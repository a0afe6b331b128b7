import type { z } from "zod";
import { required, typeInvalid, type FieldError } from "../validation/field-error.js";
import { FieldPath } from "../validation/field-path.js";
import { isPlainObject, shapeOf, type Schema, type SchemaShape } from "./shape.js";

const typeWords: Readonly<Record<string, string>> = {
  string: "string",
  number: "number",
  boolean: "boolean",
  object: "object",
  record: "object",
  array: "array",
};

/** What a type error shows of the bad value: a scalar as it is, a list or map by its type, as Kubernetes' schema errors do. */
function shownValue(value: unknown): unknown {
  if (Array.isArray(value)) return "array";
  if (isPlainObject(value)) return "object";
  return value;
}

/**
 * Follows an issue's path through the schema and the input together, so a
 * map key prints as `[key]` and a field as `.name`, and finds the bad value.
 */
function locate(schema: Schema, input: unknown, segments: readonly PropertyKey[], rootName: string) {
  let path: FieldPath | undefined;
  let current: Schema | undefined = schema;
  let value: unknown = input;
  for (const segment of segments) {
    const shape: SchemaShape | undefined = current ? shapeOf(current) : undefined;
    if (typeof segment === "number") {
      path = path ? path.index(segment) : FieldPath.root(`[${segment}]`);
      current = shape?.kind === "array" ? shape.element : undefined;
      value = Array.isArray(value) ? (value[segment] as unknown) : undefined;
      continue;
    }
    const name = String(segment);
    if (shape?.kind === "record") {
      path = path ? path.key(name) : FieldPath.root(name);
      current = shape.value;
    } else {
      path = path ? path.child(name) : FieldPath.root(name);
      current = shape?.kind === "object" && Object.hasOwn(shape.fields, name) ? shape.fields[name] : undefined;
    }
    value = isPlainObject(value) && Object.hasOwn(value, name) ? value[name] : undefined;
  }
  return { path: path ?? FieldPath.root(rootName), value, schema: current };
}

/** The integer width a number schema demands, if it is an integer: "int32" or "integer". */
function integerWord(schema: Schema | undefined): string | undefined {
  const shape = schema ? shapeOf(schema) : undefined;
  if (shape?.kind !== "leaf" || shape.type !== "number") return undefined;
  const format = (shape.schema._zod.def as { format?: string }).format;
  if (format === "int32") return "int32";
  if (format === "safeint") return "integer";
  return undefined;
}

/**
 * Turns zod's issues for `input` into field errors in Kubernetes' wording:
 * a missing field is `Required value`, a wrong type
 * `spec.replicas: Invalid value: "three": must be of type int32`.
 */
export function issuesToFieldErrors(
  schema: Schema,
  input: unknown,
  issues: readonly z.core.$ZodIssue[],
  rootName = "<root>",
): FieldError[] {
  return issues.map((issue) => {
    const { path, value, schema: at } = locate(schema, input, issue.path, rootName);
    if (issue.code === "invalid_type" && value === undefined) return required(path);
    const integer = integerWord(at);
    if (integer) return typeInvalid(path, shownValue(value), `must be of type ${integer}`);
    if (issue.code === "invalid_type") {
      const word = typeWords[issue.expected] ?? issue.expected;
      return typeInvalid(path, shownValue(value), `must be of type ${word}`);
    }
    return typeInvalid(path, shownValue(value), issue.message);
  });
}
