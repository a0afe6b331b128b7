import { describe, expect, it } from "vitest";
import { FakeClock } from "../../clock.js";
import { ExponentialFailureRateLimiter } from "./exponential-failure-rate-limiter.js";
import { RateLimitingQueue } from "./rate-limiting-queue.js";

describe("RateLimitingQueue", () => {
  it("re-adds an item after its rate-limited delay, growing with each retry", () => {
    const clock = new FakeClock();
    const queue = new RateLimitingQueue({
      clock,
      rateLimiter: new ExponentialFailureRateLimiter<string>({ baseMs: 10, maxMs: 1000 }),
    });

    queue.addRateLimited("ns/a");
    clock.advance(9);
    expect(queue.len()).toBe(0);
    clock.advance(1);
    expect(queue.len()).toBe(1);

    queue.addRateLimited("ns/a");
    expect(queue.numRequeues("ns/a")).toBe(2);
  });

  it("starts the back-off over after forget", () => {
    const clock = new FakeClock();
    const queue = new RateLimitingQueue({
      clock,
      rateLimiter: new ExponentialFailureRateLimiter<string>({ baseMs: 10, maxMs: 1000 }),
    });
    queue.addRateLimited("ns/a");
    queue.addRateLimited("ns/a");
    queue.addRateLimited("ns/a");

    queue.forget("ns/a");
    expect(queue.numRequeues("ns/a")).toBe(0);

    queue.addRateLimited("ns/b");
    queue.addRateLimited("ns/a");
    clock.advance(10);
    expect(queue.len()).toBe(2);
  });

  it("uses the default controller rate limiter on the given clock", () => {
    const clock = new FakeClock();
    const queue = new RateLimitingQueue({ clock });

    queue.addRateLimited("ns/a");
    clock.advance(4);
    expect(queue.len()).toBe(0);
    clock.advance(1);
    expect(queue.len()).toBe(1);
  });
});
