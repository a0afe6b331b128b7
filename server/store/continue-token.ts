import { z } from "zod";
import { InvalidContinueError } from "./errors.js";

/**
 * Where a paged list stopped: the revision every page is read at, the last
 * key already returned, and the prefix the listing is over. Both engines
 * share this encoding, so a token is opaque to callers but means the same
 * thing everywhere.
 */
export interface ContinuePosition {
  revision: number;
  /** The next page starts strictly after this key. */
  startAfter: string;
  prefix: string;
}

// A token is outside input (it comes back from a client), so it is parsed.
const tokenSchema = z.object({
  v: z.literal(1),
  rev: z.number().int().positive(),
  after: z.string(),
  prefix: z.string(),
});

/** Encodes a position as base64url JSON. */
export function encodeContinueToken(position: ContinuePosition): string {
  const body: z.infer<typeof tokenSchema> = {
    v: 1,
    rev: position.revision,
    after: position.startAfter,
    prefix: position.prefix,
  };
  return Buffer.from(JSON.stringify(body), "utf8").toString("base64url");
}

/**
 * Decodes a token issued by `encodeContinueToken` for a listing of `prefix`.
 * Throws InvalidContinueError when the token is malformed, was tampered
 * with so that it no longer parses, or belongs to another prefix.
 */
export function decodeContinueToken(token: string, prefix: string): ContinuePosition {
  if (!/^[A-Za-z0-9_-]+$/.test(token)) {
    throw new InvalidContinueError("continue token is not base64url");
  }
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(token, "base64url").toString("utf8"));
  } catch {
    throw new InvalidContinueError("continue token does not decode");
  }
  const parsed = tokenSchema.safeParse(json);
  if (!parsed.success) {
    throw new InvalidContinueError("continue token has an unknown shape");
  }
  const { rev, after, prefix: tokenPrefix } = parsed.data;
  if (tokenPrefix !== prefix) {
    throw new InvalidContinueError("continue token was issued for another prefix");
  }
  if (!after.startsWith(prefix)) {
    throw new InvalidContinueError("continue token points outside its prefix");
  }
  return { revision: rev, startAfter: after, prefix };
}
