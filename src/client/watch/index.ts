/** Watch: a collection's changes as typed events, over chunked HTTP or WebSocket. */
export { watch } from "./watch.js";
export { watchPath, type WatchOptions, type WatchProtocol } from "./watch-options.js";
export { decodeWatchEvent, type BookmarkObject, type WatchEvent } from "./watch-event.js";
export { isExpired, WatchStreamError, type WatchStreamFailure } from "./watch-errors.js";
export type { Watcher } from "./watcher.js";
