/**
 * A push source (a store commit, an etcd stream, a watch cache) offered
 * more items than a bounded queue holds: the reader is not keeping up.
 */
export class QueueOverflowError extends Error {
  constructor(readonly capacity: number) {
    super(`queue overflow: more than ${capacity} items waiting unread`);
    this.name = "QueueOverflowError";
  }
}

export interface PushQueueOptions {
  /**
   * The most items that may wait unread. A push past it drops that item and
   * fails the queue with a QueueOverflowError, which the reader gets after
   * the items already queued. Default: unbounded.
   */
  capacity?: number;
  /** Runs once, when a push overflows the queue, so the producer can stop feeding it. */
  onOverflow?: (error: QueueOverflowError) => void;
  /** Runs once, on the first `close()` (also when a `for await` loop is left early). */
  onClose?: () => void;
}

type Ending = { kind: "end" } | { kind: "fail"; error: unknown };

interface Reader<T> {
  resolve(result: IteratorResult<T>): void;
  reject(error: unknown): void;
}

const done: IteratorResult<never> = { value: undefined, done: true };

/** Past this many read items the array is compacted (when they are at least half of it). */
const compactAfter = 1024;

/**
 * A one-reader queue between a push source and an async iterator. Items wait
 * in memory until read. The source ends the queue (`end`), or fails it with
 * an error the reader gets after the queued items (`fail`); the reader stops
 * reading with `close`, which drops what is queued. Dequeue is amortised
 * O(1).
 *
 * @example
 * const queue = new PushQueue<number>({ capacity: 100 });
 * source.on("data", (n) => queue.push(n));
 * source.on("end", () => queue.end());
 * for await (const n of queue) use(n);
 */
export class PushQueue<T> implements AsyncIterableIterator<T> {
  private items: T[] = [];
  /** Index of the next unread item in `items`. */
  private head = 0;
  private reader: Reader<T> | undefined;
  private ending: Ending | undefined;
  private closed = false;
  private readonly capacity: number;

  constructor(private readonly options: PushQueueOptions = {}) {
    const capacity = options.capacity ?? Number.POSITIVE_INFINITY;
    if (!(capacity >= 0) || (Number.isFinite(capacity) && !Number.isInteger(capacity))) {
      throw new RangeError(`push queue capacity must be a whole number of at least 0, not ${capacity}`);
    }
    this.capacity = capacity;
  }

  /** Adds an item, unless the queue has ended, failed or been closed. */
  push(item: T): void {
    if (this.ending) return;
    const reader = this.takeReader();
    if (reader) {
      reader.resolve({ value: item, done: false });
      return;
    }
    if (this.items.length - this.head >= this.capacity) {
      const error = new QueueOverflowError(this.capacity);
      this.ending = { kind: "fail", error };
      this.options.onOverflow?.(error);
      return;
    }
    this.items.push(item);
  }

  /** No more items: the reader gets the queued ones, then done. */
  end(): void {
    this.finish({ kind: "end" });
  }

  /** The reader gets the queued items, then this error (once), then done. */
  fail(error: unknown): void {
    this.finish({ kind: "fail", error });
  }

  /** Drops whatever is queued (a pending failure too) and ends now. */
  close(): void {
    this.items = [];
    this.head = 0;
    this.ending = { kind: "end" };
    this.takeReader()?.resolve(done);
    if (this.closed) return;
    this.closed = true;
    this.options.onClose?.();
  }

  /** The next item; only one call may wait at a time. */
  next(): Promise<IteratorResult<T>> {
    if (this.head < this.items.length) return Promise.resolve({ value: this.take(), done: false });
    if (this.ending) return new Promise((resolve, reject) => this.deliverEnding({ resolve, reject }));
    if (this.reader) return Promise.reject(new Error("push queue: next() called before the previous call settled"));
    return new Promise((resolve, reject) => {
      this.reader = { resolve, reject };
    });
  }

  /** Leaving a `for await` loop early closes the queue. */
  return(): Promise<IteratorResult<T>> {
    this.close();
    return Promise.resolve(done);
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  private finish(ending: Ending): void {
    if (this.ending) return;
    this.ending = ending;
    // A waiting reader means nothing is queued: it gets the ending now.
    const reader = this.takeReader();
    if (reader) this.deliverEnding(reader);
  }

  /** A failure is delivered once; after it, and after an end, the reader gets done. */
  private deliverEnding(reader: Reader<T>): void {
    const ending = this.ending;
    if (ending?.kind === "fail") {
      this.ending = { kind: "end" };
      reader.reject(ending.error);
    } else {
      reader.resolve(done);
    }
  }

  private take(): T {
    const item = this.items[this.head] as T;
    this.head++;
    // Drop the read part now and then instead of shifting on every read.
    if (this.head === this.items.length) {
      this.items = [];
      this.head = 0;
    } else if (this.head >= compactAfter && this.head * 2 >= this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return item;
  }

  private takeReader(): Reader<T> | undefined {
    const reader = this.reader;
    this.reader = undefined;
    return reader;
  }
}
