/** Settings of a `Backoff`. */
export interface BackoffOptions {
  /** The first delay, ms. */
  initialMs: number;
  /** No delay (before jitter) grows past this, ms. */
  maxMs: number;
  /** Each failure in a row multiplies the delay by this. */
  factor: number;
  /** Adds up to this fraction of the delay at random, so clients that failed together do not retry together. */
  jitter: number;
}

/** client-go's reflector back-off: 800 ms doubling to 30 s, with up to 100 % jitter. */
export const defaultBackoff: BackoffOptions = { initialMs: 800, maxMs: 30_000, factor: 2, jitter: 1 };

/**
 * Exponential back-off with jitter between failed attempts. `next()` after
 * each failure, `reset()` once an attempt made progress.
 */
export class Backoff {
  private failures = 0;

  constructor(
    private readonly options: BackoffOptions = defaultBackoff,
    private readonly random: () => number = Math.random,
  ) {}

  /** The delay before the next attempt, ms; each call counts one more failure. */
  next(): number {
    const { initialMs, maxMs, factor, jitter } = this.options;
    const base = Math.min(maxMs, initialMs * factor ** this.failures);
    this.failures++;
    return base + base * jitter * this.random();
  }

  reset(): void {
    this.failures = 0;
  }
}

