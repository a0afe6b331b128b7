import type { ControlMessage } from "./control-message.js";
import { INITIAL_WINDOW_BYTES, MAX_FRAME_PAYLOAD_BYTES, type Channel } from "./protocol.js";
import { failed, type StreamStatus } from "./stream-status.js";

/** What the user of a stream hears from the other end. */
export interface StreamListener {
  /**
   * Bytes on a channel. Call `release()` once they have been passed on (e.g.
   * written out to the client): only then may the peer send more, so a slow
   * consumer slows the producer instead of filling memory.
   */
  data?(channel: Channel, payload: Uint8Array, release: () => void): void;
  /** The peer's stdin has ended. */
  inputEnded?(): void;
  /** Output queued by `write` has gone out: write more. */
  drain?(): void;
  /**
   * The stream is over: the peer closed it with `status`, or the connection
   * is gone. Not called when this end closes it.
   */
  closed?(status: StreamStatus): void;
}

/** How a stream reaches its connection (provided by the multiplexer). */
export interface StreamLink {
  sendControl(message: ControlMessage): void;
  sendData(id: number, channel: Channel, payload: Uint8Array): void;
  /** The stream is closed: it receives nothing more. */
  forget(id: number): void;
}

type Outgoing = { kind: "data"; channel: Channel; payload: Uint8Array } | { kind: "eof" } | { kind: "close"; status: StreamStatus };

/**
 * One end of one multiplexed stream. Sending is flow-controlled: at most the
 * window the peer granted is in flight, the rest waits in order (data, then
 * an end of input or a close written after it).
 */
export class TunnelStream {
  private sendWindow = INITIAL_WINDOW_BYTES;
  private receiveWindow = INITIAL_WINDOW_BYTES;
  /** Received bytes released by the listener and not yet granted back. */
  private released = 0;
  private readonly queue: Outgoing[] = [];
  private queuedBytes = 0;
  private closedAt: "open" | "ending" | "closed" = "open";
  private flushing = false;

  constructor(
    readonly id: number,
    private readonly link: StreamLink,
    private listener: StreamListener = {},
  ) {}

  /** Whether the stream is over (closed by either end, or its connection is gone). */
  get closed(): boolean {
    return this.closedAt === "closed";
  }

  /** Bytes written but not yet sent for want of window. */
  get pendingBytes(): number {
    return this.queuedBytes;
  }

  /** Sets who hears this stream (the accepting end sets it once it knows). */
  listen(listener: StreamListener): void {
    this.listener = listener;
  }

  /**
   * Sends bytes on a channel, split into frames. Returns false when some of
   * them wait for window: the caller should stop until `drain`. Writing to a
   * stream that is ending or over does nothing.
   */
  write(channel: Channel, payload: Uint8Array): boolean {
    if (this.closedAt !== "open") return true;
    for (let at = 0; at < payload.length; at += MAX_FRAME_PAYLOAD_BYTES) {
      const piece = payload.subarray(at, at + MAX_FRAME_PAYLOAD_BYTES);
      this.queue.push({ kind: "data", channel, payload: piece });
      this.queuedBytes += piece.length;
    }
    this.flush();
    return this.queue.length === 0;
  }

  /** Ends this side's stdin, after what was written before. */
  endInput(): void {
    if (this.closedAt !== "open") return;
    this.queue.push({ kind: "eof" });
    this.flush();
  }

  /** Closes the stream with a final status once everything written has been sent. */
  end(status: StreamStatus): void {
    if (this.closedAt !== "open") return;
    this.closedAt = "ending";
    this.queue.push({ kind: "close", status });
    this.flush();
  }

  /** Closes the stream now, dropping what waits to be sent. */
  abort(status: StreamStatus): void {
    if (this.closedAt === "closed") return;
    this.queue.length = 0;
    this.queuedBytes = 0;
    this.finish();
    this.link.sendControl({ type: "close", id: this.id, status });
  }

  /** A data frame from the peer. */
  receiveData(channel: Channel, payload: Uint8Array): void {
    if (this.closedAt === "closed") return;
    if (payload.length > this.receiveWindow) {
      const status = failed(502, "InternalError", `stream ${this.id}: the peer sent ${payload.length} bytes with ${this.receiveWindow} left in its window`);
      this.abort(status);
      this.listener.closed?.(status);
      return;
    }
    this.receiveWindow -= payload.length;
    let done = false;
    const release = (): void => {
      if (done) return;
      done = true;
      this.grant(payload.length);
    };
    if (this.listener.data) this.listener.data(channel, payload, release);
    else release();
  }

  /** The peer granted more window. */
  receiveWindowUpdate(bytes: number): void {
    if (this.closedAt === "closed") return;
    this.sendWindow += bytes;
    const waited = this.queue.length > 0;
    this.flush();
    if (waited && this.queue.length === 0 && this.closedAt === "open") this.listener.drain?.();
  }

  receiveEof(): void {
    if (this.closedAt !== "closed") this.listener.inputEnded?.();
  }

  /** The peer closed the stream, or the connection is gone. */
  receiveClose(status: StreamStatus): void {
    if (this.closedAt === "closed") return;
    this.queue.length = 0;
    this.queuedBytes = 0;
    this.finish();
    this.listener.closed?.(status);
  }

  // Grants come back in batches of half a window, so a stream of small
  // chunks does not cost one window message per chunk.
  private grant(bytes: number): void {
    if (this.closedAt === "closed") return;
    this.released += bytes;
    if (this.released < INITIAL_WINDOW_BYTES / 2) return;
    this.link.sendControl({ type: "window", id: this.id, bytes: this.released });
    this.receiveWindow += this.released;
    this.released = 0;
  }

  private flush(): void {
    // A synchronous transport may answer while we send; the outer loop carries on.
    if (this.flushing) return;
    this.flushing = true;
    try {
      for (let next = this.queue[0]; next; next = this.queue[0]) {
        if (next.kind === "data") {
          if (next.payload.length > this.sendWindow) break;
          this.queue.shift();
          this.queuedBytes -= next.payload.length;
          this.sendWindow -= next.payload.length;
          this.link.sendData(this.id, next.channel, next.payload);
        } else if (next.kind === "eof") {
          this.queue.shift();
          this.link.sendControl({ type: "eof", id: this.id });
        } else {
          this.queue.length = 0;
          this.finish();
          this.link.sendControl({ type: "close", id: this.id, status: next.status });
        }
      }
    } finally {
      this.flushing = false;
    }
  }

  private finish(): void {
    this.closedAt = "closed";
    this.link.forget(this.id);
  }
}
