import { describe, expect, it } from "vitest";
import { slowStartBatch } from "./slow-start.js";

describe("slowStartBatch", () => {
  it("runs batches of 1, 2, 4, ... at once and stops after the first batch with a failure", async () => {
    let calls = 0;
    let inFlight = 0;
    const widths: number[] = [];
    const result = await slowStartBatch(20, 1, async () => {
      calls += 1;
      const call = calls;
      inFlight += 1;
      widths.push(inFlight);
      await new Promise((resolve) => setTimeout(resolve, 1));
      inFlight -= 1;
      if (call > 5) throw new Error("quota exceeded");
    });
    // Batches 1, 2, 4: the third holds the first failure, so 7 calls in all and 5 successes.
    expect(calls).toBe(7);
    expect(result.successes).toBe(5);
    expect(String(result.error)).toMatch(/quota exceeded/);
    expect(Math.max(...widths)).toBe(4);
  });

  it("makes every call when none fails", async () => {
    let calls = 0;
    expect(await slowStartBatch(10, 1, async () => void (calls += 1))).toEqual({ successes: 10 });
    expect(calls).toBe(10);
  });
});
