import { afterEach, describe, expect, it, vi } from "vitest";
import { FakeClock, realClock, sleep } from "./clock.js";

const flush = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe("FakeClock", () => {
  it("fires due timers in order of due time, ties in the order they were set, with now() at each due time", () => {
    const clock = new FakeClock(1000);
    const fired: string[] = [];
    clock.setTimer(30, () => fired.push(`c@${clock.now()}`));
    clock.setTimer(10, () => fired.push(`a@${clock.now()}`));
    clock.setTimer(10, () => fired.push(`b@${clock.now()}`));
    clock.setTimer(31, () => fired.push("late"));

    clock.advance(30);

    expect(fired).toEqual(["a@1010", "b@1010", "c@1030"]);
    expect(clock.now()).toBe(1030);
    expect(clock.pendingTimers()).toBe(1);
  });

  it("fires timers set by a firing timer when they fall due within the same advance", () => {
    const clock = new FakeClock();
    const fired: number[] = [];
    clock.setTimer(5, () => {
      fired.push(clock.now());
      clock.setTimer(5, () => fired.push(clock.now()));
      clock.setTimer(50, () => fired.push(clock.now()));
    });

    clock.advance(20);

    expect(fired).toEqual([5, 10]);
    expect(clock.now()).toBe(20);
    expect(clock.pendingTimers()).toBe(1);
  });

  it("never fires a cancelled timer", () => {
    const clock = new FakeClock();
    const fired: string[] = [];
    const timer = clock.setTimer(10, () => fired.push("cancelled"));
    clock.setTimer(10, () => fired.push("kept"));
    timer.cancel();
    timer.cancel();

    clock.advance(100);

    expect(fired).toEqual(["kept"]);
  });

  it("fires a timer set for zero or a negative delay on the next advance", () => {
    const clock = new FakeClock(7);
    const fired: number[] = [];
    clock.setTimer(-3, () => fired.push(clock.now()));
    expect(fired).toEqual([]);

    clock.advance(0);

    expect(fired).toEqual([7]);
  });
});

describe("sleep", () => {
  it("resolves once the time has passed", async () => {
    const clock = new FakeClock();
    let woke = false;
    void sleep(clock, 100).then(() => (woke = true));

    clock.advance(99);
    await flush();
    expect(woke).toBe(false);

    clock.advance(1);
    await flush();
    expect(woke).toBe(true);
  });

  it("resolves early when the signal aborts, and leaves no timer behind", async () => {
    const clock = new FakeClock();
    const abort = new AbortController();
    let woke = false;
    void sleep(clock, 100, abort.signal).then(() => (woke = true));

    abort.abort();
    await flush();

    expect(woke).toBe(true);
    expect(clock.pendingTimers()).toBe(0);
  });

  it("resolves at once when the signal has already aborted", async () => {
    const clock = new FakeClock();
    await sleep(clock, 100, AbortSignal.abort());
    expect(clock.pendingTimers()).toBe(0);
  });
});

describe("realClock", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("reads the wall clock", () => {
    const before = Date.now();
    const now = realClock.now();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
  });

  it("fires a timer after its delay and not after cancel", () => {
    vi.useFakeTimers();
    const fired: string[] = [];
    realClock.setTimer(20, () => fired.push("kept"));
    realClock.setTimer(20, () => fired.push("cancelled")).cancel();

    vi.advanceTimersByTime(19);
    expect(fired).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(fired).toEqual(["kept"]);
  });

  it("waits the whole delay when it exceeds Node's 24.8-day timer limit", () => {
    vi.useFakeTimers();
    const limit = 2 ** 31 - 1;
    let fired = false;
    const timer = realClock.setTimer(limit + 1000, () => (fired = true));

    vi.advanceTimersByTime(limit);
    expect(fired).toBe(false);
    vi.advanceTimersByTime(999);
    expect(fired).toBe(false);
    vi.advanceTimersByTime(1);
    expect(fired).toBe(true);
    timer.cancel();
  });

  it("cancels a long timer between its steps", () => {
    vi.useFakeTimers();
    const limit = 2 ** 31 - 1;
    let fired = false;
    const timer = realClock.setTimer(limit + 1000, () => (fired = true));

    vi.advanceTimersByTime(limit + 10);
    timer.cancel();
    vi.advanceTimersByTime(2000);

    expect(fired).toBe(false);
  });
});
