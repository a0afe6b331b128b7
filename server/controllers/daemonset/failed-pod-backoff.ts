import type { Clock } from "../../../src/clock.js";

interface Entry {
  delayMs: number;
  lastUpdateMs: number;
}

/**
 * client-go's flowcontrol.Backoff as the DaemonSet controller uses it for
 * failed daemon pods (1 s doubling to 15 min, per DaemonSet and node): a
 * kubelet that keeps rejecting a pod must not see it replaced in a hot loop.
 */
export class FailedPodBackoff {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly clock: Clock,
    private readonly initialMs = 1_000,
    private readonly maxMs = 15 * 60_000,
  ) {}

  /** How long `key` must still wait before its next replacement, or undefined when it need not. */
  remainingMs(key: string): number | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    const remaining = entry.lastUpdateMs + entry.delayMs - this.clock.now();
    return remaining > 0 ? remaining : undefined;
  }

  /** A replacement happens now: the next one waits twice as long (starting over after a long quiet spell). */
  next(key: string): void {
    const now = this.clock.now();
    const entry = this.entries.get(key);
    if (entry === undefined || now - entry.lastUpdateMs > 2 * this.maxMs) {
      this.entries.set(key, { delayMs: this.initialMs, lastUpdateMs: now });
      return;
    }
    this.entries.set(key, { delayMs: Math.min(entry.delayMs * 2, this.maxMs), lastUpdateMs: now });
  }

  /** Forgets every entry whose key starts with `prefix` (a DaemonSet that is gone). */
  forgetPrefix(prefix: string): void {
    for (const key of this.entries.keys()) if (key.startsWith(prefix)) this.entries.delete(key);
  }
}
