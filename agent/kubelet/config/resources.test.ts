import { describe, expect, it } from "vitest";
import type { ResourceRequirements } from "../../../src/api/core/v1/container.js";
import { linuxResources, milliCpuToShares } from "./resources.js";
import { InvalidQuantityError } from "./quantities.js";

const of = (resources?: ResourceRequirements) => linuxResources({ name: "c", resources });

describe("linuxResources", () => {
  it("turns limits into memory bytes and a CFS quota over 100 ms, requests into shares", () => {
    expect(of({ limits: { cpu: "500m", memory: "64Mi" }, requests: { cpu: "250m" } })).toEqual({
      memoryLimitBytes: 64 * 1024 * 1024,
      cpuQuota: 50_000,
      cpuPeriod: 100_000,
      cpuShares: 256,
    });
  });

  it("computes whole and fractional CPUs", () => {
    expect(of({ limits: { cpu: "2" }, requests: { cpu: "1.5" } })).toMatchObject({ cpuQuota: 200_000, cpuShares: 1536 });
    expect(of({ limits: { cpu: "100m" }, requests: { cpu: "100m" } })).toMatchObject({ cpuQuota: 10_000, cpuShares: 102 });
  });

  it("keeps the quota at least 1 ms", () => {
    expect(of({ limits: { cpu: "1m" } }).cpuQuota).toBe(1000);
  });

  it("defaults the cpu request to the limit, as Kubernetes does", () => {
    expect(of({ limits: { cpu: "1" } }).cpuShares).toBe(1024);
  });

  it("gives a container without cpu request or limit the minimum shares, and no quota or memory limit", () => {
    expect(of()).toEqual({ cpuShares: 2 });
    expect(of({ requests: { memory: "1Gi" } })).toEqual({ cpuShares: 2 });
  });

  it("rounds memory up to whole bytes and reads decimal suffixes", () => {
    expect(of({ limits: { memory: "1G" } }).memoryLimitBytes).toBe(1_000_000_000);
    expect(of({ limits: { memory: "1500m" } }).memoryLimitBytes).toBe(2);
  });

  it("refuses a quantity that does not parse, naming it", () => {
    expect(() => of({ limits: { memory: "lots" } })).toThrow(InvalidQuantityError);
    expect(() => of({ limits: { memory: "lots" } })).toThrow(/"lots" for memory/);
  });
});

describe("milliCpuToShares", () => {
  it.each([
    [0n, 2],
    [1n, 2],
    [2n, 2],
    [10n, 10],
    [1000n, 1024],
    [500n, 512],
    [300_000n, 262_144],
  ])("%d millicores → %d shares", (milli, shares) => {
    expect(milliCpuToShares(milli)).toBe(shares);
  });
});
