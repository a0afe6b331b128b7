/**
 * Time, injected. Anything that waits or measures (back-off, work-queue
 * delays, leases, compaction intervals) takes a `Clock`, so tests drive time
 * by hand with `FakeClock` instead of sleeping.
 */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Calls `fn` once, `ms` milliseconds from now (at once-ish for ms <= 0). */
  setTimer(ms: number, fn: () => void): Timer;
}

/** A scheduled call that has not run yet. */
export interface Timer {
  /** Stops the call if it has not run; harmless afterwards. */
  cancel(): void;
}

// Node's setTimeout treats anything above 2^31-1 ms (~24.8 days) as 1 ms.
const MAX_NODE_TIMEOUT_MS = 2 ** 31 - 1;

/** The clock of the process: `Date.now()` and Node timers. */
export const realClock: Clock = {
  now: () => Date.now(),
  setTimer(ms, fn) {
    let handle: NodeJS.Timeout;
    const arm = (remaining: number): void => {
      const step = Math.min(Math.max(remaining, 0), MAX_NODE_TIMEOUT_MS);
      handle = setTimeout(() => (remaining > step ? arm(remaining - step) : fn()), step);
    };
    arm(ms);
    return { cancel: () => clearTimeout(handle) };
  },
};

/**
 * Resolves after `ms` on `clock`, or as soon as `signal` aborts (it never
 * rejects: a loop checks `signal.aborted` after it wakes).
 *
 * @example
 * while (!signal.aborted) {
 *   await renewLease();
 *   await sleep(clock, 10_000, signal);
 * }
 */
export function sleep(clock: Clock, ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) {
      resolve();
      return;
    }
    const wake = (): void => {
      timer.cancel();
      signal?.removeEventListener("abort", wake);
      resolve();
    };
    const timer = clock.setTimer(ms, wake);
    signal?.addEventListener("abort", wake, { once: true });
  });
}

interface FakeTimer {
  readonly due: number;
  readonly seq: number;
  readonly fn: () => void;
}

/**
 * A clock that only moves when told to. Timers fire inside `advance`, in order
 * of due time (ties in the order they were set), with `now()` reading each
 * timer's due time while it runs. Promise callbacks run later, as microtasks:
 * a test awaits a flush after `advance` to see their effects.
 */
export class FakeClock implements Clock {
  private current: number;
  private timers: FakeTimer[] = [];
  private nextSeq = 0;

  constructor(startMs = 0) {
    this.current = startMs;
  }

  now(): number {
    return this.current;
  }

  setTimer(ms: number, fn: () => void): Timer {
    const timer: FakeTimer = { due: this.current + Math.max(ms, 0), seq: this.nextSeq++, fn };
    // Keep `timers` sorted by (due, seq); insert after every timer due no later.
    let at = this.timers.length;
    while (at > 0 && this.timers[at - 1]!.due > timer.due) at--;
    this.timers.splice(at, 0, timer);
    return {
      cancel: () => {
        const i = this.timers.indexOf(timer);
        if (i >= 0) this.timers.splice(i, 1);
      },
    };
  }

  /** Moves time forward by `ms`, firing every timer that falls due, including ones set meanwhile. */
  advance(ms: number): void {
    const target = this.current + Math.max(ms, 0);
    for (let next = this.timers[0]; next && next.due <= target; next = this.timers[0]) {
      this.timers.shift();
      this.current = Math.max(this.current, next.due);
      next.fn();
    }
    this.current = target;
  }

  /** How many timers are set and not yet fired or cancelled. */
  pendingTimers(): number {
    return this.timers.length;
  }
}
