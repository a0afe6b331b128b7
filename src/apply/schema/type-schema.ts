import type { JsonValue } from "../../patch/json-value.js";

/**
 * What server-side apply needs to know of a type, after the markers of
 * k8s.io/api (`+listType`, `+listMapKey`, `+mapType`, `+structType`, and
 * `+default` on list key fields):
 *
 * - `struct`: a Go struct; its fields are owned one by one, unless `atomic`
 *   (then whoever sets it owns it whole). Fields not listed are `untyped`.
 * - `map`: a Go map (labels, data, resource lists): keys owned one by one,
 *   unless `atomic`.
 * - `list`: `atomic` (owned and replaced whole, the default for lists),
 *   `set` (scalars owned one by one by value), or `map` (items owned one by
 *   one by their key fields; a missing key field takes its default).
 * - `scalar`, and `untyped` for what no marker describes: objects as structs,
 *   lists atomic, the rest scalars.
 */
export type TypeSchema =
  | { readonly type: "scalar" }
  | { readonly type: "untyped" }
  | { readonly type: "struct"; readonly fields: Readonly<Record<string, TypeSchema>>; readonly atomic: boolean }
  | { readonly type: "map"; readonly values: TypeSchema; readonly atomic: boolean }
  | { readonly type: "list"; readonly list: "atomic" }
  | { readonly type: "list"; readonly list: "set" }
  | ListMapSchema;

export interface ListMapSchema {
  readonly type: "list";
  readonly list: "map";
  readonly keys: readonly string[];
  /** Defaults of key fields an item may omit (`protocol: TCP` for ports). */
  readonly keyDefaults: Readonly<Record<string, JsonValue>>;
  readonly items: TypeSchema;
}

export const scalar: TypeSchema = { type: "scalar" };
export const untyped: TypeSchema = { type: "untyped" };
export const atomicList: TypeSchema = { type: "list", list: "atomic" };
export const setList: TypeSchema = { type: "list", list: "set" };
/** A struct owned whole (`+structType=atomic`). */
export const atomicStruct: TypeSchema = { type: "struct", fields: {}, atomic: true };

export const struct = (fields: Readonly<Record<string, TypeSchema>> = {}): TypeSchema => ({ type: "struct", fields, atomic: false });
export const map = (values: TypeSchema = scalar): TypeSchema => ({ type: "map", values, atomic: false });
export const atomicMap: TypeSchema = { type: "map", values: scalar, atomic: true };

/**
 * A list keyed by `keys` (`+listType=map`).
 *
 * @example listMap(["containerPort", "protocol"], struct(), { protocol: "TCP" })
 */
export function listMap(keys: readonly string[], items: TypeSchema = struct(), keyDefaults: Record<string, JsonValue> = {}): TypeSchema {
  return { type: "list", list: "map", keys, keyDefaults, items };
}

/** The type of a struct field or map value; fields no marker describes are untyped. */
export function memberSchema(schema: TypeSchema, name: string): TypeSchema {
  if (schema.type === "map") return schema.values;
  if (schema.type === "struct" && Object.hasOwn(schema.fields, name)) return schema.fields[name] as TypeSchema;
  return untyped;
}

/** Whether the members of an object of this type are struct fields (owned through what they hold) rather than map keys (owned themselves). */
export function isNamedField(schema: TypeSchema): boolean {
  return schema.type === "struct" || schema.type === "untyped";
}
