import type { Clock } from "../../src/clock.js";
import type { Logger } from "../../src/log.js";
import type { AgentStreamRequest } from "../../src/tunnel/control-message.js";
import type { StreamListener, TunnelStream } from "../../src/tunnel/tunnel-stream.js";
import type { ContainerWaitingReason } from "./find-container.js";
import { serveExec } from "./serve-exec.js";
import { serveLog } from "./serve-log.js";
import type { StreamRuntime } from "./stream-runtime.js";

/**
 * The agent's answer to the server's stream requests (`AgentTunnel`'s
 * `accept`): logs and exec served from the container runtime.
 *
 * @example
 * new AgentTunnel({ ..., accept: acceptPodStream({ runtime, clock: realClock, log }) });
 */
export function acceptPodStream(options: {
  runtime: StreamRuntime;
  clock: Clock;
  log: Logger;
  /** The kubelet's view of why a container waits, for the refusal of a log that does not exist yet. */
  waitingReason?: ContainerWaitingReason;
}): (request: AgentStreamRequest, stream: TunnelStream) => StreamListener {
  const { runtime, clock, log, waitingReason } = options;
  return (request, stream) =>
    request.kind === "log" ? serveLog(runtime, clock, log, request, stream, waitingReason) : serveExec(runtime, log, request, stream);
}
