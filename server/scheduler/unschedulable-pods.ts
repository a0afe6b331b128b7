import type { Clock } from "../../src/clock.js";

export interface UnschedulablePodsOptions {
  clock: Clock;
  /** kube-scheduler's podInitialBackoffSeconds (1 s) and podMaxBackoffSeconds (10 s). */
  initialBackoffMs?: number;
  maxBackoffMs?: number;
  /** A pod waits at most this long before it is tried again unasked (kube-scheduler: 5 min; here 60 s). */
  maxWaitMs?: number;
}

interface Parked {
  since: number;
  /** Not tried again before this (the back-off of its failed attempts). */
  backoffUntil: number;
  /** The filters that rejected it: a change is worth a retry only if it touches one of them. */
  rejectedBy: ReadonlySet<string>;
  /** A change that may help came while it was backing off: it goes back once its back-off ends. */
  moveRequested: boolean;
}

/**
 * The pods the scheduler could not place, kept out of the active queue (so
 * they are never retried in a hot loop) until a change in the cluster may
 * help them — and then not before their back-off (1 s doubling to 10 s per
 * failed attempt) — or until they have waited `maxWaitMs`. `due` is polled
 * by one timer of the scheduler, not a timer per pod.
 */
export class UnschedulablePods {
  private readonly parked = new Map<string, Parked>();
  private readonly attempts = new Map<string, number>();
  private readonly clock: Clock;
  private readonly initialBackoffMs: number;
  private readonly maxBackoffMs: number;
  private readonly maxWaitMs: number;

  constructor(options: UnschedulablePodsOptions) {
    this.clock = options.clock;
    this.initialBackoffMs = options.initialBackoffMs ?? 1_000;
    this.maxBackoffMs = options.maxBackoffMs ?? 10_000;
    this.maxWaitMs = options.maxWaitMs ?? 60_000;
  }

  /** Parks a pod that did not fit; each failure in a row doubles its back-off. */
  park(key: string, rejectedBy: ReadonlySet<string>): void {
    const attempts = (this.attempts.get(key) ?? 0) + 1;
    this.attempts.set(key, attempts);
    const backoff = Math.min(this.maxBackoffMs, this.initialBackoffMs * 2 ** Math.min(attempts - 1, 30));
    const now = this.clock.now();
    this.parked.set(key, { since: now, backoffUntil: now + backoff, rejectedBy, moveRequested: false });
  }

  has(key: string): boolean {
    return this.parked.has(key);
  }

  get size(): number {
    return this.parked.size;
  }

  /** The pod is placed, gone, or to be tried again now: it no longer waits (its failures are forgotten when `done`). */
  remove(key: string): void {
    this.parked.delete(key);
  }

  /** The pod was bound or deleted: its back-off starts afresh next time. */
  done(key: string): void {
    this.parked.delete(key);
    this.attempts.delete(key);
  }

  /**
   * A change that may help pods rejected by one of `filters` (all pods when
   * absent): returns those whose back-off is over, now out of the set, and
   * marks the others to return when theirs ends.
   */
  move(filters?: readonly string[]): string[] {
    const now = this.clock.now();
    const moved: string[] = [];
    for (const [key, entry] of this.parked) {
      if (filters && !filters.some((filter) => entry.rejectedBy.has(filter))) continue;
      if (entry.backoffUntil <= now) {
        this.parked.delete(key);
        moved.push(key);
      } else entry.moveRequested = true;
    }
    return moved;
  }

  /** Pods due again: a move was asked and their back-off is over, or they have waited `maxWaitMs`. Now out of the set. */
  due(): string[] {
    const now = this.clock.now();
    const due: string[] = [];
    for (const [key, entry] of this.parked) {
      if ((entry.moveRequested && entry.backoffUntil <= now) || now - entry.since >= this.maxWaitMs) {
        this.parked.delete(key);
        due.push(key);
      }
    }
    return due;
  }
}
