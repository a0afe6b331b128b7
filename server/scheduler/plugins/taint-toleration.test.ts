import { describe, expect, it } from "vitest";
import { cacheWith, nodeInfo, podInfo } from "../testing/objects.js";
import { nodeUnschedulable, unschedulableReason } from "./node-unschedulable.js";
import { taintTolerationFilter, taintTolerationScore } from "./taint-toleration.js";
import { toleratesTaint } from "../../../src/api/core/v1/taint-toleration.js";

const cluster = cacheWith([]);

describe("toleratesTaint", () => {
  const taint = { key: "dedicated", value: "gpu", effect: "NoSchedule" };
  it("matches as Kubernetes: Equal compares key and value, Exists the key, an empty key with Exists everything", () => {
    expect(toleratesTaint({ key: "dedicated", value: "gpu" }, taint)).toBe(true);
    expect(toleratesTaint({ key: "dedicated", operator: "Equal", value: "cpu" }, taint)).toBe(false);
    expect(toleratesTaint({ key: "dedicated", operator: "Exists" }, taint)).toBe(true);
    expect(toleratesTaint({ operator: "Exists" }, taint)).toBe(true);
    expect(toleratesTaint({ operator: "Exists", effect: "NoExecute" }, taint)).toBe(false);
    expect(toleratesTaint({ key: "dedicated", operator: "Exists", effect: "NoSchedule" }, taint)).toBe(true);
  });
});

describe("TaintToleration", () => {
  it("keeps a pod off a NoSchedule or NoExecute taint it does not tolerate, naming the first such taint", () => {
    const check = taintTolerationFilter.prepare(podInfo("p"), cluster)!;
    expect(check(nodeInfo("n", { taints: [{ key: "a", value: "1", effect: "PreferNoSchedule" }, { key: "b", value: "2", effect: "NoExecute" }] }))).toEqual([
      "node(s) had untolerated taint {b: 2}",
    ]);
    expect(check(nodeInfo("n", { taints: [{ key: "a", effect: "PreferNoSchedule" }] }))).toBeUndefined();
    const tolerant = taintTolerationFilter.prepare(podInfo("p", { spec: { tolerations: [{ key: "b", operator: "Exists" }] } }), cluster)!;
    expect(tolerant(nodeInfo("n", { taints: [{ key: "b", value: "2", effect: "NoExecute" }] }))).toBeUndefined();
  });

  it("treats a node that is not Ready as tainted not-ready (Ready=False) or unreachable (Unknown)", () => {
    const check = taintTolerationFilter.prepare(podInfo("p"), cluster)!;
    expect(check(nodeInfo("n", { ready: "False" }))).toEqual(["node(s) had untolerated taint {node.kubernetes.io/not-ready: }"]);
    expect(check(nodeInfo("n", { ready: "Unknown" }))).toEqual(["node(s) had untolerated taint {node.kubernetes.io/unreachable: }"]);
    const tolerant = taintTolerationFilter.prepare(podInfo("p", { spec: { tolerations: [{ key: "node.kubernetes.io/unreachable", operator: "Exists" }] } }), cluster)!;
    expect(tolerant(nodeInfo("n", { ready: "Unknown" }))).toBeUndefined();
  });

  it("scores fewer untolerated PreferNoSchedule taints higher, reversed and scaled to 100", () => {
    const scorer = taintTolerationScore.prepare(podInfo("p", { spec: { tolerations: [{ key: "x", operator: "Exists", effect: "PreferNoSchedule" }] } }), cluster)!;
    const nodes = [
      nodeInfo("clean"),
      nodeInfo("one", { taints: [{ key: "a", effect: "PreferNoSchedule" }, { key: "x", effect: "PreferNoSchedule" }] }),
      nodeInfo("two", { taints: [{ key: "a", effect: "PreferNoSchedule" }, { key: "b", effect: "PreferNoSchedule" }] }),
    ];
    const scores = nodes.map((node) => scorer.score(node));
    expect(scores).toEqual([0, 1, 2]);
    scorer.normalize!(scores);
    expect(scores).toEqual([100, 50, 0]);
  });
});

describe("NodeUnschedulable", () => {
  it("keeps pods off a cordoned node unless they tolerate node.kubernetes.io/unschedulable", () => {
    const check = nodeUnschedulable.prepare(podInfo("p"), cluster)!;
    expect(check(nodeInfo("n", { unschedulable: true }))).toEqual([unschedulableReason]);
    expect(check(nodeInfo("n"))).toBeUndefined();
    const tolerant = podInfo("p", { spec: { tolerations: [{ key: "node.kubernetes.io/unschedulable", operator: "Exists", effect: "NoSchedule" }] } });
    expect(nodeUnschedulable.prepare(tolerant, cluster)).toBeUndefined();
  });
});
