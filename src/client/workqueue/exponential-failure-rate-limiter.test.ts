import { describe, expect, it } from "vitest";
import { ExponentialFailureRateLimiter } from "./exponential-failure-rate-limiter.js";

describe("ExponentialFailureRateLimiter", () => {
  it("doubles the delay on each retry of an item, from the base", () => {
    const limiter = new ExponentialFailureRateLimiter<string>({ baseMs: 5, maxMs: 1_000_000 });

    const delays = Array.from({ length: 6 }, () => limiter.when("ns/a"));

    expect(delays).toEqual([5, 10, 20, 40, 80, 160]);
    expect(limiter.numRequeues("ns/a")).toBe(6);
  });

  it("never waits longer than the cap, however many retries", () => {
    const limiter = new ExponentialFailureRateLimiter<string>({ baseMs: 5, maxMs: 1_000_000 });

    const delays = Array.from({ length: 2000 }, () => limiter.when("ns/a"));

    // 5 * 2^17 = 655,360 is the last step under the cap of 1000 s.
    expect(delays[17]).toBe(655_360);
    expect(delays[18]).toBe(1_000_000);
    expect(delays.at(-1)).toBe(1_000_000);
  });

  it("counts each item on its own", () => {
    const limiter = new ExponentialFailureRateLimiter<string>({ baseMs: 1, maxMs: 1000 });
    limiter.when("ns/a");
    limiter.when("ns/a");

    expect(limiter.when("ns/b")).toBe(1);
    expect(limiter.numRequeues("ns/a")).toBe(2);
    expect(limiter.numRequeues("ns/b")).toBe(1);
    expect(limiter.numRequeues("ns/c")).toBe(0);
  });

  it("starts over from the base after forget", () => {
    const limiter = new ExponentialFailureRateLimiter<string>({ baseMs: 5, maxMs: 1000 });
    limiter.when("ns/a");
    limiter.when("ns/a");

    limiter.forget("ns/a");

    expect(limiter.numRequeues("ns/a")).toBe(0);
    expect(limiter.when("ns/a")).toBe(5);
  });
});
