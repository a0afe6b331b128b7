const newline = 0x0a;

/**
 * Cuts a byte stream into lines at "\n", however the bytes were chunked: a
 * line may span chunks and a chunk may hold many lines. Lines are decoded as
 * UTF-8 only once whole, so a character split across chunks survives.
 */
export class LineSplitter {
  private pending: Buffer[] = [];
  private pendingBytes = 0;

  /** @param maxLineBytes a line longer than this is refused rather than buffered without bound. */
  constructor(private readonly maxLineBytes: number) {}

  /** The lines the chunk completes, without their "\n" (and without a "\r" before it). */
  push(chunk: Buffer): string[] {
    const lines: string[] = [];
    let start = 0;
    for (let end = chunk.indexOf(newline, start); end !== -1; end = chunk.indexOf(newline, start)) {
      this.keep(chunk.subarray(start, end));
      lines.push(this.takeLine());
      start = end + 1;
    }
    if (start < chunk.length) this.keep(chunk.subarray(start));
    return lines;
  }

  /** The bytes after the last "\n": a line the stream has not finished. */
  rest(): Buffer {
    return Buffer.concat(this.pending, this.pendingBytes);
  }

  private keep(bytes: Buffer): void {
    if (bytes.length === 0) return;
    this.pendingBytes += bytes.length;
    if (this.pendingBytes > this.maxLineBytes) {
      throw new RangeError(`a line of the stream is longer than ${this.maxLineBytes} bytes`);
    }
    this.pending.push(bytes);
  }

  private takeLine(): string {
    const line = this.rest().toString("utf8");
    this.pending = [];
    this.pendingBytes = 0;
    return line.endsWith("\r") ? line.slice(0, -1) : line;
  }
}
