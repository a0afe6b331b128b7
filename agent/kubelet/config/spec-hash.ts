import { createHash } from "node:crypto";
import type { Container } from "../../../src/api/core/v1/container.js";

/**
 * A stable hash of a container's spec, kept on the container as a label: a
 * different hash means the spec changed and the container is made again.
 * Object keys are sorted and empty values (undefined, null, [], {}) left
 * out, as Go's JSON leaves out empty optional fields, so the order of keys
 * in a map or an `env: []` written out does not restart anything; the order
 * of list entries (env, args) does count.
 */
export function specHash(container: Container): string {
  return createHash("sha256").update(canonicalJSON(container) ?? "").digest("hex").slice(0, 16);
}

/** JSON with sorted keys and without empty values; undefined for an empty value. */
function canonicalJSON(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (Array.isArray(value)) {
    if (value.length === 0) return undefined;
    return `[${value.map((item) => canonicalJSON(item) ?? "null").join(",")}]`;
  }
  if (typeof value === "object") {
    const fields = Object.keys(value)
      .sort()
      .flatMap((key) => {
        const text = canonicalJSON((value as Record<string, unknown>)[key]);
        return text === undefined ? [] : [`${JSON.stringify(key)}:${text}`];
      });
    return fields.length === 0 ? undefined : `{${fields.join(",")}}`;
  }
  return JSON.stringify(value);
}
