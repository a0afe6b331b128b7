import { PushQueue } from "../../../src/async/push-queue.js";
import type { Logger } from "../../../src/log.js";
import type { Store, Watch } from "../../store/store.js";
import { collectionPrefix, resourcePrefix, type ResourceKeySpace } from "../storage/keys.js";
import { type ObjectEvent, toObjectEvent } from "../storage/object-event.js";

/** A watch of decoded object events; close it when done. */
export interface ObjectWatch extends AsyncIterable<ObjectEvent> {
  close(): void;
}

export interface WatchCacheOptions {
  /** Recent events kept for watchers that start a little in the past. */
  windowSize?: number;
  /** Events one watcher may have waiting unread before it is cut off (it then re-lists). */
  watcherCapacity?: number;
  log?: Logger;
}

interface Subscriber {
  namespace: string;
  afterRevision: number;
  queue: PushQueue<ObjectEvent>;
}

/**
 * One store watch per resource, fanned out to every watcher of it, with a
 * window of recent events so a watcher that starts at a recent revision is
 * served from memory: 1,000 watchers cost one store watch and one decode per
 * event. Watchers that start before the window fall back to a watch of their
 * own on the store, which answers "compacted" when history is gone.
 */
export class WatchCache {
  private window: ObjectEvent[] = [];
  /** The cache can serve watchers whose start revision is at least this. */
  private windowStart = 0;
  private readonly subscribers = new Set<Subscriber>();
  private source: Watch | undefined;
  private starting: Promise<void> | undefined;
  private readonly windowSize: number;
  private readonly watcherCapacity: number;

  constructor(
    private readonly store: Store,
    private readonly keySpace: ResourceKeySpace,
    private readonly options: WatchCacheOptions = {},
  ) {
    this.windowSize = options.windowSize ?? 1000;
    this.watcherCapacity = options.watcherCapacity ?? 10_000;
  }

  /** Events of one namespace ("" for all) after `afterRevision`. */
  async watch(namespace: string, afterRevision: number): Promise<ObjectWatch> {
    await this.start();
    if (afterRevision < this.windowStart) return this.direct(namespace, afterRevision);
    const subscriber: Subscriber = {
      namespace,
      afterRevision,
      queue: new PushQueue<ObjectEvent>({
        capacity: this.watcherCapacity,
        onClose: () => this.subscribers.delete(subscriber),
        onOverflow: () => this.subscribers.delete(subscriber),
      }),
    };
    for (const event of this.window) this.offer(subscriber, event);
    this.subscribers.add(subscriber);
    return { [Symbol.asyncIterator]: () => subscriber.queue, close: () => subscriber.queue.close() };
  }

  /** Stops the store watch and ends every watcher. */
  close(): void {
    this.source?.close();
    for (const subscriber of this.subscribers) subscriber.queue.end();
    this.subscribers.clear();
  }

  private offer(subscriber: Subscriber, event: ObjectEvent): void {
    if (event.revision <= subscriber.afterRevision) return;
    if (subscriber.namespace !== "" && event.object.metadata.namespace !== subscriber.namespace) return;
    subscriber.queue.push(event);
  }

  private start(): Promise<void> {
    if (this.source) return Promise.resolve();
    this.starting ??= (async () => {
      const revision = await this.store.currentRevision();
      this.window = [];
      this.windowStart = revision;
      this.source = this.store.watch(resourcePrefix(this.keySpace), revision);
      void this.pump(this.source);
    })().finally(() => {
      this.starting = undefined;
    });
    return this.starting;
  }

  private async pump(source: Watch): Promise<void> {
    try {
      for await (const storeEvent of source) {
        const event = toObjectEvent(storeEvent);
        this.window.push(event);
        if (this.window.length > this.windowSize) {
          const evicted = this.window.splice(0, this.window.length - this.windowSize);
          this.windowStart = evicted[evicted.length - 1]!.revision;
        }
        for (const subscriber of this.subscribers) this.offer(subscriber, event);
      }
    } catch (error) {
      this.options.log?.warn({ err: error, resource: this.keySpace.resource }, "watch cache lost its store watch");
      for (const subscriber of this.subscribers) subscriber.queue.fail(error);
    } finally {
      // The next watcher starts a fresh store watch.
      this.subscribers.clear();
      if (this.source === source) this.source = undefined;
    }
  }

  private direct(namespace: string, afterRevision: number): ObjectWatch {
    const watch = this.store.watch(collectionPrefix(this.keySpace, namespace), afterRevision);
    return {
      close: () => watch.close(),
      async *[Symbol.asyncIterator]() {
        for await (const event of watch) yield toObjectEvent(event);
      },
    };
  }
}
