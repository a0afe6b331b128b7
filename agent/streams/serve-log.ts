import type { Clock } from "../../src/clock.js";
import type { Logger } from "../../src/log.js";
import type { LogRequest } from "../../src/tunnel/control-message.js";
import { Channel } from "../../src/tunnel/protocol.js";
import { succeeded } from "../../src/tunnel/stream-status.js";
import type { StreamListener, TunnelStream } from "../../src/tunnel/tunnel-stream.js";
import type { LogOptions, LogSink } from "../runtime/container-runtime.js";
import { findLogContainer, type ContainerWaitingReason } from "./find-container.js";
import { runtimeFailure, type StreamRuntime } from "./stream-runtime.js";

/** The runtime's log options for a request (already validated by the server). */
export function logOptionsOf(request: LogRequest, now: number): LogOptions {
  const options: LogOptions = { follow: request.follow, timestamps: request.timestamps };
  if (request.tailLines !== undefined) options.tailLines = request.tailLines;
  if (request.limitBytes !== undefined) options.limitBytes = request.limitBytes;
  if (request.sinceTime !== undefined) options.since = new Date(request.sinceTime);
  else if (request.sinceSeconds !== undefined) options.since = new Date(now - request.sinceSeconds * 1000);
  return options;
}

/**
 * Streams a container's log to the server: stdout and stderr on their
 * channels, the runtime held back while the stream's window is used up,
 * stopped when the server closes the stream (its client left). Ends with
 * Success, or with the kubelet's refusal when there is no such log.
 */
export function serveLog(
  runtime: StreamRuntime,
  clock: Clock,
  log: Logger,
  request: LogRequest,
  stream: TunnelStream,
  waitingReason?: ContainerWaitingReason,
): StreamListener {
  const gone = new AbortController();
  let wakeWriter: (() => void) | undefined;
  const writable = (): Promise<void> =>
    new Promise((resolve) => {
      wakeWriter = resolve;
    });
  const sink: LogSink = {
    async write(source, chunk) {
      if (gone.signal.aborted) return;
      if (!stream.write(source === "stderr" ? Channel.Stderr : Channel.Stdout, chunk)) await writable();
    },
  };
  const wake = (): void => {
    const resolve = wakeWriter;
    wakeWriter = undefined;
    resolve?.();
  };

  void (async () => {
    try {
      const found = await findLogContainer(runtime, request, waitingReason);
      if (gone.signal.aborted) return;
      if (!found.ok) return stream.end(found.status);
      await runtime.containerLogs(found.container.id, logOptionsOf(request, clock.now()), sink, gone.signal);
      stream.end(succeeded);
    } catch (error) {
      if (gone.signal.aborted) return;
      log.warn({ err: error, pod: `${request.namespace}/${request.pod}`, container: request.container }, "serving a log failed");
      stream.end(runtimeFailure(error));
    }
  })();

  return {
    drain: wake,
    closed() {
      gone.abort();
      wake();
    },
  };
}
