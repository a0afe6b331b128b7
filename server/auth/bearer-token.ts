import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingMessage } from "node:http";
import type { Authenticator } from "./authenticator.js";
import type { UserInfo } from "./user.js";

/** The bearer token of a request, if it carries one. */
export function bearerToken(request: IncomingMessage): string | undefined {
  const header = request.headers.authorization;
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1];
}

const digest = (text: string): Buffer => createHash("sha256").update(text).digest();

/**
 * Accepts requests carrying one of the given static tokens (the admin
 * token). Compares digests in constant time so a token cannot be guessed
 * byte by byte from response timing.
 */
export function staticTokenAuthenticator(tokens: ReadonlyArray<{ token: string; user: UserInfo }>): Authenticator {
  const known = tokens.map(({ token, user }) => ({ hash: digest(token), user }));
  return (request) => {
    const presented = bearerToken(request);
    if (presented === undefined) return undefined;
    const hash = digest(presented);
    return known.find((entry) => timingSafeEqual(entry.hash, hash))?.user;
  };
}

/** The identity of the admin token: a member of system:masters, as Kubernetes' bootstrap admin. */
export const adminUser: UserInfo = { name: "system:admin", groups: ["system:masters", "system:authenticated"] };
