import { parseControlMessage, type ControlMessage, type StreamRequest } from "./control-message.js";
import { decodeDataFrame, encodeDataFrame } from "./data-frame.js";
import { CloseCode, FIRST_AGENT_STREAM_ID, LAST_STREAM_ID, openerOf, type TunnelSide } from "./protocol.js";
import { failed, type StreamStatus } from "./stream-status.js";
import { TunnelStream, type StreamLink, type StreamListener } from "./tunnel-stream.js";

/** The WebSocket under a multiplexer, as the multiplexer needs it. */
export interface TunnelTransport {
  /** Sends one message: a string as a text message, bytes as a binary one. */
  send(message: string | Uint8Array): void;
  /** Ends the connection (after a protocol error). */
  close(code: number, reason: string): void;
}

/**
 * Answers the peer's `open`: the agent's side runs a log or exec, the
 * server's side serves a watch; it returns who hears the stream. A throw
 * closes the stream with an InternalError.
 */
export type AcceptStream = (request: StreamRequest, stream: TunnelStream) => StreamListener;

/**
 * Many streams over one tunnel connection, the same class at both ends. The
 * server opens log and exec streams, the agent watch streams; each numbers
 * its own from its half of the id space (see `openerOf`). Feed every message
 * the WebSocket receives to `receive`, and call `shutdown` when it closes.
 *
 * @example
 * const mux = new TunnelMux({ send: (m) => ws.send(m), close: (c, r) => ws.close(c, r) });
 * ws.on("message", (data, isBinary) => mux.receive(data as Buffer, isBinary));
 * ws.on("close", () => mux.shutdown(failed(503, "ServiceUnavailable", "agent gone")));
 * const stream = mux.open(request, { data: (channel, bytes, release) => ... });
 */
export class TunnelMux {
  private readonly streams = new Map<number, TunnelStream>();
  private readonly firstId: number;
  private readonly lastId: number;
  private nextId: number;
  private down = false;
  private readonly link: StreamLink;

  /** @param side which end of the tunnel this is: it decides the ids and kinds of the streams each end opens. */
  constructor(
    private readonly transport: TunnelTransport,
    private readonly accept?: AcceptStream,
    private readonly side: TunnelSide = "server",
  ) {
    this.firstId = side === "server" ? 1 : FIRST_AGENT_STREAM_ID;
    this.lastId = side === "server" ? FIRST_AGENT_STREAM_ID - 1 : LAST_STREAM_ID;
    this.nextId = this.firstId;
    this.link = {
      sendControl: (message) => this.sendIfUp(JSON.stringify(message)),
      sendData: (id, channel, payload) => this.sendIfUp(encodeDataFrame(id, channel, payload)),
      forget: (id) => this.streams.delete(id),
    };
  }

  /** Whether the connection is gone (no stream can be opened any more). */
  get isShutDown(): boolean {
    return this.down;
  }

  /** How many streams are open. */
  get streamCount(): number {
    return this.streams.size;
  }

  /** Opens a stream for `request`; throws once the connection is shut down. */
  open(request: StreamRequest, listener: StreamListener): TunnelStream {
    if (this.down) throw new Error("the tunnel is shut down");
    if (!opensKind(this.side, request.kind)) throw new Error(`the ${this.side} does not open ${request.kind} streams`);
    const id = this.nextId;
    this.nextId = this.nextId === this.lastId ? this.firstId : this.nextId + 1;
    const stream = new TunnelStream(id, this.link, listener);
    this.streams.set(id, stream);
    this.link.sendControl({ type: "open", id, ...request });
    return stream;
  }

  /** One message from the WebSocket. A protocol error ends the whole connection. */
  receive(data: Uint8Array, isBinary: boolean): void {
    if (this.down) return;
    if (isBinary) {
      const decoded = decodeDataFrame(data);
      if (!decoded.ok) return this.fail(decoded.error);
      // Frames for a stream closed here may still be on their way: dropped.
      this.streams.get(decoded.frame.id)?.receiveData(decoded.frame.channel, decoded.frame.payload);
      return;
    }
    const parsed = parseControlMessage(Buffer.from(data.buffer, data.byteOffset, data.length).toString("utf8"));
    if (!parsed.ok) return this.fail(parsed.error);
    this.handle(parsed.message);
  }

  /** The connection is gone: every open stream ends with `status`. */
  shutdown(status: StreamStatus): void {
    this.down = true;
    const open = [...this.streams.values()];
    this.streams.clear();
    for (const stream of open) stream.receiveClose(status);
  }

  private handle(message: ControlMessage): void {
    if (message.type === "open") {
      const { type: _type, id, ...request } = message;
      this.acceptStream(id, request);
      return;
    }
    const stream = this.streams.get(message.id);
    if (!stream) return;
    switch (message.type) {
      case "window":
        stream.receiveWindowUpdate(message.bytes);
        return;
      case "eof":
        stream.receiveEof();
        return;
      case "close":
        stream.receiveClose(message.status);
        return;
    }
  }

  private acceptStream(id: number, request: StreamRequest): void {
    if (!this.accept) return this.fail(`stream ${id}: this end does not accept streams`);
    const opener = openerOf(id);
    if (opener === this.side) return this.fail(`stream ${id}: the id is from this end's half of the id space`);
    if (!opensKind(opener, request.kind)) return this.fail(`stream ${id}: the ${opener} does not open ${request.kind} streams`);
    if (this.streams.has(id)) return this.fail(`stream ${id} is already open`);
    const stream = new TunnelStream(id, this.link);
    this.streams.set(id, stream);
    try {
      stream.listen(this.accept(request, stream));
    } catch (error) {
      stream.abort(failed(500, "InternalError", `stream ${id}: ${error instanceof Error ? error.message : String(error)}`));
    }
  }

  private fail(reason: string): void {
    this.shutdown(failed(502, "InternalError", `tunnel protocol error: ${reason}`));
    // A close reason has at most 123 bytes.
    this.transport.close(CloseCode.ProtocolError, Buffer.from(reason).subarray(0, 120).toString());
  }

  private sendIfUp(message: string | Uint8Array): void {
    if (!this.down) this.transport.send(message);
  }
}

/** The server asks the agent for logs and execs; the agent asks the server for watches. */
function opensKind(side: TunnelSide, kind: StreamRequest["kind"]): boolean {
  return side === "agent" ? kind === "watch" : kind !== "watch";
}
