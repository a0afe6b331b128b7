import { describe, expect, it } from "vitest";
import { FakeClock } from "../../../src/clock.js";
import { BackOff } from "./back-off.js";

describe("BackOff", () => {
  it("doubles from the initial delay to the cap, counted from each event", () => {
    const clock = new FakeClock(0);
    const backOff = new BackOff(clock, 10_000, 300_000);
    const delays: number[] = [];
    for (let i = 0; i < 8; i++) {
      backOff.next("k", clock.now());
      delays.push(backOff.delay("k"));
      clock.advance(1_000);
    }
    expect(delays).toEqual([10_000, 20_000, 40_000, 80_000, 160_000, 300_000, 300_000, 300_000]);
    expect(backOff.remaining("k")).toBe(299_000);
  });

  it("starts over when the last event is more than twice the cap old", () => {
    const clock = new FakeClock(0);
    const backOff = new BackOff(clock, 10_000, 300_000);
    backOff.next("k", 0);
    backOff.next("k", 1_000);
    expect(backOff.delay("k")).toBe(20_000);
    clock.advance(601_001);
    expect(backOff.remainingSince("k", clock.now())).toBe(0);
    backOff.next("k", clock.now());
    expect(backOff.delay("k")).toBe(10_000);
  });

  it("forgets keys by prefix", () => {
    const backOff = new BackOff(new FakeClock(0), 10_000, 300_000);
    backOff.next("pod-a/main", 0);
    backOff.next("pod-b/main", 0);
    backOff.resetPrefix("pod-a/");
    expect([backOff.delay("pod-a/main"), backOff.delay("pod-b/main")]).toEqual([0, 10_000]);
  });
});
