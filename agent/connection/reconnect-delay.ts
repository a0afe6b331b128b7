/** How the tunnel backs off between failed connections. */
export interface ReconnectBackoff {
  /** The first delay, ms. */
  initialMs: number;
  /** No delay (before jitter) grows past this, ms. */
  maxMs: number;
  /** The delay moves at random by up to this fraction either way, so agents cut off together do not come back together. */
  jitter: number;
}

/** 0.5 s doubling to 30 s, ±20 %. */
export const defaultReconnectBackoff: ReconnectBackoff = { initialMs: 500, maxMs: 30_000, jitter: 0.2 };

/**
 * The wait before the next attempt after `failures` failed attempts in a row
 * (1 for the first), ms; `random` is in [0, 1).
 *
 * @example
 * reconnectDelay(1, defaultReconnectBackoff, () => 0.5) // 500
 */
export function reconnectDelay(failures: number, backoff: ReconnectBackoff, random: () => number): number {
  const base = Math.min(backoff.maxMs, backoff.initialMs * 2 ** Math.max(0, failures - 1));
  return base * (1 + backoff.jitter * (2 * random() - 1));
}
