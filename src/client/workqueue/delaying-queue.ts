import { realClock, type Clock, type Timer } from "../../clock.js";
import { WorkQueue, type QueueKey } from "./queue.js";

/** Settings of `DelayingQueue`. */
export interface DelayingQueueOptions {
  clock?: Clock;
}

interface Waiting {
  readyAt: number;
  timer: Timer;
}

/**
 * A `WorkQueue` that can also add an item later (client-go's delaying
 * queue), so a failed item is retried without a hot loop and a sync can ask
 * to look again in a while.
 *
 * @example
 * const queue = new DelayingQueue<string>({ clock });
 * queue.addAfter("default/web", 30_000); // check again in 30 s
 */
export class DelayingQueue<T extends QueueKey = string> extends WorkQueue<T> {
  protected readonly clock: Clock;
  private readonly waiting = new Map<T, Waiting>();

  constructor(options: DelayingQueueOptions = {}) {
    super();
    this.clock = options.clock ?? realClock;
  }

  /**
   * Adds `item` once `ms` have passed; at once when `ms <= 0`. An item already
   * waiting keeps the earlier of its two ready times. Ignored after a shut down.
   */
  addAfter(item: T, ms: number): void {
    if (this.isShuttingDown()) return;
    if (ms <= 0) {
      this.add(item);
      return;
    }
    const readyAt = this.clock.now() + ms;
    const existing = this.waiting.get(item);
    if (existing && existing.readyAt <= readyAt) return;
    existing?.timer.cancel();
    const timer = this.clock.setTimer(ms, () => {
      this.waiting.delete(item);
      this.add(item);
    });
    this.waiting.set(item, { readyAt, timer });
  }

  override shutDown(): void {
    this.cancelWaiting();
    super.shutDown();
  }

  override shutDownWithDrain(): Promise<void> {
    this.cancelWaiting();
    return super.shutDownWithDrain();
  }

  // Items still waiting would only be ignored by `add`; drop them and their timers now.
  private cancelWaiting(): void {
    for (const { timer } of this.waiting.values()) timer.cancel();
    this.waiting.clear();
  }
}
