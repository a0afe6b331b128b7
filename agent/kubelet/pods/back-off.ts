import type { Clock } from "../../../src/clock.js";

interface Entry {
  backoffMs: number;
  lastUpdate: number;
}

/**
 * Per-key exponential back-off as the kubelet's (client-go flowcontrol):
 * `next` doubles the delay from `initialMs` up to `maxMs`, and an entry not
 * updated for twice `maxMs` starts over at `initialMs`. Crash loops use
 * 10 s → 5 min, so a container that ran for 10 minutes restarts quickly again.
 */
export class BackOff {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly clock: Clock,
    private readonly initialMs: number,
    private readonly maxMs: number,
  ) {}

  /** Records a failure at `eventMs` (a crash's finishedAt, a pull's time). */
  next(key: string, eventMs: number): void {
    const entry = this.entries.get(key);
    if (!entry || this.expired(entry, eventMs)) {
      this.entries.set(key, { backoffMs: this.initialMs, lastUpdate: eventMs });
      return;
    }
    entry.backoffMs = Math.min(entry.backoffMs * 2, this.maxMs);
    entry.lastUpdate = eventMs;
  }

  /** How long from now until the back-off begun at `eventMs` ends (0 when it has). */
  remainingSince(key: string, eventMs: number): number {
    const entry = this.entries.get(key);
    if (!entry || this.expired(entry, eventMs)) return 0;
    return Math.max(eventMs + entry.backoffMs - this.clock.now(), 0);
  }

  /** How long from now until the back-off of the key's last failure ends. */
  remaining(key: string): number {
    const entry = this.entries.get(key);
    return entry ? this.remainingSince(key, entry.lastUpdate) : 0;
  }

  /** The current delay of `key` (0 when it has none). */
  delay(key: string): number {
    return this.entries.get(key)?.backoffMs ?? 0;
  }

  reset(key: string): void {
    this.entries.delete(key);
  }

  /** Forgets every key starting with `prefix` (a pod's keys when it goes). */
  resetPrefix(prefix: string): void {
    for (const key of this.entries.keys()) if (key.startsWith(prefix)) this.entries.delete(key);
  }

  private expired(entry: Entry, eventMs: number): boolean {
    return eventMs - entry.lastUpdate > 2 * this.maxMs;
  }
}
