import type { ObjectReference } from "../../api/core/v1/object-reference.js";
import { realClock, type Clock } from "../../clock.js";
import type { Logger } from "../../log.js";
import { isNotFound, type RestClient } from "../rest/rest-client.js";
import type { ResourceRef } from "../rest/paths.js";
import { EventSpamFilter } from "./event-spam-filter.js";
import type { EventRecorder, EventType } from "./event-recorder.js";
import { LruMap } from "./lru-map.js";

export const eventsRef: ResourceRef = { group: "", version: "v1", resource: "events", namespaced: true };

/** Repeats closer together than this fold into one Event (as client-go's aggregation window). */
export const eventFoldWindowMs = 10 * 60_000;

export interface RestEventRecorderOptions {
  client: Pick<RestClient, "create" | "patch">;
  /** `source.component` and `reportingComponent`, e.g. `kubelet`, `node-ipam-controller`. */
  component: string;
  /** `source.host`: the node the reporter runs on, when it runs on one. */
  host?: string;
  /** `reportingInstance` (default: the host, else the component). */
  instance?: string;
  log: Logger;
  clock?: Clock;
  /** Distinct (object, type, reason, message) remembered for folding (default 4096). */
  capacity?: number;
  /** Writes waiting at most; more are dropped (default 1000). */
  maxPending?: number;
  spamFilter?: EventSpamFilter;
}

/** What is remembered of an Event written recently. */
interface RecentEvent {
  namespace: string;
  name: string;
  count: number;
  firstMs: number;
  lastMs: number;
}

/** core/v1 Time: RFC 3339 to the second. */
const timeOf = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");

const objectKeyOf = (ref: ObjectReference): string =>
  [ref.apiVersion, ref.kind, ref.namespace, ref.name, ref.uid].map((part) => part ?? "").join("\u0000");

/**
 * An EventRecorder that writes core/v1 Events through the API, as
 * client-go's recorder with its correlator: an Event named
 * `<object>.<hex time>` in the object's namespace (`default` for
 * cluster-scoped objects); a repeat within ten minutes raises the first
 * one's `count` and `lastTimestamp` by PATCH; each object has a token
 * bucket (25 at once, one more every 5 minutes); writes go one at a time,
 * in order, and a failure is logged and dropped.
 */
export class RestEventRecorder implements EventRecorder {
  private readonly recent: LruMap<string, RecentEvent>;
  private readonly spamFilter: EventSpamFilter;
  private readonly clock: Clock;
  private tail: Promise<void> = Promise.resolve();
  private pending = 0;
  private sequence = 0;

  constructor(private readonly options: RestEventRecorderOptions) {
    this.clock = options.clock ?? realClock;
    this.recent = new LruMap(options.capacity ?? 4096);
    this.spamFilter = options.spamFilter ?? new EventSpamFilter({ clock: this.clock });
  }

  event(involved: ObjectReference, type: EventType, reason: string, message: string): void {
    const log = this.options.log;
    const objectKey = objectKeyOf(involved);
    if (!this.spamFilter.allow(objectKey)) {
      log.debug({ involved, reason }, "event dropped: too many events about this object");
      return;
    }
    if (this.pending >= (this.options.maxPending ?? 1000)) {
      log.warn({ involved, reason }, "event dropped: too many events waiting to be written");
      return;
    }
    const key = [objectKey, involved.fieldPath ?? "", type, reason, message].join("\u0000");
    const now = this.clock.now();
    const seen = this.recent.get(key);
    if (seen && now - seen.lastMs < eventFoldWindowMs) {
      seen.count += 1;
      seen.lastMs = now;
      const count = seen.count;
      this.enqueue(() => this.raise(key, seen, count, now, involved, type, reason, message));
      return;
    }
    const fresh = this.newEntry(involved, now);
    this.recent.set(key, fresh);
    this.enqueue(() => this.create(key, fresh, involved, type, reason, message));
  }

  /** Resolves once every event recorded so far has been written or dropped. */
  flush(): Promise<void> {
    return this.tail;
  }

  private newEntry(involved: ObjectReference, now: number): RecentEvent {
    // Kubernetes names an Event `<object>.<UnixNano in hex>`; a sequence keeps two in one millisecond apart.
    const nanos = BigInt(now) * 1_000_000n + BigInt(this.sequence++ % 1_000_000);
    return { namespace: involved.namespace || "default", name: `${involved.name ?? ""}.${nanos.toString(16)}`, count: 1, firstMs: now, lastMs: now };
  }

  private enqueue(write: () => Promise<void>): void {
    this.pending += 1;
    this.tail = this.tail.then(write).then(
      () => void (this.pending -= 1),
      () => void (this.pending -= 1),
    );
  }

  private async create(key: string, entry: RecentEvent, involved: ObjectReference, type: EventType, reason: string, message: string): Promise<void> {
    const { component, host } = this.options;
    const event = {
      apiVersion: "v1",
      kind: "Event",
      metadata: { name: entry.name, namespace: entry.namespace },
      involvedObject: involved,
      reason,
      message,
      type,
      source: { component, ...(host ? { host } : {}) },
      firstTimestamp: timeOf(entry.firstMs),
      lastTimestamp: timeOf(entry.lastMs),
      count: entry.count,
      reportingComponent: component,
      reportingInstance: this.options.instance ?? host ?? component,
    };
    try {
      await this.options.client.create(eventsRef, entry.namespace, event);
    } catch (error) {
      // Forgotten, so the next repeat tries a fresh Event rather than patching one that is not there.
      if (this.recent.get(key) === entry) this.recent.delete(key);
      this.options.log.warn({ err: error, involved, reason }, "could not write event; dropped");
    }
  }

  private async raise(
    key: string,
    entry: RecentEvent,
    count: number,
    now: number,
    involved: ObjectReference,
    type: EventType,
    reason: string,
    message: string,
  ): Promise<void> {
    try {
      await this.options.client.patch(eventsRef, entry.namespace, entry.name, "merge", { count, lastTimestamp: timeOf(now) });
    } catch (error) {
      if (!isNotFound(error)) {
        this.options.log.warn({ err: error, involved, reason }, "could not update event; dropped");
        return;
      }
      // The Event was deleted (or its create failed): start a new one.
      const fresh = this.newEntry(involved, now);
      this.recent.set(key, fresh);
      await this.create(key, fresh, involved, type, reason, message);
    }
  }
}
