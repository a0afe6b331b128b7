import { describe, expect, it } from "vitest";
import { Backoff } from "./backoff.js";

describe("Backoff", () => {
  it("doubles from the initial delay up to the cap, adding jitter of up to the delay times the jitter factor", () => {
    const draws = [0, 0.5, 1, 0.25, 0, 0];
    const backoff = new Backoff({ initialMs: 100, maxMs: 1000, factor: 2, jitter: 1 }, () => draws.shift() ?? 0);
    expect([backoff.next(), backoff.next(), backoff.next(), backoff.next(), backoff.next(), backoff.next()]).toEqual([
      100, 300, 800, 1000, 1000, 1000,
    ]);
  });

  it("starts again from the initial delay after a reset", () => {
    const backoff = new Backoff({ initialMs: 800, maxMs: 30_000, factor: 2, jitter: 0.5 }, () => 0.5);
    expect(backoff.next()).toBe(1000);
    expect(backoff.next()).toBe(2000);
    backoff.reset();
    expect(backoff.next()).toBe(1000);
  });
});
