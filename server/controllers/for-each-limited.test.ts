import { describe, expect, it } from "vitest";
import { forEachLimited } from "./for-each-limited.js";

describe("forEachLimited", () => {
  it("runs every item, never more than the limit at once", async () => {
    let running = 0;
    let most = 0;
    const done: number[] = [];
    await forEachLimited([1, 2, 3, 4, 5, 6, 7], 3, async (n) => {
      running++;
      most = Math.max(most, running);
      await new Promise((resolve) => setTimeout(resolve, 5));
      done.push(n);
      running--;
    });
    expect(done.sort()).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(most).toBe(3);
  });

  it("runs the rest when one fails, then throws the failure, or all of them together", async () => {
    const done: number[] = [];
    const fail = (bad: number[]) => async (n: number) => {
      if (bad.includes(n)) throw new Error(`item ${n}`);
      done.push(n);
    };
    await expect(forEachLimited([1, 2, 3], 2, fail([2]))).rejects.toThrow("item 2");
    expect(done).toEqual([1, 3]);
    const both = await forEachLimited([1, 2, 3], 2, fail([1, 3])).catch((error: unknown) => error);
    expect(both).toBeInstanceOf(AggregateError);
    expect((both as AggregateError).errors.map(String)).toEqual(["Error: item 1", "Error: item 3"]);
    await forEachLimited([], 4, fail([]));
  });
});
