/**
 * Plain JSON values and the few safe operations the patch engines share.
 *
 * Objects here may carry any key a client sends, `__proto__` included, so
 * reads go through `Object.hasOwn` and writes through `setMember`: a plain
 * `obj[key]` would read or replace the prototype instead.
 */

export type JsonValue = null | boolean | number | string | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}

/** Deeper documents are refused: the engines recurse, and no Kubernetes object comes near this. */
export const maxJsonDepth = 1000;

export function isJsonObject(value: JsonValue | undefined): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The member `key` of `object`, or undefined when it has none (never an inherited property). */
export function getMember(object: JsonObject, key: string): JsonValue | undefined {
  return Object.hasOwn(object, key) ? object[key] : undefined;
}

/** Sets `object[key]` as an own data property, even for `__proto__`. */
export function setMember(object: JsonObject, key: string, value: JsonValue): void {
  if (key === "__proto__") {
    Object.defineProperty(object, key, { value, writable: true, enumerable: true, configurable: true });
  } else {
    object[key] = value;
  }
}

/** A deep copy that shares nothing with its source. */
export function cloneJson<T extends JsonValue>(value: T): T;
export function cloneJson(value: JsonValue): JsonValue {
  if (Array.isArray(value)) return value.map((item) => cloneJson(item));
  if (isJsonObject(value)) {
    const copy: JsonObject = {};
    for (const [key, member] of Object.entries(value)) setMember(copy, key, cloneJson(member));
    return copy;
  }
  return value;
}

/** Structural equality: objects compare by members regardless of order, arrays by position. */
export function jsonEqual(a: JsonValue, b: JsonValue): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) {
    return Array.isArray(b) && a.length === b.length && a.every((item, i) => jsonEqual(item, b[i] as JsonValue));
  }
  if (isJsonObject(a) && isJsonObject(b)) {
    const keys = Object.keys(a);
    if (keys.length !== Object.keys(b).length) return false;
    return keys.every((key) => Object.hasOwn(b, key) && jsonEqual(a[key] as JsonValue, b[key] as JsonValue));
  }
  return false;
}

export type JsonKind = "null" | "boolean" | "number" | "string" | "array" | "object";

export function jsonKind(value: JsonValue): JsonKind {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value as "boolean" | "number" | "string" | "object";
}

/** Nesting depth: 0 for a scalar, 1 for `{}` or `[]`, and so on. Callers bound the input first. */
export function jsonDepth(value: JsonValue): number {
  if (Array.isArray(value)) return 1 + value.reduce<number>((max, item) => Math.max(max, jsonDepth(item)), 0);
  if (isJsonObject(value)) {
    return 1 + Object.values(value).reduce<number>((max, member) => Math.max(max, jsonDepth(member)), 0);
  }
  return 0;
}

/**
 * Why `value` is not a JSON value at most `maxDepth` deep, or undefined when it is.
 * Walks without recursion, so it is safe on any input, cyclic structures included
 * (a cycle is reported as too deep).
 */
export function jsonProblem(value: unknown, maxDepth: number = maxJsonDepth): string | undefined {
  const pending: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const { value: current, depth } = next;
    if (current === null || typeof current === "string" || typeof current === "boolean") continue;
    if (typeof current === "number") {
      if (!Number.isFinite(current)) return `${current} is not a JSON number`;
      continue;
    }
    if (typeof current !== "object") return `${typeof current} is not a JSON value`;
    if (depth >= maxDepth) return `nesting exceeds ${maxDepth} levels`;
    if (Array.isArray(current)) {
      for (const item of current) pending.push({ value: item, depth: depth + 1 });
      continue;
    }
    const prototype: unknown = Object.getPrototypeOf(current);
    if (prototype !== Object.prototype && prototype !== null) return "only plain objects are JSON objects";
    for (const member of Object.values(current)) pending.push({ value: member, depth: depth + 1 });
  }
  return undefined;
}
