import { describe, expect, it } from "vitest";
import { cpuBetween, machineBusyTicks, processTicks, sampleCpu } from "./cpu-usage.js";

describe("machineBusyTicks", () => {
  it("adds user, nice, system, irq, softirq and steal, leaving out idle and iowait", () => {
    const stat = "cpu  100 2 30 5000 40 5 6 7 0 0\ncpu0 50 1 15 2500 20 2 3 3 0 0\nintr 1\n";
    expect(machineBusyTicks(stat)).toBe(100 + 2 + 30 + 5 + 6 + 7);
  });
});

describe("processTicks", () => {
  it("reads utime and stime after a command name with spaces and parentheses", () => {
    const stat = "4242 (node (a) b) S 1 4242 4242 0 -1 4194304 900 0 0 0 123 45 0 0 20 0 11 0 100 0 0";
    expect(processTicks(stat)).toBe(123 + 45);
  });
});

describe("cpuBetween", () => {
  it("turns CPU seconds over wall time into cores, and what the listed processes do not account for", () => {
    const use = cpuBetween(
      { atMs: 0, machineBusySeconds: 10, processSeconds: new Map([[1, 2], [2, 1]]) },
      { atMs: 2000, machineBusySeconds: 13, processSeconds: new Map([[1, 3], [2, 1.5]]) },
    );
    expect(use.machineCores).toBeCloseTo(1.5);
    expect(use.processCores.get(1)).toBeCloseTo(0.5);
    expect(use.processCores.get(2)).toBeCloseTo(0.25);
    expect(use.otherCores).toBeCloseTo(0.75);
  });
});

describe("sampleCpu", () => {
  it("reads this machine and this process", async () => {
    const sample = await sampleCpu([process.pid]);
    expect(sample.machineBusySeconds).toBeGreaterThan(0);
    expect(sample.processSeconds.get(process.pid)).toBeGreaterThan(0);
  });
});
