import { createHash, timingSafeEqual } from "node:crypto";

/**
 * How joining stores a secret: sha256, hex. Join token secrets and node
 * tokens are random (80 and 256 bits), so a fast hash suffices: there is no
 * password to guess from it.
 */
export const secretHash = (secret: string): string => createHash("sha256").update(secret).digest("hex");

/** Compares a secret with a stored hash in constant time. */
export function matchesHash(secret: string, hash: string): boolean {
  const presented = Buffer.from(secretHash(secret), "hex");
  const stored = Buffer.from(hash, "hex");
  return presented.length === stored.length && timingSafeEqual(presented, stored);
}
