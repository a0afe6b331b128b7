import { describe, expect, it } from "vitest";
import { FakeClock } from "../../clock.js";
import { createLogger } from "../../log.js";
import { LeaderElector } from "./leader-elector.js";
import type { LeaderElectionRecord, ObservedRecord, ResourceLock } from "./lease-lock.js";

/** A lock in memory with compare-and-swap, which can be made to fail or to hang like an unreachable server. */
class MemoryLock implements ResourceLock {
  current: ObservedRecord | undefined;
  mode: "ok" | "fail" | "hang" = "ok";
  private version = 0;

  private async reach(): Promise<void> {
    if (this.mode === "fail") throw new Error("connection refused");
    if (this.mode === "hang") await new Promise(() => undefined);
  }
  async get(): Promise<ObservedRecord | undefined> {
    await this.reach();
    return this.current && { record: { ...this.current.record }, version: this.current.version };
  }
  async create(record: LeaderElectionRecord): Promise<string> {
    await this.reach();
    if (this.current) throw new Error("already exists");
    return this.store(record);
  }
  async update(record: LeaderElectionRecord, version: string): Promise<string> {
    await this.reach();
    if (this.current?.version !== version) throw new Error("conflict");
    return this.store(record);
  }
  describe(): string {
    return "memory";
  }
  private store(record: LeaderElectionRecord): string {
    this.current = { record: { ...record }, version: String(++this.version) };
    return this.current.version;
  }
}

const timing = { leaseDurationMs: 15_000, renewDeadlineMs: 10_000, retryPeriodMs: 2_000 };
const log = createLogger("silent");
const flush = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Moves the fake clock in small steps, letting the promises of each step settle. */
async function advance(clock: FakeClock, ms: number, step = 100): Promise<void> {
  for (let passed = 0; passed < ms; passed += step) {
    clock.advance(Math.min(step, ms - passed));
    await flush();
  }
}

interface Candidate {
  elector: LeaderElector;
  stop: AbortController;
  /** Times (fake clock) when it started and stopped leading. */
  terms: Array<{ from: number; to?: number }>;
  done: Promise<void>;
}

function candidate(identity: string, lock: ResourceLock, clock: FakeClock): Candidate {
  const elector = new LeaderElector({ lock, identity, timing, clock, random: () => 0, log });
  const stop = new AbortController();
  const terms: Candidate["terms"] = [];
  const done = elector.run(stop.signal, async (leading) => {
    const term: { from: number; to?: number } = { from: clock.now() };
    terms.push(term);
    await new Promise<void>((resolve) => leading.addEventListener("abort", () => resolve(), { once: true }));
    term.to = clock.now();
  });
  return { elector, stop, terms, done };
}

describe("LeaderElector (client-go's algorithm over a lock)", () => {
  it("lets one candidate lead; after it crashes the other waits out the lease, then leads", async () => {
    const clock = new FakeClock(1_000_000);
    const lock = new MemoryLock();
    const a = candidate("a", lock, clock);
    await flush();
    const b = candidate("b", lock, clock);
    await advance(clock, 60_000);
    expect(a.terms).toEqual([{ from: 1_000_000 }]);
    expect(b.terms).toEqual([]);
    expect(lock.current?.record).toMatchObject({ holderIdentity: "a", leaseDurationSeconds: 15, leaseTransitions: 0, acquireTimeMs: 1_000_000 });
    expect(lock.current!.record.renewTimeMs).toBeGreaterThan(1_000_000 + 55_000);

    // A crash: a's renewals stop, nothing is released.
    a.stop.abort();
    await a.done;
    const crashedAt = clock.now();
    await advance(clock, 30_000);
    expect(b.terms).toHaveLength(1);
    const waited = b.terms[0]!.from - crashedAt;
    // b last saw the record change at a's last renewal (≤ 2 s before the crash): it waits the 15 s lease from then.
    expect(waited).toBeGreaterThanOrEqual(13_000);
    expect(waited).toBeLessThanOrEqual(15_000 + 2_000);
    expect(lock.current?.record).toMatchObject({ holderIdentity: "b", leaseTransitions: 1 });
    b.stop.abort();
    await b.done;
  });

  it("hands over at once after a release", async () => {
    const clock = new FakeClock(0);
    const lock = new MemoryLock();
    const a = candidate("a", lock, clock);
    await flush();
    const b = candidate("b", lock, clock);
    await advance(clock, 10_000);
    a.stop.abort();
    await a.done;
    await a.elector.release();
    expect(lock.current?.record).toMatchObject({ holderIdentity: "", leaseDurationSeconds: 1 });
    const releasedAt = clock.now();
    await advance(clock, 5_000);
    expect(b.terms).toHaveLength(1);
    expect(b.terms[0]!.from - releasedAt).toBeLessThanOrEqual(2_000);
    b.stop.abort();
    await b.done;
  });

  it.each(["fail", "hang"] as const)("stops leading when it cannot renew within the renew deadline (the server is %sing), and leads again once it can", async (mode) => {
    const clock = new FakeClock(0);
    const lock = new MemoryLock();
    const a = candidate("a", lock, clock);
    await flush();
    await advance(clock, 5_000);
    expect(a.terms).toEqual([{ from: 0 }]);
    lock.mode = mode;
    const brokenAt = clock.now();
    await advance(clock, 14_000);
    expect(a.terms[0]!.to).toBeDefined();
    // The last renewal before the break was at most a retry period earlier; the round that failed lasted the renew deadline.
    expect(a.terms[0]!.to! - brokenAt).toBeLessThanOrEqual(timing.retryPeriodMs + timing.renewDeadlineMs);
    expect(a.terms[0]!.to! - brokenAt).toBeGreaterThanOrEqual(timing.renewDeadlineMs - timing.retryPeriodMs);
    expect(a.elector.isLeader()).toBe(true); // the record still names it: once reachable it takes its own lease back
    lock.mode = "ok";
    // An attempt that hung waits out its renew deadline first.
    await advance(clock, timing.renewDeadlineMs + 2 * timing.retryPeriodMs);
    expect(a.terms).toHaveLength(2);
    a.stop.abort();
    await a.done;
  });

  it("refuses timings that cannot work", () => {
    expect(() => new LeaderElector({ lock: new MemoryLock(), identity: "a", timing: { leaseDurationMs: 10_000, renewDeadlineMs: 10_000, retryPeriodMs: 2_000 }, log })).toThrow(/leaseDuration > renewDeadline/);
  });
});
