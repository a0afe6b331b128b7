const unitMs: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 };
const part = /(\d+(?:\.\d+)?)(ms|s|m|h)/y;

/**
 * A duration written as Kubernetes' flags take them (Go's time.Duration
 * text: `40s`, `1m30s`, `500ms`, `1.5h`), in milliseconds; undefined for
 * anything else. A bare `0` is zero.
 *
 * @example parseGoDuration("1m30s") // 90000
 */
export function parseGoDuration(text: string): number | undefined {
  if (text === "0") return 0;
  if (text === "") return undefined;
  let total = 0;
  part.lastIndex = 0;
  while (part.lastIndex < text.length) {
    const match = part.exec(text);
    if (!match) return undefined;
    total += Number(match[1]) * unitMs[match[2]!]!;
  }
  return Math.round(total);
}
