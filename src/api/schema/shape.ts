import type { z } from "zod";

/** Any zod schema, as the walkers below see it. */
export type Schema = z.core.$ZodType;

/**
 * What a schema expects at one place in a document, with wrappers
 * (optional, default, lazy, a transform's input side) looked through:
 * an object with named fields, a list, a map with free keys, or a leaf.
 */
export type SchemaShape =
  | { kind: "object"; fields: Readonly<Record<string, Schema>> }
  | { kind: "array"; element: Schema }
  | { kind: "record"; value: Schema }
  | { kind: "leaf"; type: LeafType; schema: Schema };

/** The zod type name of a leaf: "string", "number", "boolean", "union", "unknown", ... */
export type LeafType = z.core.$ZodTypeDef["type"];

/** Wrappers never nest deeper than a handful; the bound only guards against a cycle of lazies. */
const MAX_UNWRAP = 32;

/** The shape a schema expects of its input. */
export function shapeOf(schema: Schema): SchemaShape {
  let current = schema;
  for (let step = 0; step < MAX_UNWRAP; step++) {
    const def = current._zod.def;
    switch (def.type) {
      case "optional":
      case "nullable":
      case "default":
      case "prefault":
      case "nonoptional":
      case "readonly":
      case "catch":
        current = (def as z.core.$ZodOptionalDef).innerType;
        break;
      case "lazy":
        current = (def as z.core.$ZodLazyDef).getter();
        break;
      case "pipe":
        current = (def as z.core.$ZodPipeDef).in;
        break;
      case "object":
        return { kind: "object", fields: (def as z.core.$ZodObjectDef).shape };
      case "array":
        return { kind: "array", element: (def as z.core.$ZodArrayDef).element };
      case "record":
        return { kind: "record", value: (def as z.core.$ZodRecordDef).valueType };
      default:
        return { kind: "leaf", type: def.type, schema: current };
    }
  }
  return { kind: "leaf", type: "unknown", schema: current };
}

/**
 * The value Go's decoder leaves where JSON says `null`: "" for a string, 0
 * for a number, false, {} or []; undefined where there is no single zero
 * (an IntOrString, free JSON).
 */
export function zeroValueOf(schema: Schema): unknown {
  const shape = shapeOf(schema);
  switch (shape.kind) {
    case "object":
    case "record":
      return {};
    case "array":
      return [];
    case "leaf":
      if (shape.type === "string") return "";
      if (shape.type === "number" || shape.type === "int") return 0;
      if (shape.type === "boolean") return false;
      return undefined;
  }
}

/** True for a plain JSON object (not null, not an array). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
