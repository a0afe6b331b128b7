import { UsageError } from "../flags.js";

/**
 * What kubectl's flags accept and node's parseArgs does not: booleans set
 * with a value (`--wait=false`) and Go durations (`--timeout=90s`).
 */

/**
 * Rewrites `--name=true` to `--name` and `--name=false` to `--no-name` for
 * the boolean flags named, so parseArgs can read them (declare `no-name` too).
 *
 * @example
 * booleanFlagArgs(["pod", "x", "--wait=false"], ["wait"]); // ["pod", "x", "--no-wait"]
 */
export function booleanFlagArgs(argv: readonly string[], names: readonly string[]): string[] {
  return argv.map((arg) => {
    const match = /^--([^=]+)=(.*)$/.exec(arg);
    if (!match || !names.includes(match[1]!)) return arg;
    const [, name, value] = match;
    if (value === "true") return `--${name}`;
    if (value === "false") return `--no-${name}`;
    throw new UsageError(`invalid argument "${value}" for "--${name}": must be true or false`);
  });
}

const unitMs: Record<string, number> = { ns: 1e-6, us: 1e-3, "µs": 1e-3, "μs": 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/**
 * A Go duration (`300ms`, `1m30s`, `2h`, `0`) in milliseconds, or undefined
 * when the text is not one. Negative durations are not accepted.
 *
 * @example
 * parseGoDuration("1m30s"); // 90000
 */
export function parseGoDuration(text: string): number | undefined {
  if (text === "0") return 0;
  const part = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/y;
  let total = 0;
  let at = 0;
  while (at < text.length) {
    part.lastIndex = at;
    const match = part.exec(text);
    if (!match) return undefined;
    total += Number(match[1]) * unitMs[match[2]!]!;
    at = part.lastIndex;
  }
  return text === "" ? undefined : total;
}
