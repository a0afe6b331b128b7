import type { ResourceRef } from "../rest/paths.js";
import type { ApiObject } from "../rest/rest-client.js";
import type { WatchEvent } from "./watch-event.js";
import type { WatchOptions } from "./watch-options.js";

/**
 * Another way to open the watches of a `resourceListerWatcher` than a
 * request of its own per watch (e.g. the agent's tunnel, which carries every
 * watch over one connection). It must keep `watch()`'s contract: the same
 * events and the same errors (StatusError, `dropped` WatchStreamError, ...),
 * so the informer's reflector resumes and re-lists as it does over HTTP.
 */
export interface Watcher {
  watch<T extends ApiObject>(ref: ResourceRef, namespace: string | undefined, options: WatchOptions): AsyncGenerator<WatchEvent<T>>;
}
