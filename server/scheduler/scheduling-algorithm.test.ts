import { describe, expect, it } from "vitest";
import { noNodesAvailableMessage } from "./fit-error.js";
import { feasibleNodesToFind, SchedulingAlgorithm } from "./scheduling-algorithm.js";
import { cacheWith, podInfo } from "./testing/objects.js";

describe("feasibleNodesToFind", () => {
  it("is every node under 100, then kube-scheduler's adaptive percentage, never under 100 nodes", () => {
    expect(feasibleNodesToFind(50)).toBe(50);
    expect(feasibleNodesToFind(1_000)).toBe(420);
    expect(feasibleNodesToFind(5_000)).toBe(500);
    expect(feasibleNodesToFind(200)).toBe(100);
    expect(feasibleNodesToFind(1_000, 10)).toBe(100);
    expect(feasibleNodesToFind(1_000, 100)).toBe(1_000);
  });
});

describe("SchedulingAlgorithm", () => {
  it("picks the least loaded node that fits", () => {
    const cache = cacheWith([["busy", { cpu: "4" }], ["idle", { cpu: "4" }]], [podInfo("old", { cpu: "3", nodeName: "busy" })]);
    const result = new SchedulingAlgorithm().schedule(podInfo("p", { cpu: "500m" }), cache);
    expect(result).toMatchObject({ kind: "scheduled", node: "idle" });
  });

  it("explains why no node fits, counting each node's reasons, in Kubernetes' words", () => {
    const cache = cacheWith([
      ["small", { memory: "1Gi" }],
      ["gone-1", { ready: "Unknown" }],
      ["gone-2", { ready: "Unknown" }],
    ]);
    const result = new SchedulingAlgorithm().schedule(podInfo("p", { memory: "2Gi" }), cache);
    expect(result).toEqual({
      kind: "unschedulable",
      message: "0/3 nodes are available: 1 Insufficient memory, 2 node(s) had untolerated taint {node.kubernetes.io/unreachable: }.",
      rejectedBy: new Set(["NodeResourcesFit", "TaintToleration"]),
    });
  });

  it("says there are no nodes when there are none", () => {
    expect(new SchedulingAlgorithm().schedule(podInfo("p"), cacheWith([]))).toMatchObject({ kind: "unschedulable", message: noNodesAvailableMessage });
  });

  it("breaks ties at random among the best nodes", () => {
    const cache = cacheWith([["n1"], ["n2"], ["n3"]]);
    const pick = (random: number) => {
      const result = new SchedulingAlgorithm({ random: () => random }).schedule(podInfo("p"), cache);
      return result.kind === "scheduled" ? result.node : undefined;
    };
    // Reservoir sampling: a low draw takes each later tie, a high one keeps the first.
    expect(pick(0)).toBe("n3");
    expect(pick(0.99)).toBe("n1");
  });

  it("assuming each decision, never places more than fits: 10 pods of 1 cpu on 3 nodes of 3 cpu", () => {
    const cache = cacheWith([["n1", { cpu: "3" }], ["n2", { cpu: "3" }], ["n3", { cpu: "3" }]]);
    const algorithm = new SchedulingAlgorithm();
    const placed: string[] = [];
    for (let i = 0; i < 10; i++) {
      const pod = podInfo(`p${i}`, { cpu: "1" });
      const result = algorithm.schedule(pod, cache);
      if (result.kind !== "scheduled") {
        expect(result.message).toBe("0/3 nodes are available: 3 Insufficient cpu.");
        continue;
      }
      cache.assume(pod, result.node);
      placed.push(result.node);
    }
    expect(placed.sort()).toEqual(["n1", "n1", "n1", "n2", "n2", "n2", "n3", "n3", "n3"]);
  });

  it("stops filtering once enough nodes are feasible, starting where the last decision stopped", () => {
    const cache = cacheWith(Array.from({ length: 200 }, (_, i): [string] => [`n${i}`]));
    const algorithm = new SchedulingAlgorithm();
    const first = algorithm.schedule(podInfo("p"), cache);
    expect(first).toMatchObject({ kind: "scheduled", evaluatedNodes: 100, feasibleNodes: 100 });
    const second = algorithm.schedule(podInfo("q"), cache);
    expect(second.kind === "scheduled" && Number(second.node.slice(1))).toBeGreaterThanOrEqual(100);
  });
});
