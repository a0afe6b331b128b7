import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import type { WebSocket, WebSocketServer } from "ws";
import { z } from "zod";
import { badRequest, serviceUnavailable } from "../../src/errors/status.js";
import type { Logger } from "../../src/log.js";
import type { ExecRequest } from "../../src/tunnel/control-message.js";
import { Channel } from "../../src/tunnel/protocol.js";
import { failed, type StreamStatus } from "../../src/tunnel/stream-status.js";
import type { StreamListener, TunnelStream } from "../../src/tunnel/tunnel-stream.js";
import type { ResourceCall } from "../apiserver/rest/context.js";
import { getExisting } from "../apiserver/rest/get.js";
import { acceptWebSocket } from "./accept-websocket.js";
import type { AgentTunnels } from "./agent-tunnels.js";
import { parsePodExecOptions } from "./exec-options.js";
import { assignedNode, chooseContainer, podTargetOf } from "./pod-target.js";
import { clientGone } from "./serve-log.js";

/** The only remote-command protocol served: kubectl ≥ 1.30 offers it over WebSocket. */
export const REMOTE_COMMAND_PROTOCOL = "v5.channel.k8s.io";

/** v5's channel 3 (the final Status) and 255 (`[255, n]` closes the client's stream n). */
const ERROR_CHANNEL = 3;
const CLOSE_CHANNEL = 255;

const terminalSizeSchema = z.object({ Width: z.number().int().min(0).max(65535), Height: z.number().int().min(0).max(65535) });

/**
 * `pods/{name}/exec` upgraded to WebSocket: checks as Kubernetes does before
 * the switch (answered as plain HTTP with a Status), then bridges kubectl's
 * v5.channel.k8s.io frames to a tunnel stream to the node's agent.
 */
export async function serveExec(
  tunnels: AgentTunnels,
  websockets: WebSocketServer,
  log: Logger,
  call: ResourceCall,
  request: IncomingMessage,
  socket: Duplex,
  head: Buffer,
): Promise<void> {
  const options = parsePodExecOptions(call.query);
  const pod = podTargetOf(await getExisting(call));
  const container = chooseContainer(pod, options.container);
  const node = assignedNode(pod);
  // Checked before the protocol: kubectl retries a refused WebSocket with
  // SPDY, and should hear the same reason again.
  if (!tunnels.isConnected(node)) throw serviceUnavailable(`the agent of node "${node}" is not connected to this server`);
  requireRemoteCommandProtocol(request);

  const { container: _named, ...streams } = options;
  const execRequest: ExecRequest = { kind: "exec", namespace: pod.namespace, pod: pod.name, uid: pod.uid, container, ...streams };
  const ws = await acceptWebSocket(websockets, request, socket, head);
  if (ws) bridge(ws, execRequest, (listener) => tunnels.open(node, execRequest, listener), log);
}

function requireRemoteCommandProtocol(request: IncomingMessage): void {
  if (request.headers.upgrade?.toLowerCase() !== "websocket") {
    throw badRequest(`exec is served over WebSocket with subprotocol ${REMOTE_COMMAND_PROTOCOL} only, not ${request.headers.upgrade ?? "a plain request"}`);
  }
  const offered = (request.headers["sec-websocket-protocol"] ?? "").split(",").map((p) => p.trim()).filter((p) => p !== "");
  if (!offered.includes(REMOTE_COMMAND_PROTOCOL)) {
    throw badRequest(`requested protocol(s) are not supported: [${offered.join(" ")}]; supports [${REMOTE_COMMAND_PROTOCOL}]`);
  }
}

/** Picks v5.channel.k8s.io for an exec upgrade (only offered ones get this far). */
export function selectRemoteCommandProtocol(offered: Set<string>): string | false {
  return offered.has(REMOTE_COMMAND_PROTOCOL) ? REMOTE_COMMAND_PROTOCOL : false;
}

type OpenStream = (listener: StreamListener) => TunnelStream;

function bridge(ws: WebSocket, exec: ExecRequest, openStream: OpenStream, log: Logger): void {
  let finished = false;
  const finish = (status: StreamStatus): void => {
    if (finished) return;
    finished = true;
    if (ws.readyState !== ws.OPEN) return;
    ws.send(frame(ERROR_CHANNEL, Buffer.from(JSON.stringify({ metadata: {}, ...status }))));
    // Reading may be paused for stdin back-pressure; kubectl's close frame must get through.
    ws.resume();
    // ws sends the close frame and waits for kubectl's, so output still in
    // flight reaches kubectl before the connection goes.
    ws.close(1000);
  };

  // As Kubernetes does, an empty frame on the lowest channel kubectl reads
  // tells it the session is up.
  ws.send(frame(exec.stdout ? Channel.Stdout : exec.stderr ? Channel.Stderr : ERROR_CHANNEL, Buffer.alloc(0)));

  let stream: TunnelStream;
  try {
    stream = openStream({
      data(channel, payload, release) {
        const wanted = (channel === Channel.Stdout && exec.stdout) || (channel === Channel.Stderr && exec.stderr);
        if (!wanted || ws.readyState !== ws.OPEN) return release();
        ws.send(frame(channel, payload), () => release());
      },
      drain: () => ws.resume(),
      closed: finish,
    });
  } catch (error) {
    finish(failed(503, "ServiceUnavailable", error instanceof Error ? error.message : String(error)));
    return;
  }

  ws.on("message", (data, isBinary) => {
    const bytes = Buffer.isBuffer(data) ? data : Buffer.concat(Array.isArray(data) ? data : [Buffer.from(data)]);
    // v5 is binary only; an empty message carries nothing.
    if (!isBinary || bytes.length === 0 || finished) return;
    const channel = bytes[0]!;
    const payload = bytes.subarray(1);
    if (channel === Channel.Stdin && exec.stdin) {
      if (!stream.write(Channel.Stdin, payload)) ws.pause();
    } else if (channel === Channel.Resize && exec.tty) {
      forwardResize(stream, payload, log);
    } else if (channel === CLOSE_CHANNEL && payload[0] === Channel.Stdin) {
      stream.endInput();
    }
  });
  ws.on("error", (error) => log.debug({ err: error }, "exec websocket failed"));
  ws.on("close", () => {
    finished = true;
    stream.abort(clientGone);
  });
}

// Sizes are JSON from the client (an edge): checked, then passed on re-encoded.
function forwardResize(stream: TunnelStream, payload: Uint8Array, log: Logger): void {
  let size: unknown;
  try {
    size = JSON.parse(Buffer.from(payload).toString("utf8"));
  } catch {
    size = undefined;
  }
  const parsed = terminalSizeSchema.safeParse(size);
  if (!parsed.success) {
    log.debug("exec: ignored a malformed terminal size");
    return;
  }
  stream.write(Channel.Resize, Buffer.from(JSON.stringify(parsed.data)));
}

function frame(channel: number, payload: Uint8Array): Buffer {
  return Buffer.concat([Buffer.from([channel]), payload]);
}
