import { describe, expect, it } from "vitest";
import { closedLoop, openLoop } from "./load.js";

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("closedLoop", () => {
  it("keeps every client busy back to back and times each operation", async () => {
    const perClient = new Map<number, number>();
    const seen = new Set<number>();
    const result = await closedLoop(100, 3, async (client, n) => {
      perClient.set(client, (perClient.get(client) ?? 0) + 1);
      seen.add(n);
      await wait(10);
    });
    expect([...perClient.keys()].sort()).toEqual([0, 1, 2]);
    expect(seen.size).toBe(result.completed);
    expect(result.latenciesMs).toHaveLength(result.completed);
    expect(Math.min(...result.latenciesMs)).toBeGreaterThanOrEqual(9);
  });
});

describe("openLoop", () => {
  it("starts rate × duration operations whatever their answers take", async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    const result = await openLoop(200, 100, async () => {
      maxInFlight = Math.max(maxInFlight, ++inFlight);
      await wait(50);
      inFlight--;
    });
    expect(result.completed).toBe(20);
    // 50 ms answers at one start per 5 ms: later starts did not wait for earlier answers.
    expect(maxInFlight).toBeGreaterThan(5);
    expect(Math.min(...result.latenciesMs)).toBeGreaterThanOrEqual(49);
  });

  it("counts the wait behind a slow operation in the latency", async () => {
    let chain: Promise<void> = Promise.resolve();
    // Operations run one at a time, 20 ms each, but are offered every 5 ms: the queue grows.
    const result = await openLoop(200, 50, (n) => (chain = chain.then(() => wait(20)).then(() => void n)));
    expect(result.completed).toBe(10);
    expect(Math.max(...result.latenciesMs)).toBeGreaterThan(150);
  });

  it("rejects with the first failure after every operation settled", async () => {
    let settled = 0;
    const run = openLoop(1000, 10, async (n) => {
      await wait(5);
      settled++;
      if (n === 3) throw new Error("boom 3");
    });
    await expect(run).rejects.toThrow("boom 3");
    expect(settled).toBe(10);
  });
});
