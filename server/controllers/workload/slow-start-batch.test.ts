import { describe, expect, it } from "vitest";
import { slowStartBatch } from "./slow-start-batch.js";

describe("slowStartBatch", () => {
  it("runs batches of 1, 2, 4, ... and stops after the first batch with a failure", async () => {
    const batches: number[][] = [];
    let inFlight: number[] = [];
    const all = await slowStartBatch(10, async (index) => {
      inFlight.push(index);
      await Promise.resolve();
      if (inFlight.length > 0) {
        batches.push(inFlight);
        inFlight = [];
      }
    });
    expect(all).toEqual({ succeeded: 10 });
    expect(batches.map((batch) => batch.length)).toEqual([1, 2, 4, 3]);
    const calls: number[] = [];
    const failing = await slowStartBatch(10, async (index) => {
      calls.push(index);
      if (index === 2) throw new Error("refused");
    });
    expect(failing.succeeded).toBe(2);
    expect(String(failing.error)).toContain("refused");
    expect(calls).toEqual([0, 1, 2]);
  });
});
