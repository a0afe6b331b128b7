import { z } from "zod";
import { InvalidContinueError } from "../errors.js";

/** Where a paged list stopped: base64url JSON, opaque to callers. */
export interface ContinuePoint {
  /** The list's prefix; a token only continues the list it came from. */
  prefix: string;
  /** The revision every page of the list is read at. */
  revision: number;
  /** The last key already returned. */
  lastKey: string;
}

const tokenSchema = z.object({
  p: z.string(),
  r: z.number().int().positive(),
  k: z.string(),
});

/** Encodes a continue token. */
export function encodeContinue(point: ContinuePoint): string {
  const token: z.infer<typeof tokenSchema> = { p: point.prefix, r: point.revision, k: point.lastKey };
  return Buffer.from(JSON.stringify(token), "utf8").toString("base64url");
}

/**
 * Decodes a token for a list of `prefix`; throws InvalidContinueError if it
 * is malformed or was issued for another prefix.
 */
export function decodeContinue(token: string, prefix: string): ContinuePoint {
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(token, "base64url").toString("utf8"));
  } catch {
    throw new InvalidContinueError("continue token is not valid");
  }
  const parsed = tokenSchema.safeParse(json);
  if (!parsed.success) throw new InvalidContinueError("continue token is not valid");
  const { p, r, k } = parsed.data;
  if (p !== prefix) throw new InvalidContinueError(`continue token is for prefix "${p}", not "${prefix}"`);
  if (!k.startsWith(prefix)) throw new InvalidContinueError("continue token is not valid");
  return { prefix: p, revision: r, lastKey: k };
}
