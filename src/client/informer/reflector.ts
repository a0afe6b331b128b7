import { type Clock, sleep } from "../../clock.js";
import { StatusError } from "../../errors/status.js";
import type { Logger } from "../../log.js";
import type { ApiObject } from "../rest/rest-client.js";
import { TransportError } from "../rest/transport.js";
import { isExpired, WatchStreamError } from "../watch/watch-errors.js";
import type { Backoff } from "./backoff.js";
import { listAll } from "./list-all.js";
import type { ListerWatcher } from "./lister-watcher.js";

/** What the reflector keeps up to date: the informer's cache. */
export interface ReflectorStore<T> {
  /** The whole state at `resourceVersion`, from a list. */
  replace(items: T[], resourceVersion: string): void;
  /** One change from the watch. */
  apply(type: "ADDED" | "MODIFIED" | "DELETED", object: T): void;
}

export interface ReflectorOptions<T> {
  source: ListerWatcher<T>;
  store: ReflectorStore<T>;
  clock: Clock;
  random: () => number;
  backoff: Backoff;
  pageSize: number;
  log: Logger;
}

// A watch lasts 5–10 minutes (client-go's minWatchTimeout times 1–2), so
// clients do not all come back at once.
const minWatchTimeoutSeconds = 300;
// A watch that ends this soon without an event counts as a failure, so a
// server that closes watches at once is not hammered.
const shortWatchMs = 1000;

/**
 * client-go's reflector: lists the objects into the store, then watches
 * from the list's resourceVersion, moving it forward with every event and
 * bookmark. A watch that ends or drops is resumed from the last version
 * seen; a 410 (the server no longer holds it) or a refusal leads to a new
 * list. Failures in a row wait an exponential back-off with jitter; an event
 * resets it.
 */
export class Reflector<T extends ApiObject> {
  private resourceVersion = "";

  constructor(private readonly options: ReflectorOptions<T>) {}

  /** The version the store has reached; "" before the first list. */
  lastSyncResourceVersion(): string {
    return this.resourceVersion;
  }

  /** Lists and watches until the signal aborts. */
  async run(signal: AbortSignal): Promise<void> {
    const { source, store, log } = this.options;
    while (!signal.aborted) {
      let listed: { items: T[]; resourceVersion: string };
      try {
        listed = await listAll(source, this.options.pageSize, signal);
      } catch (error) {
        if (signal.aborted) return;
        log.warn({ err: error }, "list failed; retrying after back-off");
        await this.backOff(signal);
        continue;
      }
      if (signal.aborted) return;
      store.replace(listed.items, listed.resourceVersion);
      this.resourceVersion = listed.resourceVersion;
      await this.watchUntilRelist(signal);
    }
  }

  /** Watches, and watches again, until the state must be listed anew (or the signal aborts). */
  private async watchUntilRelist(signal: AbortSignal): Promise<void> {
    const { source, store, clock, log, backoff } = this.options;
    while (!signal.aborted) {
      const started = clock.now();
      let received = 0;
      try {
        const timeoutSeconds = Math.floor(minWatchTimeoutSeconds * (1 + this.options.random()));
        for await (const event of source.watch({ resourceVersion: this.resourceVersion, timeoutSeconds, signal })) {
          received++;
          backoff.reset();
          if (event.type !== "BOOKMARK") store.apply(event.type, event.object);
          this.resourceVersion = event.object.metadata?.resourceVersion ?? this.resourceVersion;
        }
        if (signal.aborted) return;
        if (received === 0 && clock.now() - started < shortWatchMs) {
          log.warn({ resourceVersion: this.resourceVersion }, "watch ended at once without events; watching again after back-off");
          await this.backOff(signal);
        }
      } catch (error) {
        if (signal.aborted) return;
        if (isExpired(error)) {
          log.info({ resourceVersion: this.resourceVersion }, "watch version expired; listing again");
          await this.backOff(signal);
          return;
        }
        if (!resumable(error)) {
          log.warn({ err: error }, "watch failed; listing again after back-off");
          await this.backOff(signal);
          return;
        }
        log.info({ err: error, resourceVersion: this.resourceVersion }, "watch interrupted; resuming");
        // A watch that delivered events resumes at once; one that did not backs off.
        if (received === 0) await this.backOff(signal);
      }
    }
  }

  private backOff(signal: AbortSignal): Promise<void> {
    return sleep(this.options.clock, this.options.backoff.next(), signal);
  }
}

/**
 * A failure after which watching again from the same version is right: the
 * connection, or a server busy for now. A malformed stream is not: the same
 * version would bring the same bad event back.
 */
function resumable(error: unknown): boolean {
  if (error instanceof WatchStreamError) return error.failure !== "malformed";
  if (error instanceof TransportError) return true;
  return error instanceof StatusError && (error.code === 429 || error.code >= 500);
}
