import { describe, expect, it } from "vitest";
import { FakeClock } from "../../clock.js";
import { ExponentialFailureRateLimiter } from "./exponential-failure-rate-limiter.js";
import { MaxOfRateLimiter, defaultControllerRateLimiter, type RateLimiter } from "./rate-limiter.js";

/** A limiter with a fixed delay that records what it was asked. */
function fixed(ms: number, requeues: number): RateLimiter<string> & { whens: string[]; forgotten: string[] } {
  const whens: string[] = [];
  const forgotten: string[] = [];
  return {
    whens,
    forgotten,
    when: (item) => (whens.push(item), ms),
    forget: (item) => void forgotten.push(item),
    numRequeues: () => requeues,
  };
}

describe("MaxOfRateLimiter", () => {
  it("waits the longest delay, asking every limiter so each counts the retry", () => {
    const short = fixed(5, 1);
    const long = fixed(300, 4);
    const limiter = new MaxOfRateLimiter(short, long, fixed(20, 2));

    expect(limiter.when("ns/a")).toBe(300);
    expect(short.whens).toEqual(["ns/a"]);
    expect(long.whens).toEqual(["ns/a"]);
    expect(limiter.numRequeues("ns/a")).toBe(4);
  });

  it("forgets in every limiter", () => {
    const a = fixed(1, 0);
    const b = fixed(2, 0);
    new MaxOfRateLimiter(a, b).forget("ns/a");
    expect([a.forgotten, b.forgotten]).toEqual([["ns/a"], ["ns/a"]]);
  });

  it("combines per-item back-off with a real limiter's own count", () => {
    const backOff = new ExponentialFailureRateLimiter<string>({ baseMs: 5, maxMs: 1000 });
    const limiter = new MaxOfRateLimiter(backOff, fixed(7, 0));
    expect([limiter.when("ns/a"), limiter.when("ns/a"), limiter.when("ns/a")]).toEqual([7, 10, 20]);
  });
});

describe("defaultControllerRateLimiter", () => {
  it("backs an item off exponentially from 5 ms and forgets it", () => {
    const limiter = defaultControllerRateLimiter<string>(new FakeClock());

    expect([limiter.when("ns/a"), limiter.when("ns/a"), limiter.when("ns/a")]).toEqual([5, 10, 20]);
    expect(limiter.numRequeues("ns/a")).toBe(3);
    limiter.forget("ns/a");
    expect(limiter.numRequeues("ns/a")).toBe(0);
    expect(limiter.when("ns/a")).toBe(5);
  });

  it("caps one item's back-off at 1000 s", () => {
    const clock = new FakeClock();
    const limiter = defaultControllerRateLimiter<string>(clock);
    let last = 0;
    for (let i = 0; i < 40; i++) {
      last = limiter.when("ns/a");
      clock.advance(last);
    }
    expect(last).toBe(1_000_000);
  });

  it("holds first retries of many items to 10/s after a burst of 100", () => {
    const limiter = defaultControllerRateLimiter<string>(new FakeClock());

    const delays = Array.from({ length: 102 }, (_, i) => limiter.when(`ns/pod-${i}`));

    expect(delays.slice(0, 100).every((ms) => ms === 5)).toBe(true);
    expect(delays.slice(100)).toEqual([100, 200]);
  });
});
