import type { ServerResponse } from "node:http";
import type { Clock } from "../../../src/clock.js";
import type { ResourceCall } from "../rest/context.js";
import { prepareWatch, type WatchEvent, type WatchSink } from "../rest/watch.js";

/** Past this much unsent output a watcher is too slow: it is cut off and re-lists. */
export const maxPendingWatchBytes = 16 * 1024 * 1024;

/**
 * A watch over chunked HTTP: one JSON event per line, flushed per event.
 * Parameter errors answer as a normal Status before the stream starts.
 */
export async function startHttpWatch(
  call: ResourceCall,
  response: ServerResponse,
  clock: Clock,
  transform?: (event: WatchEvent) => WatchEvent,
): Promise<void> {
  const run = prepareWatch(call, clock);
  // Headers go out at once, as Kubernetes does: clients wait for them before
  // they count a watch as started, however quiet the collection.
  startStream(response);
  const closed = new AbortController();
  response.on("close", () => closed.abort());
  const sink: WatchSink = {
    closed: closed.signal,
    send(event: WatchEvent): boolean {
      response.write(transform ? `${JSON.stringify(transform(event))}\n` : serializedWatchEvent(event));
      return response.writableLength <= maxPendingWatchBytes;
    },
  };
  await run(sink);
  response.end();
}

// Watchers of one resource share the cache's event objects, so one event is
// serialized once however many watchers it goes to.
const serializedByObject = new WeakMap<object, Partial<Record<WatchEvent["type"], string>>>();

/** An event as one JSON line, for HTTP watchers and agents' tunnel watchers alike. */
export function serializedWatchEvent(event: WatchEvent): string {
  let forms = serializedByObject.get(event.object);
  if (!forms) {
    forms = {};
    serializedByObject.set(event.object, forms);
  }
  return (forms[event.type] ??= `${JSON.stringify(event)}\n`);
}

function startStream(response: ServerResponse): void {
  response.writeHead(200, {
    "Content-Type": "application/json",
    "Transfer-Encoding": "chunked",
    "Cache-Control": "no-cache, private",
  });
  response.flushHeaders();
}
