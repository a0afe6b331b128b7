/**
 * Keys a queue can hold. Items are compared by value (as `Set` does), so a
 * key is a string such as "namespace/name" or a number, never an object.
 */
export type QueueKey = string | number;

/** What `get` hands back: an item to process, or word that the queue has shut down. */
export type QueueGetResult<T> = { item: T } | { shutdown: true };

/**
 * The work queue of client-go's `util/workqueue`, for level-triggered
 * controllers that queue keys, not events:
 *
 * - an item is never handed to two workers at once: an `add` while it is being
 *   processed marks it dirty, and `done` puts it back in the queue;
 * - any number of `add`s while an item waits in the queue count as one;
 * - distinct items come out in the order they went in.
 *
 * After a shut down, `add` is ignored, `get` still hands out what is queued
 * and then answers `{ shutdown: true }`.
 *
 * @example
 * const queue = new WorkQueue<string>();
 * queue.add("default/web");
 * const next = await queue.get();
 * if (!("shutdown" in next)) {
 *   try { await sync(next.item); } finally { queue.done(next.item); }
 * }
 */
export class WorkQueue<T extends QueueKey = string> {
  // Items waiting, in order. Each is in `dirty` and not in `processing`.
  private readonly queue: T[] = [];
  // Items that need processing: everything in `queue`, plus items added again while processing.
  private readonly dirty = new Set<T>();
  // Items handed out by `get` and not yet `done`.
  private readonly processing = new Set<T>();
  // `get` calls waiting for an item; only ever non-empty while `queue` is empty.
  private readonly getters: Array<(result: QueueGetResult<T>) => void> = [];
  private readonly drainWaiters: Array<() => void> = [];
  private shuttingDown = false;

  /** Marks `item` as needing processing. */
  add(item: T): void {
    if (this.shuttingDown || this.dirty.has(item)) return;
    this.dirty.add(item);
    if (this.processing.has(item)) return;
    this.queue.push(item);
    this.handOut();
  }

  /**
   * The next item to process, waiting while the queue is empty. The caller
   * must call `done(item)` when it has finished with it.
   */
  get(): Promise<QueueGetResult<T>> {
    if (this.queue.length > 0) return Promise.resolve({ item: this.take() });
    if (this.shuttingDown) return Promise.resolve({ shutdown: true });
    return new Promise((resolve) => this.getters.push(resolve));
  }

  /**
   * Marks `item` as finished; if it was added again meanwhile, it goes back
   * in the queue. Throws if `item` was not handed out by `get`, because a
   * stray `done` would break the one-worker-per-item guarantee.
   */
  done(item: T): void {
    if (!this.processing.delete(item)) {
      throw new Error(`workqueue: done(${String(item)}) for an item that is not being processed`);
    }
    if (this.dirty.has(item)) {
      this.queue.push(item);
      this.handOut();
    }
    this.resolveDrainIfIdle();
  }

  /** How many items wait in the queue (not counting those being processed). */
  len(): number {
    return this.queue.length;
  }

  /** Ignores new items from now on; workers get what is queued, then `{ shutdown: true }`. */
  shutDown(): void {
    this.beginShutdown();
    // Nobody waits for a drain any more: a plain shut down ends it at once.
    this.releaseDrainWaiters();
  }

  /**
   * Like `shutDown`, then resolves once every queued item has been handed out
   * and every handed-out item is `done`. Workers must keep calling `get` and
   * `done` until then, or this never resolves; a later `shutDown` ends the wait.
   */
  shutDownWithDrain(): Promise<void> {
    this.beginShutdown();
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.drainWaiters.push(resolve));
  }

  /** Whether `shutDown` or `shutDownWithDrain` has been called. */
  isShuttingDown(): boolean {
    return this.shuttingDown;
  }

  private beginShutdown(): void {
    this.shuttingDown = true;
    // Getters only wait while the queue is empty, so each of them is told to stop.
    for (const resolve of this.getters.splice(0)) resolve({ shutdown: true });
  }

  private take(): T {
    const item = this.queue.shift()!;
    this.processing.add(item);
    this.dirty.delete(item);
    return item;
  }

  private handOut(): void {
    while (this.getters.length > 0 && this.queue.length > 0) {
      const resolve = this.getters.shift()!;
      resolve({ item: this.take() });
    }
  }

  private isIdle(): boolean {
    return this.queue.length === 0 && this.processing.size === 0;
  }

  private resolveDrainIfIdle(): void {
    if (this.shuttingDown && this.isIdle()) this.releaseDrainWaiters();
  }

  private releaseDrainWaiters(): void {
    for (const resolve of this.drainWaiters.splice(0)) resolve();
  }
}
