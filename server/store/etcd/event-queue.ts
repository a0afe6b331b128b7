type Ending = { kind: "end" } | { kind: "error"; error: unknown };

interface Reader<T> {
  resolve(result: IteratorResult<T>): void;
  reject(error: unknown): void;
}

/**
 * A one-reader queue between a push source (an etcd watch stream) and an
 * async iterator. Items wait in memory until read. The source ends the queue,
 * or fails it with an error that the reader gets after the items before it.
 */
export class EventQueue<T> implements AsyncIterator<T> {
  private readonly items: T[] = [];
  private reader: Reader<T> | undefined;
  private ending: Ending | undefined;
  private endingDelivered = false;

  /** Adds an item, unless the queue has already ended or failed. */
  push(item: T): void {
    if (this.ending) return;
    const reader = this.takeReader();
    if (reader) reader.resolve({ value: item, done: false });
    else this.items.push(item);
  }

  /** No more items: the reader gets the queued ones, then done. */
  end(): void {
    this.finish({ kind: "end" });
  }

  /** The reader gets the queued items, then this error, then done. */
  fail(error: unknown): void {
    this.finish({ kind: "error", error });
  }

  /** Drops whatever is queued and ends now (the reader stopped reading). */
  discard(): void {
    this.items.length = 0;
    if (!this.endingDelivered) this.ending = { kind: "end" };
    const reader = this.takeReader();
    if (reader) this.deliverEnding(reader);
  }

  next(): Promise<IteratorResult<T>> {
    return new Promise((resolve, reject) => {
      const reader = { resolve, reject };
      if (this.items.length > 0) resolve({ value: this.items.shift() as T, done: false });
      else if (this.ending) this.deliverEnding(reader);
      else this.reader = reader;
    });
  }

  private finish(ending: Ending): void {
    if (this.ending) return;
    this.ending = ending;
    // A waiting reader means nothing is queued: it gets the ending now.
    const reader = this.takeReader();
    if (reader) this.deliverEnding(reader);
  }

  private deliverEnding(reader: Reader<T>): void {
    const ending = this.ending;
    if (ending?.kind === "error" && !this.endingDelivered) {
      this.endingDelivered = true;
      reader.reject(ending.error);
      return;
    }
    this.endingDelivered = true;
    reader.resolve({ value: undefined, done: true });
  }

  private takeReader(): Reader<T> | undefined {
    const reader = this.reader;
    this.reader = undefined;
    return reader;
  }
}
