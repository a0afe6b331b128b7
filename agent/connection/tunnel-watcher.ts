import { StatusError, type Status } from "../../src/errors/status.js";
import { resourcePath, type ResourceRef } from "../../src/client/rest/paths.js";
import type { ApiObject } from "../../src/client/rest/rest-client.js";
import { LineSplitter } from "../../src/client/watch/line-splitter.js";
import { WatchStreamError } from "../../src/client/watch/watch-errors.js";
import { decodeWatchEvent, type WatchEvent } from "../../src/client/watch/watch-event.js";
import { defaultMaxEventBytes, type WatchOptions } from "../../src/client/watch/watch-options.js";
import type { Watcher } from "../../src/client/watch/watcher.js";
import type { WatchRequest } from "../../src/tunnel/control-message.js";
import { Channel } from "../../src/tunnel/protocol.js";
import { failed, type StreamStatus } from "../../src/tunnel/stream-status.js";
import type { TunnelMux } from "../../src/tunnel/tunnel-mux.js";
import type { TunnelStream } from "../../src/tunnel/tunnel-stream.js";

/** The tunnel as a watch needs it: the live connection, once there is one. */
export interface TunnelLink {
  /** Resolves with the connected multiplexer, waiting while there is none; undefined once `signal` aborts. */
  connected(signal?: AbortSignal): Promise<TunnelMux | undefined>;
}

/** What the agent tells the server when it stops a watch. */
const watcherGone = failed(499, "ClientClosedRequest", "the watcher stopped");

/**
 * Watches over the agent's tunnel: each watch is one stream on the one
 * connection, served by the server as `GET path?watch=1` for the node.
 * While the tunnel is down a watch waits for it (the tunnel's reconnect does
 * the backing off). Results and errors are `watch()`'s: a refusal throws its
 * StatusError (403 from the node authorizer), an ERROR event its StatusError
 * (410 asks for a re-list), a tunnel lost mid-watch a `dropped`
 * WatchStreamError, so the informer's reflector resumes from the last
 * resourceVersion it saw.
 */
export function tunnelWatcher(link: TunnelLink): Watcher {
  return {
    watch<T extends ApiObject>(ref: ResourceRef, namespace: string | undefined, options: WatchOptions) {
      const request: WatchRequest = { kind: "watch", path: resourcePath(ref, namespace) };
      if (options.resourceVersion !== undefined) request.resourceVersion = options.resourceVersion;
      if (options.labelSelector) request.labelSelector = options.labelSelector;
      if (options.fieldSelector) request.fieldSelector = options.fieldSelector;
      if (options.allowWatchBookmarks) request.allowWatchBookmarks = true;
      if (options.timeoutSeconds !== undefined) request.timeoutSeconds = options.timeoutSeconds;
      return tunnelWatch<T>(link, request, options.signal, options.maxEventBytes ?? defaultMaxEventBytes);
    },
  };
}

type Arrival = { kind: "lines"; lines: string[]; release: () => void } | { kind: "failed"; error: Error } | { kind: "closed"; status: StreamStatus; dropped: boolean };

async function* tunnelWatch<T extends ApiObject>(
  link: TunnelLink,
  request: WatchRequest,
  signal: AbortSignal | undefined,
  maxEventBytes: number,
): AsyncGenerator<WatchEvent<T>> {
  const mux = await link.connected(signal);
  if (!mux || signal?.aborted) return;
  const what = `watch ${request.path}`;
  const arrivals: Arrival[] = [];
  let wake: (() => void) | undefined;
  const arrive = (arrival: Arrival): void => {
    arrivals.push(arrival);
    wake?.();
  };
  const splitter = new LineSplitter(maxEventBytes);

  let stream: TunnelStream;
  try {
    stream = mux.open(request, {
      data(channel, payload, release) {
        if (channel !== Channel.Stdout) return release();
        try {
          arrive({ kind: "lines", lines: splitter.push(Buffer.from(payload)), release });
        } catch (error) {
          release();
          arrive({ kind: "failed", error: new WatchStreamError("malformed", `${what}: ${(error as Error).message}`, { cause: error }) });
        }
      },
      // A connection that goes ends its streams: that is a drop, not the server's answer.
      closed: (status) => arrive({ kind: "closed", status, dropped: mux.isShutDown }),
    });
  } catch (error) {
    // The connection went between `connected` and `open`.
    throw new WatchStreamError("dropped", `${what}: ${(error as Error).message}`, { cause: error });
  }
  const onAbort = (): void => wake?.();
  signal?.addEventListener("abort", onAbort, { once: true });

  try {
    for (;;) {
      if (signal?.aborted) return;
      const arrival = arrivals.shift();
      if (!arrival) {
        await new Promise<void>((resolve) => (wake = resolve));
        wake = undefined;
        continue;
      }
      if (arrival.kind === "failed") throw arrival.error;
      if (arrival.kind === "lines") {
        for (const line of arrival.lines) {
          if (line.trim() !== "") yield decodeWatchEvent<T>(parseLine(line));
        }
        // The server may send more once these events were taken.
        arrival.release();
        continue;
      }
      if (arrival.status.status === "Success") {
        const rest = splitter.rest().toString("utf8");
        if (rest.trim() !== "") throw new WatchStreamError("truncated", `${what}: the stream ended inside an event (${rest.length} characters)`);
        return;
      }
      if (arrival.dropped) throw new WatchStreamError("dropped", `${what}: ${arrival.status.message ?? "the tunnel was lost"}`);
      throw refusal(arrival.status);
    }
  } finally {
    signal?.removeEventListener("abort", onAbort);
    if (!stream.closed) stream.abort(watcherGone);
  }
}

function parseLine(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch (error) {
    throw new WatchStreamError("malformed", `watch event is not JSON: ${(error as Error).message}`, { cause: error });
  }
}

/** The StatusError of a stream the server closed with a failure (the request's refusal). */
function refusal(status: StreamStatus): StatusError {
  const answer: Status = { kind: "Status", apiVersion: "v1", metadata: {}, status: "Failure", code: status.code ?? 500 };
  if (status.reason !== undefined) answer.reason = status.reason;
  if (status.message !== undefined) answer.message = status.message;
  if (status.details !== undefined) answer.details = status.details;
  return new StatusError(answer);
}
