import { StatusError, type Status } from "../../src/errors/status.js";
import type { Logger } from "../../src/log.js";
import type { WatchRequest } from "../../src/tunnel/control-message.js";
import { Channel } from "../../src/tunnel/protocol.js";
import { failed, succeeded, type StreamStatus } from "../../src/tunnel/stream-status.js";
import type { StreamListener, TunnelStream } from "../../src/tunnel/tunnel-stream.js";
import { maxPendingWatchBytes, serializedWatchEvent } from "../apiserver/http/watch-stream.js";
import type { WatchSink } from "../apiserver/rest/watch.js";
import { storeErrorToStatus } from "../apiserver/storage/store-errors.js";

/**
 * Prepares the watch `GET path?watch=1&query` exactly as the REST API serves
 * it to `user` (authorization, then the watch cache); throws the request's
 * StatusError (400, 403, 404) before anything is sent.
 */
export type PrepareWatch = (path: string, query: URLSearchParams) => Promise<(sink: WatchSink) => Promise<void>>;

const tooFarBehind = failed(503, "ServiceUnavailable", `the watcher fell more than ${maxPendingWatchBytes} bytes behind: watch again`);

/**
 * Serves a watch the agent opened on its tunnel: the events as JSON lines on
 * the stream's stdout channel, queued behind the stream's window. A refused
 * request closes the stream with its Status; a watch that ends (timeout,
 * 410 sent as an ERROR event) closes it with Success, one whose watcher
 * fell too far behind with a 503; the agent closing the stream, or the
 * tunnel going, ends the watch.
 */
export function serveAgentWatch(prepare: PrepareWatch, request: WatchRequest, stream: TunnelStream, log: Logger): StreamListener {
  const gone = new AbortController();
  let behind = false;
  const sink: WatchSink = {
    closed: gone.signal,
    send(event) {
      stream.write(Channel.Stdout, Buffer.from(serializedWatchEvent(event)));
      // As with a socket's buffer: a watcher this far behind watches again instead of growing memory.
      behind = stream.pendingBytes > maxPendingWatchBytes;
      return !behind;
    },
  };
  void (async () => {
    try {
      const run = await prepare(request.path, watchQuery(request));
      if (gone.signal.aborted) return;
      await run(sink);
      // What waits for a watcher that does not read is dropped, not kept
      // until it does: it watches again from the last event it took.
      if (behind) stream.abort(tooFarBehind);
      else stream.end(succeeded);
    } catch (error) {
      const mapped = storeErrorToStatus(error);
      if (!(mapped instanceof StatusError)) log.error({ err: error, path: request.path }, "agent watch failed");
      stream.end(mapped instanceof StatusError ? asStreamStatus(mapped.status) : failed(500, "InternalError", `watch ${request.path} failed`));
    }
  })();
  return { closed: () => gone.abort() };
}

/** The query of `GET path?watch=1&...` that the request stands for. */
export function watchQuery(request: WatchRequest): URLSearchParams {
  const query = new URLSearchParams({ watch: "1" });
  if (request.resourceVersion !== undefined) query.set("resourceVersion", request.resourceVersion);
  if (request.labelSelector) query.set("labelSelector", request.labelSelector);
  if (request.fieldSelector) query.set("fieldSelector", request.fieldSelector);
  if (request.allowWatchBookmarks) query.set("allowWatchBookmarks", "true");
  if (request.timeoutSeconds !== undefined) query.set("timeoutSeconds", String(request.timeoutSeconds));
  return query;
}

function asStreamStatus(status: Status): StreamStatus {
  const answer: StreamStatus = { status: "Failure", code: status.code };
  if (status.reason !== undefined) answer.reason = status.reason;
  if (status.message !== undefined) answer.message = status.message;
  if (status.details?.causes) answer.details = { causes: status.details.causes };
  return answer;
}
