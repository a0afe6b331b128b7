import { z } from "zod";
import { isPlainObject } from "./shape.js";

/**
 * How deep free-form JSON may nest. Go allows 10000 levels, but Node copies
 * and serializes objects recursively (structuredClone fails near 2000), so
 * an object that deep would be accepted here and break later. fieldsV1
 * mirrors the object it describes, and no served kind nests anywhere near
 * 100 levels.
 */
export const MAX_JSON_DEPTH = 100;

/** The nesting depth of a JSON value, measured without recursion so no input can exhaust the stack. */
export function jsonDepth(value: unknown): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop() as [unknown, number];
    if (!Array.isArray(current) && !isPlainObject(current)) continue;
    deepest = Math.max(deepest, depth);
    if (depth > MAX_JSON_DEPTH) break;
    for (const child of Object.values(current)) stack.push([child, depth + 1]);
  }
  return deepest;
}

/** Free-form JSON (managedFields' fieldsV1), bounded in depth. */
export const jsonObject = z
  .record(z.string(), z.unknown())
  .refine((value) => jsonDepth(value) <= MAX_JSON_DEPTH, { error: `must not nest deeper than ${MAX_JSON_DEPTH} levels` });
