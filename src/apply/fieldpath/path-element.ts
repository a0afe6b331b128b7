import { isJsonObject, type JsonValue } from "../../patch/json-value.js";

/**
 * One step of a field path, as sigs.k8s.io/structured-merge-diff names them:
 * a struct field or map key, a list item by its key fields, a set item by its
 * value, or (for lists that are neither) an item by index.
 */
export type PathElement =
  | { readonly kind: "field"; readonly name: string }
  | { readonly kind: "key"; readonly fields: readonly KeyField[] }
  | { readonly kind: "value"; readonly value: JsonValue }
  | { readonly kind: "index"; readonly index: number };

/** One key field of a keyed list item; a key's fields are kept sorted by name. */
export interface KeyField {
  readonly name: string;
  readonly value: JsonValue;
}

export const fieldElement = (name: string): PathElement => ({ kind: "field", name });

/** A key element; `fields` may come in any order. */
export function keyElement(fields: readonly KeyField[]): PathElement {
  return { kind: "key", fields: [...fields].sort((a, b) => compareStrings(a.name, b.name)) };
}

/** A path from the object's root. */
export type FieldPath = readonly PathElement[];

/** Malformed FieldsV1 content: a key that is not a path element. */
export class FieldsV1Error extends Error {
  constructor(message: string) {
    super(message);
    this.name = "FieldsV1Error";
  }
}

/**
 * JSON as Go's encoding/json writes it: object keys sorted, and `<`, `>`,
 * `&`, U+2028 and U+2029 escaped, so keys and values serialize the way
 * Kubernetes stores them.
 */
export function goJson(value: JsonValue): string {
  if (Array.isArray(value)) return `[${value.map(goJson).join(",")}]`;
  if (isJsonObject(value)) {
    const members = Object.keys(value)
      .sort(compareStrings)
      .map((key) => `${goString(key)}:${goJson(value[key] as JsonValue)}`);
    return `{${members.join(",")}}`;
  }
  return typeof value === "string" ? goString(value) : JSON.stringify(value);
}

const htmlUnsafe: Record<string, string> = { "<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029" };

function goString(text: string): string {
  return JSON.stringify(text).replace(/[<>&\u2028\u2029]/g, (c) => htmlUnsafe[c] ?? c);
}

/**
 * The element as a FieldsV1 key: `f:replicas`, `k:{"name":"web"}`,
 * `v:"example.com/guard"`, `i:0`. Equal elements serialize equally, so this
 * is also the element's identity.
 */
export function serializeElement(element: PathElement): string {
  switch (element.kind) {
    case "field":
      return `f:${element.name}`;
    case "key":
      return `k:{${element.fields.map((f) => `${goString(f.name)}:${goJson(f.value)}`).join(",")}}`;
    case "value":
      return `v:${goJson(element.value)}`;
    case "index":
      return `i:${element.index}`;
  }
}

function parseJson(text: string, key: string): JsonValue {
  try {
    return JSON.parse(text) as JsonValue;
  } catch {
    throw new FieldsV1Error(`invalid path element ${JSON.stringify(key)}: not JSON after the prefix`);
  }
}

/**
 * Parses a FieldsV1 key. Returns undefined for a prefix this version does not
 * know, which structured-merge-diff skips rather than rejects.
 *
 * @throws FieldsV1Error when the key is malformed.
 */
export function parseElement(key: string): PathElement | undefined {
  if (key.length < 2 || key[1] !== ":") throw new FieldsV1Error(`invalid path element ${JSON.stringify(key)}: missing type prefix`);
  const body = key.slice(2);
  switch (key[0]) {
    case "f":
      return fieldElement(body);
    case "v":
      return { kind: "value", value: parseJson(body, key) };
    case "k": {
      const fields = parseJson(body, key);
      if (!isJsonObject(fields)) throw new FieldsV1Error(`invalid path element ${JSON.stringify(key)}: a key must be a JSON object`);
      return keyElement(Object.entries(fields).map(([name, value]) => ({ name, value })));
    }
    case "i": {
      if (!/^(0|[1-9][0-9]*)$/.test(body)) throw new FieldsV1Error(`invalid path element ${JSON.stringify(key)}: not an index`);
      return { kind: "index", index: Number(body) };
    }
    default:
      return undefined;
  }
}

/** Byte order of the UTF-16 code units; the same as Go's for the ASCII names fields have. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const kindRank = { field: 0, key: 1, value: 2, index: 3 } as const;

// Numbers, then strings, booleans, lists, maps and null, as structured-merge-diff orders values.
function valueRank(value: JsonValue): number {
  if (typeof value === "number") return 0;
  if (typeof value === "string") return 1;
  if (typeof value === "boolean") return 2;
  if (Array.isArray(value)) return 3;
  return value === null ? 5 : 4;
}

function compareValues(a: JsonValue, b: JsonValue): number {
  const rank = valueRank(a) - valueRank(b);
  if (rank !== 0) return Math.sign(rank);
  if (typeof a === "number" && typeof b === "number") return Math.sign(a - b);
  if (typeof a === "boolean" && typeof b === "boolean") return Number(a) - Number(b);
  if (typeof a === "string" && typeof b === "string") return compareStrings(a, b);
  return compareStrings(goJson(a), goJson(b));
}

/** The order structured-merge-diff keeps a set's elements in (and FieldsV1 lists them in). */
export function compareElements(a: PathElement, b: PathElement): number {
  if (a.kind !== b.kind) return Math.sign(kindRank[a.kind] - kindRank[b.kind]);
  if (a.kind === "field" && b.kind === "field") return compareStrings(a.name, b.name);
  if (a.kind === "index" && b.kind === "index") return Math.sign(a.index - b.index);
  if (a.kind === "value" && b.kind === "value") return compareValues(a.value, b.value);
  if (a.kind === "key" && b.kind === "key") {
    for (let i = 0; i < Math.min(a.fields.length, b.fields.length); i++) {
      const left = a.fields[i] as KeyField;
      const right = b.fields[i] as KeyField;
      const byName = compareStrings(left.name, right.name);
      if (byName !== 0) return byName;
      const byValue = compareValues(left.value, right.value);
      if (byValue !== 0) return byValue;
    }
    return Math.sign(a.fields.length - b.fields.length);
  }
  return 0;
}

/** A scalar as Kubernetes prints it in a path: strings quoted, numbers and booleans bare. */
function printValue(value: JsonValue): string {
  if (Array.isArray(value)) return `[${value.map(printValue).join(",")}]`;
  if (isJsonObject(value)) return Object.entries(value).map(([k, v]) => `${k}=${printValue(v)}`).join("");
  return JSON.stringify(value);
}

/**
 * A path as Kubernetes prints it in apply conflicts:
 * `.spec.template.spec.containers[name="web"].image`, `.metadata.finalizers[="x"]`.
 */
export function formatPath(path: FieldPath): string {
  return path
    .map((element) => {
      switch (element.kind) {
        case "field":
          return `.${element.name}`;
        case "key":
          return `[${element.fields.map((f) => `${f.name}=${printValue(f.value)}`).join(",")}]`;
        case "value":
          return `[=${printValue(element.value)}]`;
        case "index":
          return `[${element.index}]`;
      }
    })
    .join("");
}
