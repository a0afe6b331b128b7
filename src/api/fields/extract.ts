/**
 * The value of a dotted field path in a plain object, as a field selector
 * compares it: `extractFieldValue(pod, "spec.nodeName")` → "n1". Strings
 * come back as they are, numbers and booleans as their text; a missing
 * field, null, an object or an array gives undefined.
 */
export function extractFieldValue(obj: unknown, path: string): string | undefined {
  let current: unknown = obj;
  for (const name of path.split(".")) {
    if (typeof current !== "object" || current === null || Array.isArray(current) || !Object.hasOwn(current, name)) {
      return undefined;
    }
    current = (current as Record<string, unknown>)[name];
  }
  if (typeof current === "string") return current;
  if (typeof current === "number" || typeof current === "boolean") return String(current);
  return undefined;
}
