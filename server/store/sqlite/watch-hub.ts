import { PushQueue } from "../../../src/async/push-queue.js";
import type { StoreEvent, Watch } from "../store.js";

/**
 * The live watchers of one store. The store's single writer hands every
 * committed batch to `publish`, so a watcher registered between two commits
 * misses nothing and sees nothing twice. A watcher's queue is unbounded; a
 * consumer that stops reading should close the watch.
 */
export class WatchHub {
  private readonly watchers = new Map<PushQueue<StoreEvent>, { prefix: string; afterRevision: number }>();

  /**
   * A new watch for keys under `prefix`, already given `backlog`, then
   * registered for live events with a revision above `afterRevision` (which
   * may lie in the future). Closing it unregisters it.
   */
  open(prefix: string, afterRevision: number, backlog: Iterable<StoreEvent>): Watch {
    const queue: PushQueue<StoreEvent> = new PushQueue({ onClose: () => this.watchers.delete(queue) });
    for (const event of backlog) queue.push(event);
    this.watchers.set(queue, { prefix, afterRevision });
    return queue;
  }

  publish(events: readonly StoreEvent[]): void {
    if (events.length === 0) return;
    for (const [queue, { prefix, afterRevision }] of this.watchers) {
      for (const event of events) {
        if (event.kv.modRevision > afterRevision && event.kv.key.startsWith(prefix)) queue.push(event);
      }
    }
  }

  /** Ends every watch (done, not failed, dropping unread events): the store is closing. */
  closeAll(): void {
    for (const queue of [...this.watchers.keys()]) queue.close();
  }
}
