import { realClock, sleep, type Clock } from "../../clock.js";
import type { Logger } from "../../log.js";
import type { LeaderElectionRecord, ResourceLock } from "./lease-lock.js";

/** How long a lease lasts, how long a leader keeps trying to renew, and how often anyone tries. */
export interface LeaderElectionTiming {
  leaseDurationMs: number;
  renewDeadlineMs: number;
  retryPeriodMs: number;
}

/** kube-controller-manager's defaults (--leader-elect-lease-duration 15s, -renew-deadline 10s, -retry-period 2s). */
export const controllerManagerTiming: LeaderElectionTiming = { leaseDurationMs: 15_000, renewDeadlineMs: 10_000, retryPeriodMs: 2_000 };

export interface LeaderElectorOptions {
  lock: ResourceLock;
  /** This candidate's name in the record; unique per process (e.g. host_uuid). */
  identity: string;
  timing?: LeaderElectionTiming;
  clock?: Clock;
  /** Source of the jitter between attempts to acquire (default Math.random). */
  random?: () => number;
  log: Logger;
}

/** client-go's JitterFactor for acquiring: waits of retryPeriod × [1, 2.2). */
const acquireJitter = 1.2;

/**
 * client-go's leader election over a ResourceLock. A candidate acquires
 * the lock when it is free or its holder has not renewed it for the lease
 * duration — as this process measures it, from when it last saw the record
 * change, so clocks need not agree. The leader renews every retry period
 * and gives up leading when it could not renew within the renew deadline.
 * Every write is compare-and-swap on the record's version, so two
 * candidates never both win.
 */
export class LeaderElector {
  private readonly lock: ResourceLock;
  private readonly identity: string;
  private readonly timing: LeaderElectionTiming;
  private readonly clock: Clock;
  private readonly random: () => number;
  private readonly log: Logger;
  private observed: LeaderElectionRecord | undefined;
  private observedVersion = "";
  private observedTimeMs = 0;

  constructor(options: LeaderElectorOptions) {
    this.lock = options.lock;
    this.identity = options.identity;
    this.timing = options.timing ?? controllerManagerTiming;
    this.clock = options.clock ?? realClock;
    this.random = options.random ?? Math.random;
    this.log = options.log;
    if (!(this.timing.leaseDurationMs > this.timing.renewDeadlineMs && this.timing.renewDeadlineMs > this.timing.retryPeriodMs && this.timing.retryPeriodMs > 0)) {
      throw new Error("leader election needs leaseDuration > renewDeadline > retryPeriod > 0");
    }
  }

  /** Whether this candidate held the lock when it last looked. */
  isLeader(): boolean {
    return this.observed?.holderIdentity === this.identity;
  }

  /** The holder seen last ("" when none). */
  leader(): string {
    return this.observed?.holderIdentity ?? "";
  }

  /**
   * Until `signal` aborts: acquires the lock, runs `lead` with a signal that
   * aborts when leadership is lost (or `signal` aborts), waits for it to
   * finish, and competes again. Resolves once `lead` has returned after the
   * abort; the lock is not released (see `release`).
   */
  async run(signal: AbortSignal, lead: (leading: AbortSignal) => Promise<void>): Promise<void> {
    while (!signal.aborted) {
      if (!(await this.acquire(signal))) return;
      this.log.info({ lock: this.lock.describe(), identity: this.identity }, "became leader");
      const leading = new AbortController();
      const stopLeading = (): void => leading.abort();
      signal.addEventListener("abort", stopLeading, { once: true });
      const work = lead(leading.signal).catch((error: unknown) => this.log.error({ err: error }, "the leader's work failed"));
      const lost = await this.renewUntilLost(signal);
      leading.abort();
      signal.removeEventListener("abort", stopLeading);
      await work;
      if (lost) this.log.warn({ lock: this.lock.describe(), identity: this.identity }, "leadership lost: could not renew within the renew deadline");
    }
  }

  /**
   * Gives the lock up at once (holder "", duration 1 s) if this candidate
   * holds it, so another need not wait for the lease to run out. Best
   * effort: a failure is logged.
   */
  async release(): Promise<void> {
    if (!this.isLeader() || this.observed === undefined) return;
    const now = this.clock.now();
    const record: LeaderElectionRecord = { holderIdentity: "", leaseDurationSeconds: 1, acquireTimeMs: now, renewTimeMs: now, leaseTransitions: this.observed.leaseTransitions };
    try {
      this.observedVersion = await this.lock.update(record, this.observedVersion);
      this.observed = record;
      this.observedTimeMs = now;
      this.log.info({ lock: this.lock.describe() }, "leadership released");
    } catch (error) {
      this.log.warn({ err: error, lock: this.lock.describe() }, "could not release the leadership");
    }
  }

  /** One attempt (client-go's tryAcquireOrRenew): true when this candidate holds the lock afterwards. */
  async tryAcquireOrRenew(): Promise<boolean> {
    const now = this.clock.now();
    const desired: LeaderElectionRecord = {
      holderIdentity: this.identity,
      leaseDurationSeconds: Math.ceil(this.timing.leaseDurationMs / 1000),
      acquireTimeMs: now,
      renewTimeMs: now,
      leaseTransitions: 0,
    };
    try {
      const current = await this.lock.get();
      if (current === undefined) {
        this.observe(desired, await this.lock.create(desired), now);
        return true;
      }
      if (current.version !== this.observedVersion) this.observe(current.record, current.version, now);
      const holder = current.record.holderIdentity;
      const expiresAt = this.observedTimeMs + current.record.leaseDurationSeconds * 1000;
      if (holder !== "" && holder !== this.identity && expiresAt > now) return false;
      if (holder === this.identity) {
        desired.acquireTimeMs = current.record.acquireTimeMs;
        desired.leaseTransitions = current.record.leaseTransitions;
      } else {
        desired.leaseTransitions = current.record.leaseTransitions + 1;
      }
      this.observe(desired, await this.lock.update(desired, current.version), now);
      return true;
    } catch (error) {
      // A conflict (another candidate wrote first) or an unreachable server: not the holder this round.
      this.log.debug({ err: error, lock: this.lock.describe() }, "could not acquire or renew the lock");
      return false;
    }
  }

  private observe(record: LeaderElectionRecord, version: string, now: number): void {
    if (record.holderIdentity !== this.observed?.holderIdentity) this.log.info({ lock: this.lock.describe(), leader: record.holderIdentity }, "new leader observed");
    this.observed = record;
    this.observedVersion = version;
    this.observedTimeMs = now;
  }

  /** Tries until it holds the lock (true) or `signal` aborts (false). */
  private async acquire(signal: AbortSignal): Promise<boolean> {
    while (!signal.aborted) {
      // Bounded like a renewal: a request that hangs must not stall the candidate for good.
      if (await this.attemptBefore(this.clock.now() + this.timing.renewDeadlineMs, signal)) return !signal.aborted;
      await sleep(this.clock, this.timing.retryPeriodMs * (1 + this.random() * acquireJitter), signal);
    }
    return false;
  }

  /** Renews every retry period; resolves true once a round of renewing missed its deadline, false when `signal` aborts. */
  private async renewUntilLost(signal: AbortSignal): Promise<boolean> {
    while (!signal.aborted) {
      await sleep(this.clock, this.timing.retryPeriodMs, signal);
      if (signal.aborted) return false;
      const deadline = this.clock.now() + this.timing.renewDeadlineMs;
      let renewed = false;
      while (!renewed && !signal.aborted && this.clock.now() < deadline) {
        renewed = await this.attemptBefore(deadline, signal);
        if (!renewed) await sleep(this.clock, Math.min(this.timing.retryPeriodMs, deadline - this.clock.now()), signal);
      }
      if (!renewed && !signal.aborted) return true;
    }
    return false;
  }

  /** One attempt that counts only if it answers before `deadline` (a hung request must not keep a leader leading). */
  private attemptBefore(deadline: number, signal: AbortSignal): Promise<boolean> {
    return new Promise((resolve) => {
      let settled = false;
      const finish = (value: boolean): void => {
        if (settled) return;
        settled = true;
        timer.cancel();
        signal.removeEventListener("abort", onAbort);
        resolve(value);
      };
      const onAbort = (): void => finish(false);
      const timer = this.clock.setTimer(deadline - this.clock.now(), () => finish(false));
      signal.addEventListener("abort", onAbort, { once: true });
      void this.tryAcquireOrRenew().then((ok) => finish(ok && this.clock.now() < deadline));
    });
  }
}
