import { describe, expect, it } from "vitest";
import { maxSurge, maxUnavailable, newReplicaSetSize, resolveFenceposts, scaledValue, type DeploymentObject } from "./fenceposts.js";

const deployment = (replicas: number, rollingUpdate?: { maxSurge?: number | string; maxUnavailable?: number | string }, type = "RollingUpdate"): DeploymentObject => ({
  metadata: { name: "web" },
  spec: { replicas, template: { spec: { containers: [] } } as never, strategy: { type, ...(rollingUpdate ? { rollingUpdate } : {}) } },
});
const rs = (replicas: number) => ({ spec: { replicas } });

describe("rolling-update arithmetic", () => {
  it("rounds a percentage of surge up and of unavailability down, as Kubernetes", () => {
    expect(scaledValue("25%", 10, true)).toBe(3);
    expect(scaledValue("25%", 10, false)).toBe(2);
    expect(scaledValue(4, 10, false)).toBe(4);
    expect(scaledValue("7", 10, false)).toBe(7);
    expect(resolveFenceposts("25%", "25%", 3)).toEqual({ surge: 1, unavailable: 0 });
    expect(resolveFenceposts("25%", "25%", 4)).toEqual({ surge: 1, unavailable: 1 });
  });

  it("allows one unavailable pod when both fenceposts resolve to 0", () => {
    expect(resolveFenceposts(0, "10%", 5)).toEqual({ surge: 0, unavailable: 1 });
    expect(maxUnavailable(deployment(5, { maxSurge: 0, maxUnavailable: "10%" }))).toBe(1);
  });

  it("has no surge or unavailability under Recreate, and none unavailable beyond the replicas", () => {
    expect(maxSurge(deployment(4, undefined, "Recreate"))).toBe(0);
    expect(maxUnavailable(deployment(4, undefined, "Recreate"))).toBe(0);
    expect(maxUnavailable(deployment(2, { maxSurge: 0, maxUnavailable: 5 }))).toBe(2);
    expect(maxUnavailable(deployment(0, { maxSurge: 1, maxUnavailable: 1 }))).toBe(0);
  });

  it("grows the new ReplicaSet up to replicas + maxSurge in all, never past replicas", () => {
    const d = deployment(4, { maxSurge: 2, maxUnavailable: 0 });
    const newRS = rs(0);
    expect(newReplicaSetSize(d, [rs(4), newRS], newRS)).toBe(2);
    expect(newReplicaSetSize(d, [rs(2), rs(2), rs(2)], rs(2))).toBe(2);
    const almost = rs(3);
    expect(newReplicaSetSize(d, [rs(1), almost], almost)).toBe(4);
    expect(newReplicaSetSize(deployment(4, undefined, "Recreate"), [rs(4), newRS], newRS)).toBe(4);
  });
});
