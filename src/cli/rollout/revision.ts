import { revisionAnnotation } from "./deployment-objects.js";

/** A revision read from an annotation, or Go's strconv error for text that is not one. */
export type RevisionResult = { ok: true; revision: number } | { ok: false; error: string };

/**
 * The `deployment.kubernetes.io/revision` of an object as kubectl reads it:
 * 0 when there is none, else the annotation as a base-10 integer (Go's
 * `strconv.ParseInt`, sign allowed).
 *
 * @example
 * revisionOf({ "deployment.kubernetes.io/revision": "3" }); // { ok: true, revision: 3 }
 * revisionOf({ "deployment.kubernetes.io/revision": "x" }); // { ok: false, error: 'strconv.ParseInt: parsing "x": invalid syntax' }
 */
export function revisionOf(annotations: Readonly<Record<string, string>> | undefined): RevisionResult {
  const text = annotations?.[revisionAnnotation];
  if (text === undefined) return { ok: true, revision: 0 };
  if (!/^[+-]?\d+$/.test(text)) return { ok: false, error: `strconv.ParseInt: parsing ${JSON.stringify(text)}: invalid syntax` };
  const value = BigInt(text);
  // Go takes up to 2^63; revisions past 2^53 do not occur, and refusing them keeps revisions plain numbers.
  if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) {
    return { ok: false, error: `strconv.ParseInt: parsing ${JSON.stringify(text)}: value out of range` };
  }
  return { ok: true, revision: Number(value) };
}
