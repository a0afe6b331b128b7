import type { ResourceRef } from "../rest/paths.js";
import type { ApiObject, RestClient } from "../rest/rest-client.js";
import { httpWatch } from "./http-watch.js";
import { websocketWatch } from "./websocket-watch.js";
import type { WatchEvent } from "./watch-event.js";
import { defaultMaxEventBytes, watchPath, type WatchOptions } from "./watch-options.js";

/**
 * Watches a collection: the events after `resourceVersion`, typed, in order,
 * until the server ends the watch (the iteration then completes) or `signal`
 * aborts. Nothing is sent until the first `next()`.
 *
 * Errors: an ERROR event or a refused request throws its StatusError
 * (`isExpired(error)` for the 410 that asks for a re-list); a network failure
 * before the answer a TransportError; a stream that breaks afterwards a
 * WatchStreamError, once every whole event before it has been yielded.
 *
 * @example
 * for await (const event of watch<Pod>(client, pods, "default", { resourceVersion: list.metadata.resourceVersion, signal })) {
 *   if (event.type !== "BOOKMARK") console.log(event.type, event.object.metadata?.name);
 * }
 */
export function watch<T extends ApiObject = ApiObject>(
  client: RestClient,
  ref: ResourceRef,
  namespace: string | undefined,
  options: WatchOptions = {},
): AsyncGenerator<WatchEvent<T>> {
  const path = watchPath(ref, namespace, options);
  const stream = { signal: options.signal, maxEventBytes: options.maxEventBytes ?? defaultMaxEventBytes };
  return options.protocol === "websocket" ? websocketWatch<T>(client, path, stream) : httpWatch<T>(client, path, stream);
}
