import { describe, expect, it } from "vitest";
import { FakeClock } from "../../clock.js";
import { TokenBucketRateLimiter } from "./token-bucket-rate-limiter.js";

describe("TokenBucketRateLimiter", () => {
  it("lets a full burst through at once, then spaces retries at 1/qps", () => {
    const limiter = new TokenBucketRateLimiter({ qps: 10, burst: 100, clock: new FakeClock() });

    const burst = Array.from({ length: 100 }, () => limiter.when());
    const after = Array.from({ length: 3 }, () => limiter.when());

    expect(burst.every((ms) => ms === 0)).toBe(true);
    expect(after).toEqual([100, 200, 300]);
  });

  it("refills at qps as time passes, up to the burst", () => {
    const clock = new FakeClock();
    const limiter = new TokenBucketRateLimiter({ qps: 10, burst: 3, clock });
    for (let i = 0; i < 3; i++) limiter.when();
    expect(limiter.when()).toBe(100);

    // The debt of one token is paid after 100 ms; 200 ms more refill two tokens.
    clock.advance(300);
    expect([limiter.when(), limiter.when(), limiter.when()]).toEqual([0, 0, 100]);

    clock.advance(60_000);
    expect([limiter.when(), limiter.when(), limiter.when(), limiter.when()]).toEqual([0, 0, 0, 100]);
  });

  it("rounds a fractional wait up", () => {
    const limiter = new TokenBucketRateLimiter({ qps: 3, burst: 1, clock: new FakeClock() });
    limiter.when();
    expect(limiter.when()).toBe(334);
  });

  it("counts no per-item retries", () => {
    const limiter = new TokenBucketRateLimiter({ qps: 1, burst: 1, clock: new FakeClock() });
    limiter.when();
    limiter.when();
    limiter.forget();
    expect(limiter.numRequeues()).toBe(0);
  });
});
