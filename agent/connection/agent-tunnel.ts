import { WebSocket } from "ws";
import { sleep, type Clock, type Timer } from "../../src/clock.js";
import type { Logger } from "../../src/log.js";
import type { AgentStreamRequest } from "../../src/tunnel/control-message.js";
import { MAX_FRAME_PAYLOAD_BYTES, TUNNEL_PATH, TUNNEL_SUBPROTOCOL } from "../../src/tunnel/protocol.js";
import { failed } from "../../src/tunnel/stream-status.js";
import { TunnelMux } from "../../src/tunnel/tunnel-mux.js";
import type { StreamListener, TunnelStream } from "../../src/tunnel/tunnel-stream.js";
import { defaultReconnectBackoff, reconnectDelay, type ReconnectBackoff } from "./reconnect-delay.js";
import type { TunnelLink } from "./tunnel-watcher.js";

export interface AgentTunnelOptions {
  /** `https://host:6443` (`http://` only in tests). */
  server: string;
  /** The cluster CA the server's certificate must chain to. */
  caPem?: string;
  /** The node credential (bearer token). */
  token: string;
  /** The node this agent runs; the server checks it against the credential. */
  node: string;
  /** Serves the server's requests (logs, exec). A throw closes that stream with an InternalError. */
  accept(request: AgentStreamRequest, stream: TunnelStream): StreamListener;
  clock: Clock;
  random: () => number;
  log: Logger;
  backoff?: ReconnectBackoff;
  /**
   * The server pings every 20 s; a tunnel that hears no ping for this long is
   * taken for dead (a vanished peer sends no FIN) and dialled again. Default 50 s.
   */
  silenceTimeoutMs?: number;
}

// Room for a full data frame and its header; control messages are far smaller.
const maxMessageBytes = MAX_FRAME_PAYLOAD_BYTES + 1024;
// A connection that lasted this long was a success: the next failure starts the back-off afresh.
const stableConnectionMs = 10_000;

/**
 * The agent's one outbound connection to the server: it carries the agent's
 * watches (see `tunnelWatcher`) and the server's log and exec requests.
 * `run` dials, and dials again after every loss with exponential back-off
 * and jitter until its signal aborts. Streams open when the connection goes
 * end with a 503; watches then resume on the next connection.
 *
 * @example
 * const tunnel = new AgentTunnel({ server, caPem, token, node, accept, clock: realClock, random: Math.random, log });
 * void tunnel.run(signal);
 * const pods = resourceInformer<Pod>(client, podsRef, undefined, { fieldSelector: `spec.nodeName=${node}`, watcher: tunnelWatcher(tunnel) });
 */
export class AgentTunnel implements TunnelLink {
  private mux: TunnelMux | undefined;
  private stopped = false;
  private readonly waiters = new Set<(mux: TunnelMux | undefined) => void>();

  constructor(private readonly options: AgentTunnelOptions) {}

  /** Whether the tunnel is up now. */
  get isConnected(): boolean {
    return this.mux !== undefined && !this.mux.isShutDown;
  }

  connected(signal?: AbortSignal): Promise<TunnelMux | undefined> {
    if (this.isConnected) return Promise.resolve(this.mux);
    if (this.stopped || signal?.aborted) return Promise.resolve(undefined);
    return new Promise((resolve) => {
      const done = (mux: TunnelMux | undefined): void => {
        this.waiters.delete(done);
        signal?.removeEventListener("abort", gone);
        resolve(mux);
      };
      const gone = (): void => done(undefined);
      this.waiters.add(done);
      signal?.addEventListener("abort", gone, { once: true });
    });
  }

  /** Keeps the tunnel connected until `signal` aborts; resolves once it is closed. */
  async run(signal: AbortSignal): Promise<void> {
    const { clock, log } = this.options;
    let failures = 0;
    try {
      while (!signal.aborted) {
        const started = clock.now();
        const outcome = await this.connectOnce(signal);
        if (signal.aborted) return;
        if (outcome.connected && clock.now() - started >= stableConnectionMs) failures = 0;
        failures++;
        const delay = reconnectDelay(failures, this.options.backoff ?? defaultReconnectBackoff, this.options.random);
        log.warn({ reason: outcome.reason, retryInMs: Math.round(delay) }, outcome.connected ? "tunnel to the server lost" : "tunnel to the server failed");
        await sleep(clock, delay, signal);
      }
    } finally {
      this.stopped = true;
      for (const waiter of [...this.waiters]) waiter(undefined);
    }
  }

  /** One connection, from dialling until it closes (or `signal` aborts). */
  private connectOnce(signal: AbortSignal): Promise<{ connected: boolean; reason: string }> {
    const { options } = this;
    const url = `${options.server.replace(/^http/, "ws")}${TUNNEL_PATH}?node=${encodeURIComponent(options.node)}`;
    const ws = new WebSocket(url, TUNNEL_SUBPROTOCOL, {
      headers: { Authorization: `Bearer ${options.token}` },
      maxPayload: maxMessageBytes,
      ...(options.caPem ? { ca: options.caPem } : {}),
    });
    return new Promise((resolve) => {
      let mux: TunnelMux | undefined;
      let silence: Timer | undefined;
      let reason: string | undefined;
      const hearing = (): void => {
        silence?.cancel();
        silence = options.clock.setTimer(options.silenceTimeoutMs ?? 50_000, () => {
          reason ??= "the server stopped pinging";
          ws.terminate();
        });
      };
      const stop = (): void => ws.close(1000, "agent stopping");
      signal.addEventListener("abort", stop, { once: true });

      ws.on("open", () => {
        mux = this.attach(ws);
        hearing();
        options.log.info("tunnel to the server connected");
      });
      ws.on("ping", hearing);
      ws.on("message", (data, isBinary) => mux?.receive(asBytes(data), isBinary));
      ws.on("unexpected-response", (_request, response) => {
        reason ??= `the server answered ${response.statusCode ?? 0}`;
        response.resume();
        // Aborts the handshake: ws then reports the close.
        ws.terminate();
      });
      ws.on("error", (error) => (reason ??= error.message));
      ws.on("close", (code, why) => {
        silence?.cancel();
        signal.removeEventListener("abort", stop);
        reason ??= `closed with ${code}${why.length > 0 ? ` (${why.toString()})` : ""}`;
        if (mux) {
          mux.shutdown(failed(503, "ServiceUnavailable", `the tunnel to the server was lost: ${reason}`));
          if (this.mux === mux) this.mux = undefined;
        }
        resolve({ connected: mux !== undefined, reason });
      });
    });
  }

  private attach(ws: WebSocket): TunnelMux {
    const transport = {
      send: (message: string | Uint8Array) => {
        if (ws.readyState === ws.OPEN) ws.send(message);
      },
      close: (code: number, reason: string) => {
        this.options.log.warn({ code, reason }, "tunnel closed on a protocol error");
        ws.close(code, reason);
      },
    };
    const mux = new TunnelMux(
      transport,
      (request, stream) => {
        // The multiplexer has already refused watches from the server.
        if (request.kind === "watch") throw new Error("the server does not open watches");
        return this.options.accept(request, stream);
      },
      "agent",
    );
    this.mux = mux;
    for (const waiter of [...this.waiters]) waiter(mux);
    return mux;
  }
}

function asBytes(data: Buffer | ArrayBuffer | Buffer[]): Uint8Array {
  if (Array.isArray(data)) return Buffer.concat(data);
  return data instanceof ArrayBuffer ? new Uint8Array(data) : data;
}
