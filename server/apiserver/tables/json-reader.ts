/**
 * Defensive reads from objects as they come out of the store: plain JSON in
 * which any field may be missing or of another type. Printers never throw on
 * a strange object; they print what is there and defaults for the rest.
 *
 * @example
 * stringAt(pod, "status", "phase");          // "Running", or "" when absent
 * listAt(pod, "spec", "containers").length;  // 0 when absent
 */

/** A JSON object (not an array, not null). */
export type JsonRecord = Readonly<Record<string, unknown>>;

/** The value as a JSON object, or undefined. */
export function asRecord(value: unknown): JsonRecord | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as JsonRecord) : undefined;
}

/** The value at the path of object keys, or undefined when any step is missing. */
export function valueAt(value: unknown, ...path: readonly string[]): unknown {
  let current = value;
  for (const key of path) {
    const record = asRecord(current);
    if (record === undefined || !Object.hasOwn(record, key)) return undefined;
    current = record[key];
  }
  return current;
}

/** The string at the path, or "" (Go's zero value) when absent or not a string. */
export function stringAt(value: unknown, ...path: readonly string[]): string {
  const found = valueAt(value, ...path);
  return typeof found === "string" ? found : "";
}

/** The number at the path, or undefined when absent or not a finite number. */
export function numberAt(value: unknown, ...path: readonly string[]): number | undefined {
  const found = valueAt(value, ...path);
  return typeof found === "number" && Number.isFinite(found) ? found : undefined;
}

/** The number at the path, or 0 (Go's zero value). */
export function intAt(value: unknown, ...path: readonly string[]): number {
  return numberAt(value, ...path) ?? 0;
}

/** True only when the value at the path is the boolean true. */
export function isTrueAt(value: unknown, ...path: readonly string[]): boolean {
  return valueAt(value, ...path) === true;
}

/** The list at the path, or an empty list. */
export function listAt(value: unknown, ...path: readonly string[]): readonly unknown[] {
  const found = valueAt(value, ...path);
  return Array.isArray(found) ? found : [];
}

/** The object at the path, or undefined. */
export function recordAt(value: unknown, ...path: readonly string[]): JsonRecord | undefined {
  return asRecord(valueAt(value, ...path));
}

/** Whether the path leads to a JSON object (a set pointer in Go terms). */
export function hasRecordAt(value: unknown, ...path: readonly string[]): boolean {
  return recordAt(value, ...path) !== undefined;
}

/** The string entries of the map at the path (non-string values are skipped). */
export function stringMapAt(value: unknown, ...path: readonly string[]): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [key, entry] of Object.entries(recordAt(value, ...path) ?? {})) {
    if (typeof entry === "string") result[key] = entry;
  }
  return result;
}

/** The number of keys of the map at the path, or 0. */
export function mapSizeAt(value: unknown, ...path: readonly string[]): number {
  return Object.keys(recordAt(value, ...path) ?? {}).length;
}

/**
 * The time at the path (RFC 3339, as metav1.Time and MicroTime serialize) in
 * milliseconds since the epoch, or undefined when absent or unparsable.
 */
export function timeAt(value: unknown, ...path: readonly string[]): number | undefined {
  const text = stringAt(value, ...path);
  if (text === "") return undefined;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : ms;
}
