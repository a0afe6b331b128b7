/**
 * At most `max` tasks in flight: `acquire` waits for a free slot, `release`
 * frees one. The scheduler decides one pod at a time and hands bindings
 * here, so they overlap while the decisions stay serial.
 */
export class ConcurrencyLimit {
  private inFlight = 0;
  private readonly waiting: Array<() => void> = [];
  private readonly idleWaiters: Array<() => void> = [];

  constructor(readonly max: number) {
    if (!Number.isInteger(max) || max < 1) throw new RangeError(`concurrency must be a positive integer, got ${max}`);
  }

  acquire(): Promise<void> {
    if (this.inFlight < this.max) {
      this.inFlight++;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  release(): void {
    const next = this.waiting.shift();
    if (next) {
      next();
      return;
    }
    this.inFlight--;
    if (this.inFlight === 0) for (const resolve of this.idleWaiters.splice(0)) resolve();
  }

  /** Runs `task` in a slot once one is free; resolves when the task has started, not when it ends. */
  async start(task: () => Promise<void>): Promise<void> {
    await this.acquire();
    void task().finally(() => this.release());
  }

  /** Runs `task` once a slot is free, without waiting for it: the caller goes on at once. */
  enqueue(task: () => Promise<void>): void {
    void this.start(task);
  }

  /** Resolves once nothing is in flight. */
  idle(): Promise<void> {
    if (this.inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }
}
