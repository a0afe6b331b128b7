import type { WebSocket } from "ws";
import type { Clock, Timer } from "../../src/clock.js";
import { serviceUnavailable } from "../../src/errors/status.js";
import type { Logger } from "../../src/log.js";
import type { AgentStreamRequest, WatchRequest } from "../../src/tunnel/control-message.js";
import { CloseCode } from "../../src/tunnel/protocol.js";
import { failed } from "../../src/tunnel/stream-status.js";
import { TunnelMux } from "../../src/tunnel/tunnel-mux.js";
import type { StreamListener, TunnelStream } from "../../src/tunnel/tunnel-stream.js";

export interface AgentTunnelsOptions {
  log: Logger;
  clock: Clock;
  /** How often each agent is pinged; one missed pong ends its connection. Default 20 s. */
  pingIntervalMs?: number;
}

interface AgentConnection {
  ws: WebSocket;
  mux: TunnelMux;
  ping: Timer;
  answered: boolean;
}

/**
 * The agents connected to this server, one tunnel per node: a new connection
 * of a node replaces the old one, whose streams end with an error. Streams
 * to a node go over its current tunnel.
 */
export class AgentTunnels {
  private readonly agents = new Map<string, AgentConnection>();
  private readonly pingIntervalMs: number;

  constructor(private readonly options: AgentTunnelsOptions) {
    this.pingIntervalMs = options.pingIntervalMs ?? 20_000;
  }

  /** Whether the agent of `node` has a working tunnel to this server. */
  isConnected(node: string): boolean {
    const agent = this.agents.get(node);
    return agent !== undefined && !agent.mux.isShutDown;
  }

  /** Opens a stream to the agent of `node`; 503 when it has no tunnel here. */
  open(node: string, request: AgentStreamRequest, listener: StreamListener): TunnelStream {
    const agent = this.agents.get(node);
    if (!agent || agent.mux.isShutDown) throw serviceUnavailable(`the agent of node "${node}" is not connected to this server`);
    return agent.mux.open(request, listener);
  }

  /**
   * Takes an upgraded WebSocket as the tunnel of `node`; `serveWatch` serves
   * the watches the agent opens on it (without it, an agent that opens one
   * breaks the protocol).
   */
  attach(node: string, ws: WebSocket, serveWatch?: (request: WatchRequest, stream: TunnelStream) => StreamListener): void {
    const log = this.options.log.child({ node });
    const previous = this.agents.get(node);
    if (previous) {
      this.agents.delete(node);
      this.end(previous, CloseCode.Replaced, "replaced by a newer connection", `the agent of node "${node}" reconnected`);
      log.info("agent tunnel replaced by a newer connection");
    }

    const transport = {
      send: (message: string | Uint8Array) => {
        if (ws.readyState === ws.OPEN) ws.send(message);
      },
      close: (code: number, reason: string) => {
        log.warn({ code, reason }, "agent tunnel closed on a protocol error");
        ws.close(code, reason);
      },
    };
    const mux = new TunnelMux(
      transport,
      serveWatch &&
        ((request, stream) => {
          // The multiplexer has already refused any other kind from the agent.
          if (request.kind !== "watch") throw new Error(`an agent does not open ${request.kind} streams`);
          return serveWatch(request, stream);
        }),
    );
    const agent: AgentConnection = { ws, mux, ping: this.schedulePing(() => agent, log), answered: true };
    this.agents.set(node, agent);
    log.info("agent tunnel connected");

    ws.on("message", (data, isBinary) => mux.receive(asBytes(data), isBinary));
    ws.on("pong", () => (agent.answered = true));
    ws.on("error", (error) => log.warn({ err: error }, "agent tunnel failed"));
    ws.on("close", (code) => {
      agent.ping.cancel();
      mux.shutdown(failed(503, "ServiceUnavailable", `the connection to the agent of node "${node}" was lost`));
      if (this.agents.get(node) === agent) {
        this.agents.delete(node);
        log.info({ code }, "agent tunnel disconnected");
      }
    });
  }

  /** Ends every tunnel (the server is stopping). */
  close(): void {
    for (const [node, agent] of this.agents) this.end(agent, CloseCode.GoingAway, "server shutting down", `the server stopped while streaming from node "${node}"`);
    this.agents.clear();
  }

  private end(agent: AgentConnection, code: number, reason: string, streamMessage: string): void {
    agent.ping.cancel();
    agent.mux.shutdown(failed(503, "ServiceUnavailable", streamMessage));
    agent.ws.close(code, reason);
  }

  // A tunnel that misses one pong is dead (a host that vanished sends no
  // FIN): it is cut, its streams end, and the agent reconnects when it can.
  private schedulePing(agentOf: () => AgentConnection, log: Logger): Timer {
    const tick = (): Timer =>
      this.options.clock.setTimer(this.pingIntervalMs, () => {
        const agent = agentOf();
        if (!agent.answered) {
          log.warn("agent tunnel stopped answering pings");
          agent.ws.terminate();
          return;
        }
        agent.answered = false;
        agent.ws.ping();
        agent.ping = tick();
      });
    return tick();
  }
}

function asBytes(data: Buffer | ArrayBuffer | Buffer[]): Uint8Array {
  if (Array.isArray(data)) return Buffer.concat(data);
  return data instanceof ArrayBuffer ? new Uint8Array(data) : data;
}
