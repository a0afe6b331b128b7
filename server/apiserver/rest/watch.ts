import type { Clock } from "../../../src/clock.js";
import { badRequest, type Status, StatusError } from "../../../src/errors/status.js";
import { parseQueryInteger } from "../request/query-integers.js";
import { apiVersionOf, type ServedResource } from "../resources/served-resource.js";
import { storeErrorToStatus } from "../storage/store-errors.js";
import type { Table } from "../tables/table-types.js";
import type { StoredObject } from "../storage/object-store.js";
import type { ObjectEvent } from "../storage/object-event.js";
import { QueueOverflowError } from "../../../src/async/push-queue.js";
import type { ResourceCall } from "./context.js";
import { filterFromQuery, type ObjectFilter } from "./filter.js";
import { listMatching } from "./list.js";

export type WatchEventType = "ADDED" | "MODIFIED" | "DELETED" | "BOOKMARK" | "ERROR";

export interface WatchEvent {
  type: WatchEventType;
  /** The object; a Status for ERROR; a Table row when the client asked for Tables. */
  object: StoredObject | Status | Table;
}

/**
 * Where a watch's events go: a chunked HTTP response or a WebSocket. `send`
 * returns false when the client cannot keep up; the watch then ends and the
 * client re-lists, so one slow client never holds up the others or grows
 * memory without bound.
 */
export interface WatchSink {
  send(event: WatchEvent): boolean;
  /** Aborted when the client goes away. */
  readonly closed: AbortSignal;
}

interface WatchParams {
  startFromList: boolean;
  afterRevision: number;
  sendInitialEvents: boolean;
  allowBookmarks: boolean;
  timeoutMs: number;
}

// Kubernetes spreads watch lifetimes over 30–60 minutes so clients do not
// all reconnect at once.
const defaultMinTimeoutMs = 30 * 60 * 1000;
export const bookmarkIntervalMs = 60 * 1000;

function readParams(query: URLSearchParams): WatchParams {
  const rv = query.get("resourceVersion") ?? "";
  const sendInitialEvents = query.get("sendInitialEvents") === "true";
  const allowBookmarks = query.get("allowWatchBookmarks") === "true";
  if (sendInitialEvents && !allowBookmarks) throw badRequest("sendInitialEvents requires allowWatchBookmarks=true");
  const timeoutText = query.get("timeoutSeconds");
  let timeoutMs = defaultMinTimeoutMs * (1 + Math.random());
  if (timeoutText !== null && timeoutText !== "") {
    const seconds = parseQueryInteger(timeoutText);
    if (seconds === undefined) throw badRequest(`invalid timeoutSeconds "${timeoutText}"`);
    if (seconds > 0) timeoutMs = seconds * 1000;
  }
  const afterRevision = rv === "" ? 0 : parseQueryInteger(rv);
  if (afterRevision === undefined) throw badRequest(`invalid resourceVersion "${rv}"`);
  if (afterRevision === 0 || sendInitialEvents) {
    return { startFromList: true, afterRevision, sendInitialEvents, allowBookmarks, timeoutMs };
  }
  return { startFromList: false, afterRevision, sendInitialEvents, allowBookmarks, timeoutMs };
}

/**
 * What a watcher with a selector sees of a store event: an object moving into
 * the selection is ADDED, one moving out is DELETED, as Kubernetes does.
 */
export function visibleEvent(event: ObjectEvent, filter: ObjectFilter): WatchEvent | undefined {
  switch (event.type) {
    case "ADDED":
      return filter(event.object) ? { type: "ADDED", object: event.object } : undefined;
    case "DELETED":
      return filter(event.previous) ? { type: "DELETED", object: event.object } : undefined;
    case "MODIFIED": {
      const now = filter(event.object);
      const before = filter(event.previous);
      if (now && before) return { type: "MODIFIED", object: event.object };
      if (now) return { type: "ADDED", object: event.object };
      if (before) return { type: "DELETED", object: event.object };
      return undefined;
    }
  }
}

function bookmark(resource: ServedResource, revision: number, initialEventsEnd: boolean): WatchEvent {
  const metadata: StoredObject["metadata"] = { resourceVersion: String(revision) };
  if (initialEventsEnd) metadata.annotations = { "k8s.io/initial-events-end": "true" };
  return { type: "BOOKMARK", object: { kind: resource.kind, apiVersion: apiVersionOf(resource), metadata } };
}

/**
 * Checks a watch request's parameters (throwing a 400 before anything is
 * sent) and returns the function that serves it to a sink: until the client
 * leaves, the timeout passes, the store ends the stream, or the client falls
 * behind. Failures after the start become an ERROR event.
 */
export function prepareWatch(call: ResourceCall, clock: Clock): (sink: WatchSink) => Promise<void> {
  const filter = filterFromQuery(call.resource, call.query);
  const params = readParams(call.query);
  return (sink) => runWatch(call, clock, filter, params, sink);
}

async function runWatch(call: ResourceCall, clock: Clock, filter: ObjectFilter, params: WatchParams, sink: WatchSink): Promise<void> {
  const stop = new AbortController();
  const onClientGone = (): void => stop.abort();
  sink.closed.addEventListener("abort", onClientGone);
  const timeout = clock.setTimer(params.timeoutMs, () => stop.abort());
  let bookmarkTimer: { cancel(): void } | undefined;

  let lastRevision = params.afterRevision;
  const emit = (event: WatchEvent): void => {
    if (!stop.signal.aborted && !sink.send(event)) stop.abort();
  };
  try {
    if (params.startFromList) {
      const page = await listMatching(call, filter, {});
      for (const object of page.items) emit({ type: "ADDED", object });
      lastRevision = page.revision;
      if (params.sendInitialEvents) emit(bookmark(call.resource, lastRevision, true));
    }
    if (params.allowBookmarks) {
      const tick = (): void => {
        emit(bookmark(call.resource, lastRevision, false));
        bookmarkTimer = clock.setTimer(bookmarkIntervalMs, tick);
      };
      bookmarkTimer = clock.setTimer(bookmarkIntervalMs, tick);
    }
    const watch = await call.objects.watch(call.info.namespace, lastRevision);
    stop.signal.addEventListener("abort", () => watch.close());
    if (stop.signal.aborted) watch.close();
    for await (const event of watch) {
      lastRevision = event.revision;
      const visible = visibleEvent(event, filter);
      if (visible) emit(visible);
    }
  } catch (error) {
    // Too slow to keep up: the watch just ends, and the client re-watches or re-lists.
    if (error instanceof QueueOverflowError) return;
    const mapped = storeErrorToStatus(error);
    if (!(mapped instanceof StatusError)) throw error;
    emit({ type: "ERROR", object: mapped.status });
  } finally {
    timeout.cancel();
    bookmarkTimer?.cancel();
    sink.closed.removeEventListener("abort", onClientGone);
  }
}
