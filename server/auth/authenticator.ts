import type { IncomingMessage } from "node:http";
import type { UserInfo } from "./user.js";

/**
 * Reads a request's credentials: the user they prove, or undefined when the
 * request carries none this authenticator understands or they are not valid.
 */
export type Authenticator = (request: IncomingMessage) => Promise<UserInfo | undefined> | UserInfo | undefined;

/** Tries each authenticator in turn; the first that recognises the request decides who it is. */
export function firstAuthenticator(authenticators: readonly Authenticator[]): Authenticator {
  return async (request) => {
    for (const authenticate of authenticators) {
      const user = await authenticate(request);
      if (user !== undefined) return user;
    }
    return undefined;
  };
}
