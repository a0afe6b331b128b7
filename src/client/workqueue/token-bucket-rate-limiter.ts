import type { Clock } from "../../clock.js";
import type { RateLimiter } from "./rate-limiter.js";

/** Settings of `TokenBucketRateLimiter`. */
export interface TokenBucketOptions {
  /** Tokens added per second. */
  qps: number;
  /** Most tokens the bucket holds; it starts full. */
  burst: number;
  clock: Clock;
}

/**
 * An overall limit shared by all items (client-go's `BucketRateLimiter` over
 * `rate.Limiter.Reserve`): each retry takes a token; while tokens remain it
 * waits 0 ms, after that each retry is reserved one more `1000 / qps` ms
 * later. It counts no per-item retries.
 */
export class TokenBucketRateLimiter implements RateLimiter<unknown> {
  private tokens: number;
  private last: number;

  constructor(private readonly options: TokenBucketOptions) {
    this.tokens = options.burst;
    this.last = options.clock.now();
  }

  when(): number {
    const { qps, burst, clock } = this.options;
    const now = clock.now();
    // A clock that stepped back refills nothing.
    const elapsedMs = Math.max(now - this.last, 0);
    this.tokens = Math.min(burst, this.tokens + (elapsedMs * qps) / 1000) - 1;
    this.last = now;
    // A negative balance is a debt paid off at qps; round up so it is never early.
    return this.tokens >= 0 ? 0 : Math.ceil((-this.tokens * 1000) / qps);
  }

  forget(): void {
    // Nothing per item to forget: the bucket is shared.
  }

  numRequeues(): number {
    return 0;
  }
}
