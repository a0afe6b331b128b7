import type { StoreEvent, Watch } from "../store.js";

type Waiter = {
  resolve: (result: IteratorResult<StoreEvent>) => void;
  reject: (error: unknown) => void;
};

const done: IteratorResult<StoreEvent> = { done: true, value: undefined };

/**
 * One watcher's queue: the engine pushes events (synchronously, right after
 * a commit), the consumer pulls them with `for await`. The queue is
 * unbounded; a consumer that stops reading should close the watch.
 */
export class WatchStream implements Watch {
  private buffer: StoreEvent[] = [];
  private head = 0;
  private waiter: Waiter | undefined;
  private state: "open" | "closed" | "failed" = "open";
  private failure: unknown;

  /** `onEnd` runs once, when the stream is closed or failed (to unregister it). */
  constructor(private readonly onEnd: () => void = () => {}) {}

  push(event: StoreEvent): void {
    if (this.state !== "open") return;
    const waiter = this.waiter;
    if (waiter !== undefined) {
      this.waiter = undefined;
      waiter.resolve({ done: false, value: event });
      return;
    }
    this.buffer.push(event);
  }

  /** Ends the stream with an error, after the events already queued. */
  fail(error: unknown): void {
    if (this.state !== "open") return;
    this.state = "failed";
    this.failure = error;
    this.onEnd();
    const waiter = this.waiter;
    this.waiter = undefined;
    waiter?.reject(error);
  }

  close(): void {
    if (this.state !== "open") return;
    this.state = "closed";
    this.buffer = [];
    this.head = 0;
    this.onEnd();
    const waiter = this.waiter;
    this.waiter = undefined;
    waiter?.resolve(done);
  }

  [Symbol.asyncIterator](): AsyncIterator<StoreEvent> {
    return {
      next: () => this.next(),
      return: () => {
        this.close();
        return Promise.resolve(done);
      },
    };
  }

  private next(): Promise<IteratorResult<StoreEvent>> {
    const event = this.take();
    if (event !== undefined) return Promise.resolve({ done: false, value: event });
    if (this.state === "failed") return Promise.reject(this.failure);
    if (this.state === "closed") return Promise.resolve(done);
    if (this.waiter !== undefined) return Promise.reject(new Error("watch: next() called before the previous one settled"));
    return new Promise((resolve, reject) => {
      this.waiter = { resolve, reject };
    });
  }

  private take(): StoreEvent | undefined {
    if (this.head >= this.buffer.length) return undefined;
    const event = this.buffer[this.head];
    this.head++;
    // Drop the consumed part now and then instead of shifting on every read.
    if (this.head === this.buffer.length) {
      this.buffer = [];
      this.head = 0;
    } else if (this.head >= 1024 && this.head * 2 >= this.buffer.length) {
      this.buffer = this.buffer.slice(this.head);
      this.head = 0;
    }
    return event;
  }
}
