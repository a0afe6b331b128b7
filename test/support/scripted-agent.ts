import { WebSocket } from "ws";
import type { ExecRequest, LogRequest, StreamRequest } from "../../src/tunnel/control-message.js";
import { Channel, TUNNEL_PATH, TUNNEL_SUBPROTOCOL } from "../../src/tunnel/protocol.js";
import { exitCodeStatus, failed, succeeded, type StreamStatus } from "../../src/tunnel/stream-status.js";
import { TunnelMux } from "../../src/tunnel/tunnel-mux.js";
import type { StreamListener, TunnelStream } from "../../src/tunnel/tunnel-stream.js";

export interface ScriptedAgentOptions {
  /** `https://127.0.0.1:PORT` */
  server: string;
  caPem: string;
  token: string;
  node: string;
  /** Each container's log lines, by container name; a container not listed has not started. */
  logs: Record<string, string[]>;
  /** While following, one more line `tick N` every this many ms (default 50). */
  followTickMs?: number;
}

/** One stream the agent was asked for, and how it ended. */
export interface SeenStream {
  request: StreamRequest;
  stream: TunnelStream;
  /** What the server sent on each channel, as text. */
  received: Array<{ channel: Channel; text: string }>;
  /** Set when the server closed the stream, with the status it gave. */
  closedByServer?: StreamStatus;
}

/**
 * A stand-in for the node agent in tests: it opens the real tunnel to a real
 * server and answers from a script instead of Docker.
 *
 * Logs: the container's lines (the last `tailLines` of them), then, with
 * `follow`, a `tick N` line every `followTickMs` until the server closes the
 * stream. A container not in `logs` fails with the kubelet's 400.
 *
 * Exec: `echo WORDS...` prints them; `cat` copies stdin to stdout until it
 * ends; `stderr WORDS...` prints them on stderr; `exit N` exits with N;
 * `flood BYTES` writes that many bytes to stdout as fast as the window
 * allows; anything else exits 127.
 */
export class ScriptedAgent {
  private constructor(
    private readonly ws: WebSocket,
    /** Every stream the server opened, in order. */
    readonly streams: SeenStream[],
  ) {}

  static async connect(options: ScriptedAgentOptions): Promise<ScriptedAgent> {
    const url = `${options.server.replace(/^https/, "wss")}${TUNNEL_PATH}?node=${encodeURIComponent(options.node)}`;
    const ws = new WebSocket(url, TUNNEL_SUBPROTOCOL, { ca: options.caPem, headers: { Authorization: `Bearer ${options.token}` } });
    const streams: SeenStream[] = [];
    const transport = { send: (m: string | Uint8Array) => ws.send(m), close: (code: number, reason: string) => ws.close(code, reason) };
    const mux = new TunnelMux(transport, (request, stream) => {
      const seen: SeenStream = { request, stream, received: [] };
      streams.push(seen);
      if (request.kind === "watch") throw new Error("the server does not open watches");
      const listener = request.kind === "log" ? serveLog(options, request, stream) : serveExec(request, stream);
      return {
        ...listener,
        data(channel, payload, release) {
          seen.received.push({ channel, text: Buffer.from(payload).toString("utf8") });
          if (listener.data) listener.data(channel, payload, release);
          else release();
        },
        closed(status) {
          seen.closedByServer = status;
          listener.closed?.(status);
        },
      };
    }, "agent");
    ws.on("message", (data, isBinary) => mux.receive(data as Buffer, isBinary));
    ws.on("close", () => mux.shutdown(failed(503, "ServiceUnavailable", "agent disconnected")));
    await new Promise<void>((resolve, reject) => {
      ws.once("open", () => resolve());
      ws.once("error", reject);
      ws.once("unexpected-response", (_request, response) => reject(new Error(`tunnel refused: ${response.statusCode}`)));
    });
    return new ScriptedAgent(ws, streams);
  }

  /** Resolves once the server has closed a stream matching `match` (a follow the client left). */
  async closedByServer(match: (request: StreamRequest) => boolean, timeoutMs = 5000): Promise<StreamStatus> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const seen = this.streams.find((s) => match(s.request) && s.closedByServer);
      if (seen?.closedByServer) return seen.closedByServer;
      if (Date.now() > deadline) throw new Error("the server did not close the stream");
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** Whether the server ended the tunnel (e.g. a newer connection replaced it). */
  get disconnected(): boolean {
    return this.ws.readyState === WebSocket.CLOSED || this.ws.readyState === WebSocket.CLOSING;
  }

  async close(): Promise<void> {
    if (this.ws.readyState === WebSocket.CLOSED) return;
    await new Promise<void>((resolve) => {
      this.ws.once("close", () => resolve());
      this.ws.close(1000);
    });
  }
}

function serveLog(options: ScriptedAgentOptions, request: LogRequest, stream: TunnelStream): StreamListener {
  const lines = options.logs[request.container];
  if (!lines) {
    stream.end(failed(400, "BadRequest", `container "${request.container}" in pod "${request.pod}" is waiting to start: ContainerCreating`));
    return {};
  }
  const shown = request.tailLines === undefined ? lines : lines.slice(Math.max(0, lines.length - request.tailLines));
  for (const line of shown) stream.write(Channel.Stdout, Buffer.from(`${line}\n`));
  if (!request.follow) {
    stream.end(succeeded);
    return {};
  }
  let tick = 0;
  const timer = setInterval(() => stream.write(Channel.Stdout, Buffer.from(`tick ${++tick}\n`)), options.followTickMs ?? 50);
  return { closed: () => clearInterval(timer) };
}

function serveExec(request: ExecRequest, stream: TunnelStream): StreamListener {
  const [command, ...args] = request.command;
  const print = (channel: Channel, text: string): boolean => stream.write(channel, Buffer.from(text));
  switch (command) {
    case "echo":
      print(Channel.Stdout, `${args.join(" ")}\n`);
      stream.end(succeeded);
      return {};
    case "stderr":
      print(Channel.Stderr, `${args.join(" ")}\n`);
      stream.end(succeeded);
      return {};
    case "exit":
      stream.end(exitCodeStatus(Number(args[0])));
      return {};
    case "cat":
      return {
        data(channel, payload, release) {
          if (channel === Channel.Stdin) stream.write(Channel.Stdout, payload);
          release();
        },
        inputEnded: () => stream.end(succeeded),
      };
    case "flood": {
      let left = Number(args[0]);
      const chunk = Buffer.alloc(64 * 1024, "z");
      const pour = (): void => {
        while (left > 0) {
          const piece = chunk.subarray(0, Math.min(left, chunk.length));
          left -= piece.length;
          if (!stream.write(Channel.Stdout, piece)) return;
        }
        stream.end(succeeded);
      };
      pour();
      return { drain: pour };
    }
    default:
      print(Channel.Stderr, `${command ?? ""}: command not found\n`);
      stream.end(exitCodeStatus(127));
      return {};
  }
}
