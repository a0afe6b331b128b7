import type { RateLimiter } from "./rate-limiter.js";

/** Settings of `ExponentialFailureRateLimiter`. */
export interface ExponentialFailureOptions {
  /** Delay before the first retry, in ms. */
  baseMs: number;
  /** Longest delay, in ms. */
  maxMs: number;
}

/**
 * Per-item back-off: the n-th retry of an item since it was last forgotten
 * waits `baseMs * 2^(n-1)`, at most `maxMs` (client-go's
 * `ItemExponentialFailureRateLimiter`).
 *
 * @example
 * const backOff = new ExponentialFailureRateLimiter<string>({ baseMs: 5, maxMs: 1_000_000 });
 * backOff.when("default/web"); // 5, then 10, 20, 40, ...
 */
export class ExponentialFailureRateLimiter<T> implements RateLimiter<T> {
  private readonly failures = new Map<T, number>();

  constructor(private readonly options: ExponentialFailureOptions) {}

  when(item: T): number {
    const previous = this.failures.get(item) ?? 0;
    this.failures.set(item, previous + 1);
    // 2 ** n grows to Infinity rather than wrapping, so the cap always holds.
    return Math.min(this.options.baseMs * 2 ** previous, this.options.maxMs);
  }

  forget(item: T): void {
    this.failures.delete(item);
  }

  numRequeues(item: T): number {
    return this.failures.get(item) ?? 0;
  }
}
