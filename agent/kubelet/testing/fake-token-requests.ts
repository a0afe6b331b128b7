import type { Clock } from "../../../src/clock.js";
import type { PodTokenRequest, RequestToken } from "../volumes/service-account-tokens.js";

/** One request the fake answered or refused. */
export interface TokenRequestCall {
  namespace: string;
  serviceAccount: string;
  request: PodTokenRequest;
}

/**
 * A TokenRequest API for tests: tokens `token-1`, `token-2`, ... that
 * expire `expirationSeconds` after the clock's now; `failWith` makes it
 * refuse every request with that error until cleared.
 */
export class FakeTokenRequests {
  readonly calls: TokenRequestCall[] = [];
  failWith: Error | undefined;

  constructor(private readonly clock: Clock) {}

  readonly requestToken: RequestToken = (namespace, serviceAccount, request) => {
    this.calls.push({ namespace, serviceAccount, request });
    if (this.failWith) return Promise.reject(this.failWith);
    const expirationTimestamp = new Date(this.clock.now() + request.expirationSeconds * 1000);
    return Promise.resolve({ token: `token-${this.calls.length}`, expirationTimestamp });
  };
}
