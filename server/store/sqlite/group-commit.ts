/** One queued write: apply it inside the batch, then settle its caller. */
interface Queued<T> {
  apply(batch: T): void;
  settle(): void;
  fail(error: unknown): void;
}

/**
 * Runs `applyAll` inside one transaction; `applyAll` applies each queued
 * write to the batch, in order. Returns only once the batch is durable, or
 * throws, in which case none of it happened.
 */
export type CommitBatch<T> = (applyAll: (batch: T) => void) => void;

/**
 * Group commit: writes submitted while a commit is pending (in the same
 * event-loop turn, or queued behind the running commit) share one
 * transaction and so one fsync, yet each is applied in order and gets its
 * own result. Callers are settled only after the commit returned, so an
 * acknowledged write is a durable one. A lone write is a batch of one.
 */
export class GroupCommitter<T> {
  private queue: Queued<T>[] = [];
  private scheduled = false;

  constructor(
    private readonly commit: CommitBatch<T>,
    /** When to run the queued writes: a later turn, so concurrent writers can join. */
    private readonly schedule: (run: () => void) => void = (run) => setImmediate(run),
  ) {}

  /** Queues `work` for the next batch; resolves with its result once committed. */
  submit<R>(work: (batch: T) => R): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      let result: R;
      this.queue.push({
        apply: (batch) => {
          result = work(batch);
        },
        settle: () => resolve(result),
        fail: reject,
      });
      if (!this.scheduled) {
        this.scheduled = true;
        this.schedule(() => this.flush());
      }
    });
  }

  /** Commits whatever is queued now (a no-op when nothing is). */
  flush(): void {
    this.scheduled = false;
    const batch = this.queue;
    if (batch.length === 0) return;
    this.queue = [];
    try {
      this.commit((state) => {
        for (const item of batch) item.apply(state);
      });
    } catch (error) {
      for (const item of batch) item.fail(error);
      return;
    }
    for (const item of batch) item.settle();
  }
}
