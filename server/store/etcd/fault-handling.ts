import { GRPCUnavailableError, type IOptions } from "etcd3";

/**
 * etcd3's fault-handling hooks, replaced. Its defaults retry every
 * "recoverable" error three times (deadline exceeded included, so a slow
 * etcd costs three deadlines) and open a per-host circuit breaker for five
 * seconds after three failures (so a restarted etcd stays unused for up to
 * five seconds). The store wants one bounded attempt per call and immediate
 * recovery; with several endpoints, a call that could not reach one member
 * goes to the next.
 *
 * Retrying a write after "unavailable" is safe here because every store
 * write is a compare-and-swap transaction: if the first attempt did commit,
 * the retry does not apply twice but reports exists / conflict / missing.
 */
export type FaultHandling = NonNullable<IOptions["faultHandling"]>;
type Policy = NonNullable<FaultHandling["global"]>;
type PolicyContext = Parameters<Parameters<Policy["execute"]>[0]>[0];

const noListeners = () => ({ dispose: () => undefined });

/** Runs the call, and again on `GRPCUnavailableError`, up to `attempts` times in all. */
export class RetryUnavailable implements Policy {
  // A type-only member of cockatiel's IPolicy; it has no runtime value.
  declare readonly _altReturn: never;
  readonly onSuccess = noListeners;
  readonly onFailure = noListeners;

  constructor(private readonly attempts: number) {}

  async execute<T>(fn: (context: PolicyContext) => PromiseLike<T> | T, signal?: AbortSignal): Promise<T> {
    const context = { signal: signal ?? new AbortController().signal };
    for (let attempt = 1; ; attempt++) {
      try {
        return await fn(context);
      } catch (error) {
        if (attempt >= this.attempts || !(error instanceof GRPCUnavailableError)) throw error;
      }
    }
  }
}

/** The store's fault handling for a client of `endpointCount` members. */
export function storeFaultHandling(endpointCount: number): FaultHandling {
  return {
    global: new RetryUnavailable(endpointCount),
    // No per-host breaker: each call goes through, one attempt per host.
    host: () => new RetryUnavailable(1),
  };
}
