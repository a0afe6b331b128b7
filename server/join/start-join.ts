import type { Clock } from "../../src/clock.js";
import type { Logger } from "../../src/log.js";
import type { Route } from "../apiserver/http/route.js";
import type { Authenticator } from "../auth/authenticator.js";
import type { Store } from "../store/store.js";
import { JoinTokenRecords } from "./join-token-records.js";
import { joinRoutes } from "./join-routes.js";
import { nodeCredentialAuthenticator } from "./node-credential-authenticator.js";
import { NodeCredentialCache } from "./node-credential-cache.js";

/** Joining, as the server runs it. */
export interface Joining {
  /** Authenticates node credentials (add it to the chain). */
  authenticator: Authenticator;
  /** `/cacerts`, `/skiff/v1/join`, `/skiff/v1/jointokens` (give them to the API handler). */
  routes: Route[];
  /** Stops following the store's node credentials. */
  close(): Promise<void>;
}

/**
 * Loads the node credentials from the store (and follows them from then
 * on), and makes the join endpoints.
 */
export async function startJoining(options: { store: Store; ca: { certPem: string; hash: string }; clock: Clock; log: Logger }): Promise<Joining> {
  const cache = new NodeCredentialCache(options.store, options.clock, options.log);
  await cache.start();
  const tokens = new JoinTokenRecords(options.store);
  return {
    authenticator: nodeCredentialAuthenticator(cache),
    routes: joinRoutes({ store: options.store, tokens, cache, clock: options.clock, ca: options.ca, log: options.log }),
    close: () => cache.close(),
  };
}
