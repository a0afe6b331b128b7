import { describe, expect, it } from "vitest";
import { toleratesTaint } from "../../../src/api/core/v1/taint-toleration.js";
import { daemonPodTolerations, findUntoleratedTaint } from "./tolerations.js";

describe("toleratesTaint", () => {
  const taint = { key: "dedicated", value: "db", effect: "NoSchedule" };
  it("matches key, value and effect as Kubernetes does", () => {
    expect(toleratesTaint({ key: "dedicated", operator: "Equal", value: "db", effect: "NoSchedule" }, taint)).toBe(true);
    expect(toleratesTaint({ key: "dedicated", value: "db" }, taint)).toBe(true);
    expect(toleratesTaint({ key: "dedicated", operator: "Equal", value: "web" }, taint)).toBe(false);
    expect(toleratesTaint({ key: "dedicated", operator: "Exists" }, taint)).toBe(true);
    expect(toleratesTaint({ operator: "Exists" }, taint)).toBe(true);
    expect(toleratesTaint({ key: "dedicated", operator: "Exists", effect: "NoExecute" }, taint)).toBe(false);
    expect(toleratesTaint({ key: "other", operator: "Exists" }, taint)).toBe(false);
  });
  it("finds the first taint of the given effects nothing tolerates", () => {
    const taints = [{ key: "a", effect: "PreferNoSchedule" }, { key: "b", effect: "NoSchedule" }];
    expect(findUntoleratedTaint(taints, [], new Set(["NoSchedule", "NoExecute"]))?.key).toBe("b");
    expect(findUntoleratedTaint(taints, [{ key: "b", operator: "Exists" }], new Set(["NoSchedule"]))).toBeUndefined();
  });
});

describe("daemonPodTolerations", () => {
  it("adds the node-condition tolerations, network-unavailable only for host-network pods, replacing the pod's own of the same key and effect", () => {
    const own = [
      { key: "node.kubernetes.io/not-ready", operator: "Exists", effect: "NoExecute", tolerationSeconds: 300 },
      { key: "gpu", operator: "Exists" },
    ];
    const result = daemonPodTolerations(own, false);
    expect(result).toContainEqual({ key: "gpu", operator: "Exists" });
    expect(result.filter((t) => t.key === "node.kubernetes.io/not-ready")).toEqual([{ key: "node.kubernetes.io/not-ready", operator: "Exists", effect: "NoExecute" }]);
    expect(result.map((t) => t.key)).not.toContain("node.kubernetes.io/network-unavailable");
    expect(daemonPodTolerations([], true).map((t) => t.key)).toContain("node.kubernetes.io/network-unavailable");
    expect(daemonPodTolerations([], false)).toHaveLength(6);
  });
});
