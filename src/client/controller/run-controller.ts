import type { Logger } from "../../log.js";
import type { SharedInformer } from "../informer/shared-informer.js";
import type { QueueKey } from "../workqueue/queue.js";
import type { RateLimitingQueue } from "../workqueue/rate-limiting-queue.js";
import { logSyncError, runWorkers } from "../workqueue/run-workers.js";

/** What `runController` runs: informers feeding a queue, and the sync of one key. */
export interface ControllerLoop<T extends QueueKey> {
  /** Started together; the workers wait until every one has listed. */
  informers: ReadonlyArray<Pick<SharedInformer<never>, "run" | "waitForSync">>;
  queue: RateLimitingQueue<T>;
  /** Makes the world right for one key (level-triggered: it looks at the caches, not at what changed). */
  sync: (key: T, signal: AbortSignal) => Promise<void>;
  /** Keys synced at once (never the same key twice at once); default 1. */
  workers?: number;
  /** Called once the informers have listed, before the first sync (to queue keys no event names). */
  onSynced?: () => void;
  log: Logger;
  signal: AbortSignal;
}

/**
 * The loop of every controller, as client-go's: run the informers, wait
 * until they have all listed, then sync queued keys with workers (failures
 * retried with back-off) until `signal` aborts. Resolves once workers and
 * informers have stopped.
 *
 * @example
 * const nodes = resourceInformer<Node>(client, nodesRef, undefined, { log });
 * nodes.addEventHandler({ onAdd: (n) => queue.add(n.metadata?.name ?? "") });
 * await runController({ informers: [nodes], queue, log, signal, sync: async (name) => reconcile(name) });
 */
export async function runController<T extends QueueKey>(loop: ControllerLoop<T>): Promise<void> {
  const { informers, queue, signal, log } = loop;
  const informing = Promise.all(informers.map((informer) => informer.run(signal)));
  const synced = await Promise.all(informers.map((informer) => informer.waitForSync(signal)));
  if (synced.every(Boolean)) {
    loop.onSynced?.();
    await runWorkers({ queue, workers: loop.workers ?? 1, signal, onError: logSyncError(log, queue), sync: loop.sync });
  }
  await informing;
}
