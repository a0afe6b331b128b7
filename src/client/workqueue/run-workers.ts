import { createLogger, type Logger } from "../../log.js";
import type { QueueKey } from "./queue.js";
import type { RateLimitingQueue } from "./rate-limiting-queue.js";

/** Reports a failed sync; the item has been (or is about to be) retried with back-off. */
export type SyncErrorHandler<T> = (error: unknown, item: T) => void;

/** Settings of `runWorkers`. */
export interface RunWorkersOptions<T extends QueueKey> {
  queue: RateLimitingQueue<T>;
  /** How many items are synced at once (never the same item twice at once). */
  workers: number;
  /**
   * Makes the world match the desired state of `item`; throws (rejects) to
   * have it retried with back-off. `signal` aborts when the workers are told
   * to stop.
   */
  sync: (item: T, signal: AbortSignal) => Promise<void>;
  /** Stops the workers: the queue is shut down and in-flight syncs finish. */
  signal: AbortSignal;
  /** Where a failed sync is reported, once. Default: a warning in the log. */
  onError?: SyncErrorHandler<T>;
}

/**
 * A `SyncErrorHandler` that logs a warning with the item and how many times
 * it has failed in a row.
 */
export function logSyncError<T extends QueueKey>(log: Logger, queue: RateLimitingQueue<T>): SyncErrorHandler<T> {
  return (err, item) =>
    log.warn({ err, item, failures: queue.numRequeues(item) + 1 }, "sync failed; retrying with back-off");
}

/**
 * The worker loop of every controller (as in kubernetes/sample-controller):
 * each worker takes an item, syncs it, and on success `forget`s its back-off
 * or on failure reports it and re-adds it rate-limited; `done` always
 * follows. When `signal` aborts the queue shuts down, no new sync starts, and
 * the returned promise resolves once the syncs in flight have finished.
 * Errors a sync throws after the abort are expected and not reported.
 *
 * @example
 * const queue = new RateLimitingQueue<string>();
 * informer.onChange((key) => queue.add(key));
 * await runWorkers({
 *   queue,
 *   workers: 5,
 *   signal,
 *   sync: async (key) => {
 *     const deployment = lister.get(key);
 *     if (deployment) await reconcile(deployment);
 *   },
 *   onError: logSyncError(log, queue),
 * });
 */
export async function runWorkers<T extends QueueKey>(options: RunWorkersOptions<T>): Promise<void> {
  const { queue, signal } = options;
  if (!Number.isInteger(options.workers) || options.workers < 1) {
    throw new RangeError(`runWorkers: workers must be a positive integer, got ${options.workers}`);
  }
  const stop = (): void => queue.shutDown();
  if (signal.aborted) stop();
  else signal.addEventListener("abort", stop, { once: true });
  const onError = options.onError ?? logSyncError(createLogger().child({ component: "workqueue" }), queue);
  try {
    await Promise.all(Array.from({ length: options.workers }, () => work(options, onError)));
  } finally {
    signal.removeEventListener("abort", stop);
  }
}

async function work<T extends QueueKey>(
  { queue, sync, signal }: RunWorkersOptions<T>,
  onError: SyncErrorHandler<T>,
): Promise<void> {
  for (;;) {
    const next = await queue.get();
    if ("shutdown" in next) return;
    const { item } = next;
    // After an abort the queue still hands out its backlog; it is left unsynced.
    if (signal.aborted) {
      queue.done(item);
      return;
    }
    try {
      await sync(item, signal);
      queue.forget(item);
    } catch (error) {
      if (!signal.aborted) {
        onError(error, item);
        queue.addRateLimited(item);
      }
    } finally {
      queue.done(item);
    }
  }
}
