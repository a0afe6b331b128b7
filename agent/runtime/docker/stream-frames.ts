/** The streams of Docker's multiplexed format (a container without a TTY). */
export type FrameStream = "stdin" | "stdout" | "stderr";

export interface Frame {
  stream: FrameStream;
  payload: Buffer;
}

const HEADER_BYTES = 8;
const STREAMS: Record<number, FrameStream> = { 0: "stdin", 1: "stdout", 2: "stderr" };

/**
 * Splits Docker's multiplexed stream (8-byte headers: stream, 3 zero bytes,
 * big-endian length) into frames, whatever the chunking. Docker's "system
 * error" stream (3) is reported on stderr, where its text belongs.
 *
 * @example
 * const reader = new FrameReader();
 * for await (const chunk of socket) for (const frame of reader.push(chunk)) sink(frame);
 */
export class FrameReader {
  private pending: Buffer = Buffer.alloc(0);

  push(chunk: Buffer): Frame[] {
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    const frames: Frame[] = [];
    while (this.pending.length >= HEADER_BYTES) {
      const size = this.pending.readUInt32BE(4);
      if (this.pending.length < HEADER_BYTES + size) break;
      const type = this.pending[0] ?? 1;
      const payload = this.pending.subarray(HEADER_BYTES, HEADER_BYTES + size);
      this.pending = this.pending.subarray(HEADER_BYTES + size);
      if (payload.length > 0) frames.push({ stream: STREAMS[type] ?? "stderr", payload });
    }
    return frames;
  }
}
