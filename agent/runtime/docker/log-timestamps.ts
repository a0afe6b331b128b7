const SPACE = 0x20;
const NEWLINE = 0x0a;

/**
 * Docker's timestamp (RFC3339 with nine fixed fraction digits) in the
 * kubelet's form, Go's RFC3339Nano: trailing zeros of the fraction dropped.
 *
 * @example
 * kubernetesTimestamp("2024-05-01T10:00:00.120000000Z") // "2024-05-01T10:00:00.12Z"
 */
export function kubernetesTimestamp(dockerTimestamp: string): string {
  const match = /^([^.]+)(?:\.(\d+))?(Z|[+-]\d\d:\d\d)$/.exec(dockerTimestamp);
  if (!match) return dockerTimestamp;
  const fraction = (match[2] ?? "").replace(/0+$/, "");
  return `${match[1]}${fraction ? `.${fraction}` : ""}${match[3]}`;
}

/**
 * Rewrites the timestamp Docker puts before every log line of one stream,
 * across chunk boundaries (a TTY's raw log is not framed by line).
 */
export class TimestampRewriter {
  private atLineStart = true;
  private stamp: number[] = [];

  rewrite(chunk: Buffer): Buffer {
    const out: Buffer[] = [];
    let i = 0;
    while (i < chunk.length) {
      if (this.atLineStart) {
        const space = chunk.indexOf(SPACE, i);
        const end = space < 0 ? chunk.length : space;
        for (let j = i; j < end; j++) this.stamp.push(chunk[j] ?? 0);
        if (space < 0) break;
        out.push(Buffer.from(`${kubernetesTimestamp(Buffer.from(this.stamp).toString("latin1"))} `));
        this.stamp = [];
        this.atLineStart = false;
        i = space + 1;
        continue;
      }
      const newline = chunk.indexOf(NEWLINE, i);
      const end = newline < 0 ? chunk.length : newline + 1;
      out.push(chunk.subarray(i, end));
      if (newline >= 0) this.atLineStart = true;
      i = end;
    }
    return Buffer.concat(out);
  }
}
