import { randomBytes } from "node:crypto";
import { PkiFileError } from "./errors.js";
import { readPrivateFile, writePrivateFile } from "./private-files.js";

const TOKEN_BYTES = 32;
/** 32 bytes in base64url without padding are 43 characters. */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** A new admin bearer token: 32 random bytes, base64url. */
export function generateAdminToken(): string {
  return randomBytes(TOKEN_BYTES).toString("base64url");
}

/**
 * Reads the admin token from `path`, or makes one and stores it there (0600)
 * when the file does not exist yet. It is never replaced by itself: copies
 * of the admin kubeconfig elsewhere would stop working.
 *
 * @throws PkiFileError when the file cannot be read or written, or does not hold a token.
 */
export async function ensureAdminToken(path: string): Promise<{ token: string; created: boolean }> {
  const stored = await readPrivateFile(path);
  if (stored === undefined) {
    const token = generateAdminToken();
    await writePrivateFile(path, `${token}\n`);
    return { token, created: true };
  }
  const token = stored.trim();
  if (!TOKEN_PATTERN.test(token)) {
    throw new PkiFileError(
      path,
      "corrupt",
      "does not hold an admin token (43 base64url characters). Restore it from a backup, or delete it " +
        "to have a new token made at the next start (every copy of the admin kubeconfig then stops working)",
    );
  }
  return { token, created: false };
}
