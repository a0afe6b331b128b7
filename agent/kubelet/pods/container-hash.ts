import { createHash } from "node:crypto";
import type { Container } from "../../../src/api/core/v1/container.js";

/**
 * The hash of a container's spec kept on the runtime container
 * (`skiff.dev/spec-hash`): when the pod's container differs from what runs,
 * the container is replaced. Keys are sorted, so the hash does not depend
 * on the order fields arrived in.
 */
export function containerSpecHash(container: Container): string {
  return createHash("sha256").update(canonicalJson(container)).digest("hex").slice(0, 16);
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}
