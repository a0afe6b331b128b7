import { realClock, type Clock } from "../../clock.js";
import { ExponentialFailureRateLimiter } from "./exponential-failure-rate-limiter.js";
import { TokenBucketRateLimiter } from "./token-bucket-rate-limiter.js";

/** Decides how long an item waits before it is retried (client-go's `RateLimiter`). */
export interface RateLimiter<T> {
  /** The delay in ms before `item` is retried; counts one more retry. */
  when(item: T): number;
  /** Stops tracking `item`: it succeeded, or it is given up on. */
  forget(item: T): void;
  /** How many times `item` has been retried since it was last forgotten. */
  numRequeues(item: T): number;
}

/**
 * The longest delay of several limiters; every limiter counts every retry.
 *
 * @example
 * new MaxOfRateLimiter(perItemBackOff, overallBucket);
 */
export class MaxOfRateLimiter<T> implements RateLimiter<T> {
  private readonly limiters: readonly RateLimiter<T>[];

  constructor(...limiters: RateLimiter<T>[]) {
    this.limiters = limiters;
  }

  when(item: T): number {
    // Every limiter must see the retry, so no short-circuit.
    return this.limiters.reduce((longest, limiter) => Math.max(longest, limiter.when(item)), 0);
  }

  forget(item: T): void {
    for (const limiter of this.limiters) limiter.forget(item);
  }

  numRequeues(item: T): number {
    return this.limiters.reduce((most, limiter) => Math.max(most, limiter.numRequeues(item)), 0);
  }
}

/**
 * client-go's default for controllers: per-item exponential back-off from
 * 5 ms up to 1000 s, under an overall token bucket of 10 retries/s with a
 * burst of 100.
 */
export function defaultControllerRateLimiter<T>(clock: Clock = realClock): RateLimiter<T> {
  return new MaxOfRateLimiter<T>(
    new ExponentialFailureRateLimiter<T>({ baseMs: 5, maxMs: 1_000_000 }),
    new TokenBucketRateLimiter({ qps: 10, burst: 100, clock }),
  );
}
