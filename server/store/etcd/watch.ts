import {
  ClientClosedError,
  type IDuplexStream,
  type IEvent,
  type IKeyValue,
  type IWatchRequest,
  type IWatchResponse,
} from "etcd3";
import { PushQueue } from "../../../src/async/push-queue.js";
import type { Logger } from "../../../src/log.js";
import { CompactedError, StoreUnavailableError } from "../errors.js";
import type { StoreEvent, Watch } from "../store.js";
import type { KeySpace } from "./key-space.js";

type WatchStream = IDuplexStream<IWatchRequest, IWatchResponse>;

/** What a watch needs from the store that opened it. */
export interface WatchContext {
  /** Opens a new gRPC watch stream (etcd3's `watchClient.watch()`). */
  openStream(): Promise<WatchStream>;
  keys: KeySpace;
  /** Where errors say the watch failed. */
  target: string;
  /** Tells the store about a compaction point etcd reported. */
  sawCompaction(revision: number): void;
  log: Logger;
}

const firstRetryDelayMs = 100;
const maxRetryDelayMs = 2_000;

/**
 * A watch on its own etcd watch stream, which it re-opens after a lost
 * connection itself: etcd3's built-in resumption restarts from the revision
 * in the last response header, which on a catching-up watch is ahead of the
 * events actually received, so a drop at the wrong moment would lose events.
 * Here the restart point is the last revision handed to the queue (or named
 * by a progress notification, which etcd sends only once every event up to
 * its header revision has been sent), so nothing is lost and nothing repeats.
 *
 * etcd is asked to start AT that revision, not after it, and the events of
 * that revision are dropped. That way etcd refuses exactly when the contract
 * says (a watch after revision r needs r not compacted: its first event's
 * previous value lives at r), where a start after r would be accepted even
 * with r compacted. (Revision 1 is the exception: etcd reads a start of 0 as
 * "now", so a watch after 0 starts at 1.)
 *
 * Events wait in memory until read. While etcd is unreachable, the watch
 * keeps retrying (up to every 2 s) and iteration simply waits.
 */
export class EtcdWatch implements Watch {
  /** Leaving a `for await` loop closes the queue, and so the watch. */
  private readonly queue = new PushQueue<StoreEvent>({ onClose: () => this.close() });
  private readonly range: { key: Buffer; range_end: Buffer };
  /** Every event up to this revision has been handed to the queue. */
  private delivered: number;
  private stream: WatchStream | undefined;
  private retryDelayMs = firstRetryDelayMs;
  private retryTimer: NodeJS.Timeout | undefined;
  private disconnected = false;
  private closed = false;

  constructor(
    private readonly context: WatchContext,
    prefix: string,
    afterRevision: number,
    private readonly onClose: () => void,
  ) {
    this.range = context.keys.range(prefix);
    this.delivered = Math.max(afterRevision, 0);
    void this.connect();
  }

  [Symbol.asyncIterator](): AsyncIterator<StoreEvent> {
    return this.queue;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.retryTimer);
    this.dropStream();
    this.queue.close();
    this.onClose();
  }

  private async connect(): Promise<void> {
    if (this.closed) return;
    let stream: WatchStream;
    try {
      stream = await this.context.openStream();
    } catch (error) {
      // Only closing the store closes the client: that is for good.
      if (error instanceof ClientClosedError) {
        this.queue.fail(new StoreUnavailableError(this.context.target, "the etcd store is closed"));
      } else {
        this.retryLater(error);
      }
      return;
    }
    if (this.closed) {
      stopStream(stream);
      return;
    }
    this.stream = stream;
    stream.on("data", (response) => this.receive(stream, response));
    stream.on("error", (error) => this.lost(stream, error));
    stream.on("end", () => this.lost(stream, new Error("etcd ended the watch stream")));
    stream.write({
      create_request: {
        ...this.range,
        start_revision: Math.max(this.delivered, 1),
        prev_kv: true,
        progress_notify: true,
      },
    });
  }

  private receive(stream: WatchStream, response: IWatchResponse): void {
    if (stream !== this.stream) return;
    if (response.canceled) {
      this.failWith(this.cancellation(response));
      return;
    }
    if (response.created) {
      this.retryDelayMs = firstRetryDelayMs;
      if (this.disconnected) {
        this.disconnected = false;
        this.context.log.info({ after: this.delivered }, "etcd watch resumed");
      }
      return;
    }
    if (response.events.length === 0) {
      // A progress notification: every event up to the header revision has been sent.
      this.delivered = Math.max(this.delivered, Number(response.header.revision));
      return;
    }
    for (const event of response.events) {
      if (Number(event.kv.mod_revision) <= this.delivered) continue;
      const converted = this.storeEvent(event);
      if (converted instanceof Error) {
        this.failWith(converted);
        return;
      }
      this.queue.push(converted);
    }
    const last = response.events.at(-1);
    if (last) this.delivered = Math.max(this.delivered, Number(last.kv.mod_revision));
  }

  /** The store event for an etcd event, or an error if its previous value is gone. */
  private storeEvent(event: IEvent): StoreEvent | CompactedError {
    const { keys } = this.context;
    const kv = keys.keyValue(event.kv);
    if (event.type === "Put" && kv.createRevision === kv.modRevision) return { type: "create", kv };
    // etcd leaves prev_kv out when the revision before this event was
    // compacted away, i.e. etcd is compacted to this event's revision or later.
    const prevKv: IKeyValue | null | undefined = event.prev_kv;
    if (!prevKv) {
      this.context.sawCompaction(kv.modRevision);
      return new CompactedError(kv.modRevision - 1, kv.modRevision);
    }
    const prev = keys.keyValue(prevKv);
    if (event.type === "Put") return { type: "update", kv, prev };
    return { type: "delete", kv: { ...prev, modRevision: kv.modRevision }, prev };
  }

  private cancellation(response: IWatchResponse): Error {
    const compactedTo = Number(response.compact_revision);
    if (compactedTo > 0) {
      this.context.sawCompaction(compactedTo);
      return new CompactedError(Math.max(this.delivered, 1), compactedTo);
    }
    const reason = response.cancel_reason || "no reason given";
    return new StoreUnavailableError(this.context.target, `etcd cancelled the watch: ${reason}`);
  }

  private failWith(error: Error): void {
    this.dropStream();
    this.queue.fail(error);
  }

  private lost(stream: WatchStream, error: Error): void {
    if (stream !== this.stream || this.closed) return;
    this.dropStream();
    this.retryLater(error);
  }

  private retryLater(error: unknown): void {
    if (this.closed) return;
    if (!this.disconnected) {
      this.disconnected = true;
      this.context.log.warn({ err: error, after: this.delivered }, "etcd watch lost; reconnecting");
    }
    this.retryTimer = setTimeout(() => void this.connect(), this.retryDelayMs);
    this.retryDelayMs = Math.min(this.retryDelayMs * 2, maxRetryDelayMs);
  }

  private dropStream(): void {
    const stream = this.stream;
    this.stream = undefined;
    if (stream) stopStream(stream);
  }
}

/**
 * Half-closes, then cancels. Ending first matters: etcd3 treats an error on
 * a still-writable stream as a failed host and resets every connection to it,
 * which would also cut the other watches.
 */
function stopStream(stream: WatchStream): void {
  stream.end();
  stream.cancel();
}
