import { resourcePath, withQuery, type ResourceRef } from "../rest/paths.js";

/** How the events travel: chunked HTTP, one JSON event per line; or WebSocket, one event per text message. */
export type WatchProtocol = "http" | "websocket";

/** The parameters of one watch request (Kubernetes' ListOptions for `watch=1`). */
export interface WatchOptions {
  /** Events after this version; absent or "0" lets the server start with the current state as ADDED events. */
  resourceVersion?: string;
  labelSelector?: string;
  fieldSelector?: string;
  /** Asks for BOOKMARK events, which advance the version without a change. */
  allowWatchBookmarks?: boolean;
  /** The server ends the watch after this long; the caller watches again. */
  timeoutSeconds?: number;
  /** Ends the watch: the iteration stops without an error. */
  signal?: AbortSignal;
  /** Default "http". */
  protocol?: WatchProtocol;
  /** The largest event accepted, in bytes (default 64 MiB); a larger one fails the stream. */
  maxEventBytes?: number;
}

export const defaultMaxEventBytes = 64 * 1024 * 1024;

/** `/api/v1/namespaces/ns/pods?watch=1&resourceVersion=...`, the same URL for both protocols. */
export function watchPath(ref: ResourceRef, namespace: string | undefined, options: WatchOptions): string {
  return withQuery(resourcePath(ref, namespace), {
    watch: 1,
    resourceVersion: options.resourceVersion,
    allowWatchBookmarks: options.allowWatchBookmarks || undefined,
    timeoutSeconds: options.timeoutSeconds,
    labelSelector: options.labelSelector || undefined,
    fieldSelector: options.fieldSelector || undefined,
  });
}
