import { describe, expect, it } from "vitest";
import { FakeClock } from "../../../src/clock.js";
import { FailedPodBackoff } from "./failed-pod-backoff.js";

describe("FailedPodBackoff", () => {
  it("waits 1 s after the first replacement, doubling to 15 min, and starts over after a long quiet spell", () => {
    const clock = new FakeClock(0);
    const backoff = new FailedPodBackoff(clock);
    expect(backoff.remainingMs("ds/a")).toBeUndefined();
    backoff.next("ds/a");
    expect(backoff.remainingMs("ds/a")).toBe(1_000);
    clock.advance(1_000);
    expect(backoff.remainingMs("ds/a")).toBeUndefined();
    backoff.next("ds/a");
    expect(backoff.remainingMs("ds/a")).toBe(2_000);
    for (let i = 0; i < 20; i++) backoff.next("ds/a");
    expect(backoff.remainingMs("ds/a")).toBe(15 * 60_000);
    clock.advance(31 * 60_000);
    backoff.next("ds/a");
    expect(backoff.remainingMs("ds/a")).toBe(1_000);
    backoff.forgetPrefix("ds/");
    expect(backoff.remainingMs("ds/a")).toBeUndefined();
  });
});
