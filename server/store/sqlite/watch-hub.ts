import type { StoreEvent } from "../store.js";
import { WatchStream } from "./watch-stream.js";

/**
 * The live watchers of one store. The store's single writer hands every
 * committed batch to `publish`, so a watcher registered between two commits
 * misses nothing and sees nothing twice.
 */
export class WatchHub {
  private readonly watchers = new Map<WatchStream, { prefix: string; afterRevision: number }>();

  /**
   * A new stream for keys under `prefix`, already given `backlog`, then
   * registered for live events with a revision above `afterRevision` (which
   * may lie in the future).
   */
  open(prefix: string, afterRevision: number, backlog: Iterable<StoreEvent>): WatchStream {
    const stream = new WatchStream(() => this.watchers.delete(stream));
    for (const event of backlog) stream.push(event);
    this.watchers.set(stream, { prefix, afterRevision });
    return stream;
  }

  publish(events: readonly StoreEvent[]): void {
    if (events.length === 0) return;
    for (const [stream, { prefix, afterRevision }] of this.watchers) {
      for (const event of events) {
        if (event.kv.modRevision > afterRevision && event.kv.key.startsWith(prefix)) stream.push(event);
      }
    }
  }

  /** Ends every watch (done, not failed): the store is closing. */
  closeAll(): void {
    for (const stream of [...this.watchers.keys()]) stream.close();
  }
}
