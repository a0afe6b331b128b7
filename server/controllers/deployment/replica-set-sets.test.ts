import { describe, expect, it } from "vitest";
import type { ReplicaSetObject } from "../replicaset/replica-set-status.js";
import type { DeploymentObject } from "./fenceposts.js";
import { findActiveOrLatest, proportionalSizes } from "./replica-set-sets.js";

const deployment = (replicas: number): DeploymentObject => ({
  metadata: { name: "web" },
  spec: { replicas, template: {} as never, strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: 2, maxUnavailable: 0 } } },
});
const rs = (name: string, replicas: number, created: number, maxReplicas?: number): ReplicaSetObject => ({
  metadata: {
    name,
    creationTimestamp: new Date(Date.UTC(2026, 0, 1, 0, created)).toISOString(),
    ...(maxReplicas !== undefined ? { annotations: { "deployment.kubernetes.io/max-replicas": String(maxReplicas) } } : {}),
  },
  spec: { replicas, template: {} as never },
});
const sizes = (d: DeploymentObject, sets: ReplicaSetObject[]): Record<string, number> =>
  Object.fromEntries(proportionalSizes(d, sets).map(({ rs: set, size }) => [set.metadata?.name, size]));

describe("proportional scaling", () => {
  it("grows each active ReplicaSet by its share of the max-replicas it was sized for", () => {
    // 4 + 2 surge = 6 before; 8 + 2 = 10 now.
    expect(sizes(deployment(8), [rs("old", 4, 0, 6), rs("new", 2, 1, 6)])).toEqual({ old: 7, new: 3 });
  });

  it("shrinks them likewise, leftovers going to the largest", () => {
    expect(sizes(deployment(2), [rs("old", 7, 0, 10), rs("new", 3, 1, 10)])).toEqual({ old: 3, new: 1 });
    expect(sizes(deployment(0), [rs("old", 7, 0, 10), rs("new", 3, 1, 10)])).toEqual({ old: 0, new: 0 });
  });
});

describe("findActiveOrLatest", () => {
  it("picks the only active ReplicaSet, else the new or newest one, and none when several are active", () => {
    const old = rs("old", 0, 0);
    const newer = rs("newer", 0, 5);
    expect(findActiveOrLatest(undefined, [old, rs("busy", 3, 1)])?.metadata?.name).toBe("busy");
    expect(findActiveOrLatest(undefined, [old, newer])?.metadata?.name).toBe("newer");
    expect(findActiveOrLatest(rs("new", 0, 9), [old, newer])?.metadata?.name).toBe("new");
    expect(findActiveOrLatest(rs("new", 1, 9), [rs("busy", 3, 1)])).toBeUndefined();
  });
});
