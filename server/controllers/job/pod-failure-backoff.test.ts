import { describe, expect, it } from "vitest";
import { defaultPodFailureBackoff, nextBackoffRecord, remainingBackoffMs } from "./pod-failure-backoff.js";

describe("the Job's pod failure back-off", () => {
  it("waits 10 s after one failure, doubling per failure up to 6 min, less the time since the last failure", () => {
    const after = (failures: number): number => remainingBackoffMs({ failuresAfterLastSuccess: failures, lastFailureMs: 1_000 }, defaultPodFailureBackoff, 1_000);
    expect(after(0)).toBe(0);
    expect(after(1)).toBe(10_000);
    expect(after(2)).toBe(20_000);
    expect(after(3)).toBe(40_000);
    expect(after(10)).toBe(360_000);
    expect(remainingBackoffMs({ failuresAfterLastSuccess: 2, lastFailureMs: 0 }, defaultPodFailureBackoff, 15_000)).toBe(5_000);
    expect(remainingBackoffMs({ failuresAfterLastSuccess: 2, lastFailureMs: 0 }, defaultPodFailureBackoff, 25_000)).toBe(0);
  });
  it("counts failures on, and starts over at a success (keeping only failures after it)", () => {
    const once = nextBackoffRecord({ failuresAfterLastSuccess: 0 }, [], [5_000]);
    expect(once).toEqual({ failuresAfterLastSuccess: 1, lastFailureMs: 5_000 });
    const twice = nextBackoffRecord(once, [], [7_000, 6_000]);
    expect(twice).toEqual({ failuresAfterLastSuccess: 3, lastFailureMs: 7_000 });
    expect(nextBackoffRecord(twice, [8_000], [])).toEqual({ failuresAfterLastSuccess: 0 });
    expect(nextBackoffRecord(twice, [8_000], [7_500, 9_000])).toEqual({ failuresAfterLastSuccess: 1, lastFailureMs: 9_000 });
    expect(nextBackoffRecord(twice, [], [])).toBe(twice);
  });
});
