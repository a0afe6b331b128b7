/**
 * Durations and ages as kubectl users read them, following apimachinery's
 * `duration.HumanDuration`: about two significant figures, more precision
 * for short spans (`45s`, `2m3s`, `15m`, `3h20m`, `9h`, `2d5h`, `30d`,
 * `2y45d`, `9y`). A clock up to two seconds ahead counts as now (`0s`);
 * further in the future is `<invalid>`.
 */

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/** A span in milliseconds, printed as Kubernetes' HumanDuration prints it. */
export function humanDuration(ms: number): string {
  // Go converts with truncation toward zero at every step; so do we.
  const seconds = Math.trunc(ms / SECOND);
  if (seconds < -1) return "<invalid>";
  if (seconds < 0) return "0s";
  if (seconds < 120) return `${seconds}s`;

  const minutes = Math.trunc(ms / MINUTE);
  if (minutes < 10) return withRest(minutes, "m", seconds % 60, "s");
  if (minutes < 180) return `${minutes}m`;

  const hours = Math.trunc(ms / HOUR);
  if (hours < 8) return withRest(hours, "h", minutes % 60, "m");
  if (hours < 48) return `${hours}h`;

  const days = Math.trunc(hours / 24);
  if (hours < 24 * 8) return withRest(days, "d", hours % 24, "h");
  if (hours < 24 * 365 * 2) return `${days}d`;

  const years = Math.trunc(days / 365);
  if (hours < 24 * 365 * 8) return withRest(years, "y", days % 365, "d");
  return `${years}y`;
}

/** `5m` when the rest is zero, else `5m30s`. */
function withRest(whole: number, unit: string, rest: number, restUnit: string): string {
  return rest === 0 ? `${whole}${unit}` : `${whole}${unit}${rest}${restUnit}`;
}

/**
 * How long ago `timestamp` (ms since the epoch) was at `now`, as kubectl's
 * AGE column shows it; `<unknown>` when the object carries no timestamp.
 */
export function age(timestamp: number | undefined, now: number): string {
  return timestamp === undefined ? "<unknown>" : humanDuration(now - timestamp);
}

/** The age of an RFC 3339 timestamp at `now`; `<unknown>` when there is none or it does not parse. */
export function ageOf(timestamp: string | undefined, now: number): string {
  const at = timestamp ? Date.parse(timestamp) : NaN;
  return age(Number.isNaN(at) ? undefined : at, now);
}
