import { randomBytes } from "node:crypto";
import type { ClientConfig } from "../../src/client/rest/client-config.js";
import { staticTokenAuthenticator } from "./bearer-token.js";
import type { Authenticator } from "./authenticator.js";
import { wellKnownGroups, type UserInfo } from "./user.js";

/** The server's own controllers, talking to its API like any client (Kubernetes' loopback identity). */
export const loopbackUser: UserInfo = { name: "system:apiserver", groups: [wellKnownGroups.masters, wellKnownGroups.authenticated] };

export interface LoopbackCredential {
  authenticator: Authenticator;
  /** A client configuration for the server at `url`, whose serving certificate chains to `caPem`. */
  clientConfig(url: string, caPem: string): ClientConfig;
}

/** A token made afresh at every start and kept only in memory: it never leaves the process. */
export function createLoopbackCredential(): LoopbackCredential {
  const token = randomBytes(32).toString("base64url");
  return {
    authenticator: staticTokenAuthenticator([{ token, user: loopbackUser }]),
    clientConfig: (url, caPem) => ({ server: url, caPem, token }),
  };
}
