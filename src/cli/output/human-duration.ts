/**
 * Ages as kubectl prints them (apimachinery's `duration.HumanDuration`):
 * two significant parts at most, `45s`, `2m3s`, `15m`, `3h20m`, `9h`,
 * `2d5h`, `30d`, `2y45d`, `9y`; up to two seconds in the future is `0s`,
 * more is `<invalid>`.
 *
 * The server has its own copy for Table cells; the CLI needs it only for
 * what it lays out itself (describe's events), and takes nothing from the
 * server's code.
 */
export function humanDuration(ms: number): string {
  const seconds = Math.trunc(ms / 1000);
  if (seconds < -1) return "<invalid>";
  if (seconds < 0) return "0s";
  if (seconds < 120) return `${seconds}s`;
  const minutes = Math.trunc(seconds / 60);
  if (minutes < 10) return twoParts(minutes, "m", seconds % 60, "s");
  if (minutes < 180) return `${minutes}m`;
  const hours = Math.trunc(minutes / 60);
  if (hours < 8) return twoParts(hours, "h", minutes % 60, "m");
  if (hours < 48) return `${hours}h`;
  const days = Math.trunc(hours / 24);
  if (hours < 24 * 8) return twoParts(days, "d", hours % 24, "h");
  if (hours < 24 * 365 * 2) return `${days}d`;
  const years = Math.trunc(days / 365);
  if (hours < 24 * 365 * 8) return twoParts(years, "y", days % 365, "d");
  return `${years}y`;
}

const twoParts = (whole: number, unit: string, rest: number, restUnit: string): string =>
  rest === 0 ? `${whole}${unit}` : `${whole}${unit}${rest}${restUnit}`;

/** The age of an RFC 3339 timestamp at `now`; `<unknown>` when there is none or it does not parse. */
export function ageOf(timestamp: string | undefined, now: number): string {
  const at = timestamp ? Date.parse(timestamp) : NaN;
  return Number.isNaN(at) ? "<unknown>" : humanDuration(now - at);
}
