import { realClock, type Clock } from "../../clock.js";
import { DelayingQueue } from "./delaying-queue.js";
import type { QueueKey } from "./queue.js";
import { defaultControllerRateLimiter, type RateLimiter } from "./rate-limiter.js";

/** Settings of `RateLimitingQueue`. */
export interface RateLimitingQueueOptions<T> {
  clock?: Clock;
  /** Default: `defaultControllerRateLimiter(clock)`. */
  rateLimiter?: RateLimiter<T>;
}

/**
 * The queue every controller uses: a `DelayingQueue` whose retries are
 * spaced by a `RateLimiter` (client-go's rate-limiting queue). A worker calls
 * `addRateLimited` when a sync fails and `forget` when it succeeds.
 *
 * @example
 * const queue = new RateLimitingQueue<string>({ clock });
 * queue.addRateLimited("default/web"); // back in the queue after 5 ms, then 10, 20, ...
 * queue.forget("default/web");         // after a successful sync: back-off starts over
 */
export class RateLimitingQueue<T extends QueueKey = string> extends DelayingQueue<T> {
  private readonly rateLimiter: RateLimiter<T>;

  constructor(options: RateLimitingQueueOptions<T> = {}) {
    const clock = options.clock ?? realClock;
    super({ clock });
    this.rateLimiter = options.rateLimiter ?? defaultControllerRateLimiter<T>(clock);
  }

  /** Adds `item` when the rate limiter says it may be retried. */
  addRateLimited(item: T): void {
    this.addAfter(item, this.rateLimiter.when(item));
  }

  /** Ends the back-off of `item`; it does not remove the item from the queue. */
  forget(item: T): void {
    this.rateLimiter.forget(item);
  }

  /** How many times `item` has been retried since it was last forgotten. */
  numRequeues(item: T): number {
    return this.rateLimiter.numRequeues(item);
  }
}
