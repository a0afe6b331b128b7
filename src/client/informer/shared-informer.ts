import { type Clock, realClock, type Timer } from "../../clock.js";
import { createLogger, type Logger } from "../../log.js";
import type { ApiObject } from "../rest/rest-client.js";
import { Backoff, type BackoffOptions, defaultBackoff } from "./backoff.js";
import type { EventHandler, HandlerRegistration, Notification } from "./event-handler.js";
import { defaultIndexFunctions, type IndexFunction } from "./index-functions.js";
import { Indexer } from "./indexer.js";
import { Lister } from "./lister.js";
import type { ListerWatcher } from "./lister-watcher.js";
import { Listener } from "./listener.js";
import { objectKey, uidOf } from "./object-key.js";
import { Reflector, type ReflectorStore } from "./reflector.js";

/** Settings of a `SharedInformer`. */
export interface InformerOptions<T extends ApiObject> {
  /** Where the objects come from; `resourceListerWatcher` for a resource of the API. */
  source: ListerWatcher<T>;
  /** Indexes beyond namespace, label and controller owner, by name. */
  indexers?: Record<string, IndexFunction<T>>;
  /**
   * Applied to every object before it enters the cache (client-go's
   * TransformFunc), e.g. to drop managedFields and save memory.
   */
  transform?: (object: T) => T;
  /** Every so often, every cached object is handed to `onUpdate(o, o)` again; 0 or absent: never. */
  resyncPeriodMs?: number;
  /** Objects per list request (default 500). */
  pageSize?: number;
  clock?: Clock;
  /** Source of the back-off's jitter and the spread of watch timeouts (default Math.random). */
  random?: () => number;
  backoff?: Partial<BackoffOptions>;
  log?: Logger;
}

/**
 * client-go's shared index informer: lists and watches objects into an
 * indexed local cache and tells handlers about every change. Read the cache
 * through `lister`; its objects and those handed to handlers are the cache's
 * own and must be copied before they are changed.
 *
 * @example
 * const informer = resourceInformer<Pod>(client, pods, undefined, {});
 * informer.addEventHandler({ onAdd: (pod) => queue.add(objectKey(pod)) });
 * void informer.run(signal);
 * if (await informer.waitForSync(signal)) await runWorkers({ ... });
 */
export class SharedInformer<T extends ApiObject> {
  readonly lister: Lister<T>;
  private readonly indexer: Indexer<T>;
  private readonly listeners = new Set<Listener<T>>();
  private readonly reflector: Reflector<T>;
  private readonly clock: Clock;
  private readonly log: Logger;
  private readonly transform: (object: T) => T;
  private synced = false;
  private running: Promise<void> | undefined;
  private stopped = false;
  private readonly syncWaiters = new Set<(synced: boolean) => void>();
  private resyncTimer: Timer | undefined;

  constructor(private readonly options: InformerOptions<T>) {
    this.clock = options.clock ?? realClock;
    this.log = options.log ?? createLogger().child({ component: "informer" });
    this.transform = options.transform ?? ((object) => object);
    this.indexer = new Indexer<T>({ ...defaultIndexFunctions, ...options.indexers });
    this.lister = new Lister(this.indexer);
    const store: ReflectorStore<T> = {
      replace: (items) => this.replace(items),
      apply: (type, object) => {
        const transformed = this.transform(object);
        if (type === "DELETED") this.remove(transformed);
        else this.upsert(transformed, false);
      },
    };
    const random = options.random ?? Math.random;
    this.reflector = new Reflector<T>({
      source: options.source,
      store,
      clock: this.clock,
      random,
      backoff: new Backoff({ ...defaultBackoff, ...options.backoff }, random),
      pageSize: options.pageSize ?? 500,
      log: this.log,
    });
  }

  /**
   * Adds a handler. One added after objects are cached first gets `onAdd`
   * for each of them, as client-go does.
   */
  addEventHandler(handler: EventHandler<T>): HandlerRegistration {
    const listener = new Listener(handler, this.log);
    this.listeners.add(listener);
    for (const object of this.indexer.list()) listener.enqueue({ type: "add", object });
    return {
      remove: () => {
        this.listeners.delete(listener);
        void listener.stop();
      },
    };
  }

  /** Adds an index; the objects already cached are filed in it at once. */
  addIndex(name: string, fn: IndexFunction<T>): void {
    this.indexer.addIndex(name, fn);
  }

  /** True once the first list is in the cache. */
  hasSynced(): boolean {
    return this.synced;
  }

  /** Resolves true once the first list is in the cache, false if `signal` aborts or the informer stops first. */
  waitForSync(signal?: AbortSignal): Promise<boolean> {
    if (this.synced) return Promise.resolve(true);
    if (signal?.aborted || this.stopped) return Promise.resolve(false);
    return new Promise((resolve) => {
      const settle = (synced: boolean): void => {
        this.syncWaiters.delete(settle);
        signal?.removeEventListener("abort", onAbort);
        resolve(synced);
      };
      const onAbort = (): void => settle(false);
      this.syncWaiters.add(settle);
      signal?.addEventListener("abort", onAbort, { once: true });
    });
  }

  /** The resourceVersion the cache has reached ("" before the first list). */
  lastSyncResourceVersion(): string {
    return this.reflector.lastSyncResourceVersion();
  }

  /**
   * Lists, watches and notifies until `signal` aborts; then stops the
   * handlers (queued notifications are dropped) and resolves once the calls
   * under way have returned. Runs once: a later call shares the first run
   * (so several controllers can share one informer) and resolves with it.
   */
  run(signal: AbortSignal): Promise<void> {
    this.running ??= this.runOnce(signal);
    return this.running;
  }

  private async runOnce(signal: AbortSignal): Promise<void> {
    try {
      await this.reflector.run(signal);
    } finally {
      this.stopped = true;
      this.resyncTimer?.cancel();
      for (const settle of [...this.syncWaiters]) settle(false);
      await Promise.all([...this.listeners].map((listener) => listener.stop()));
    }
  }

  /** Resolves once every handler has been given every change made so far. */
  async idle(): Promise<void> {
    await Promise.all([...this.listeners].map((listener) => listener.idle()));
  }

  private notify(notification: Notification<T>): void {
    for (const listener of this.listeners) listener.enqueue(notification);
  }

  /**
   * Makes the cache the listed state and tells the handlers the difference:
   * adds, updates for objects whose resourceVersion moved, and deletes (final
   * state unknown) for objects that are gone. Unchanged objects keep their
   * cached copy and make no call.
   */
  private replace(items: T[]): void {
    const listed = new Set<string>();
    for (const item of items) {
      const object = this.transform(item);
      listed.add(objectKey(object));
      this.upsert(object, true);
    }
    for (const key of this.indexer.keys()) {
      if (listed.has(key)) continue;
      const gone = this.indexer.delete(key)!;
      this.notify({ type: "delete", object: gone, finalStateUnknown: true });
    }
    if (!this.synced) this.markSynced();
  }

  /** Stores an added or changed object; from a list, an unchanged resourceVersion is no change. */
  private upsert(object: T, fromList: boolean): void {
    const key = objectKey(object);
    const old = this.indexer.get(key);
    if (old === undefined) {
      this.indexer.set(key, object);
      this.notify({ type: "add", object });
    } else if (uidOf(old) !== uidOf(object)) {
      // Deleted and made again under the same name while unseen: to handlers
      // that key objects by uid these are two objects, one gone, one new.
      this.indexer.set(key, object);
      this.notify({ type: "delete", object: old, finalStateUnknown: true });
      this.notify({ type: "add", object });
    } else if (!fromList || old.metadata?.resourceVersion !== object.metadata?.resourceVersion) {
      this.indexer.set(key, object);
      this.notify({ type: "update", oldObject: old, newObject: object });
    }
  }

  /** Removes a deleted object; `object` is its final state. */
  private remove(object: T): void {
    const key = objectKey(object);
    const old = this.indexer.get(key);
    // A delete for an object never seen has nobody to tell.
    if (old === undefined) return;
    this.indexer.delete(key);
    if (uidOf(old) === uidOf(object)) this.notify({ type: "delete", object, finalStateUnknown: false });
    else this.notify({ type: "delete", object: old, finalStateUnknown: true });
  }

  private markSynced(): void {
    this.synced = true;
    for (const settle of [...this.syncWaiters]) settle(true);
    const period = this.options.resyncPeriodMs ?? 0;
    if (period > 0) this.scheduleResync(period);
  }

  private scheduleResync(period: number): void {
    this.resyncTimer = this.clock.setTimer(period, () => {
      for (const object of this.indexer.list()) this.notify({ type: "update", oldObject: object, newObject: object });
      this.scheduleResync(period);
    });
  }
}
