import { describe, expect, it } from "vitest";
import { podsByNode } from "./daemon-pods.js";
import { eligibilityByNode, type NodeObject } from "./eligibility.js";
import { type ManageInput, planManage } from "./manage-plan.js";
import { daemonPod } from "./testing/daemon-pod.js";

const node = (name: string, taints: Array<{ key: string; effect: string }> = []): NodeObject => ({ metadata: { name }, spec: { taints } });
const names = (pods: Array<{ metadata?: { name?: string } }>): string[] => pods.map((pod) => pod.metadata?.name ?? "").sort();

function input(nodes: NodeObject[], pods: ReturnType<typeof daemonPod>[], extra: Partial<ManageInput> = {}): ManageInput {
  return { eligibility: eligibilityByNode(nodes, {}), byNode: podsByNode(pods), hash: "new", allowsSurge: false, minReadySeconds: 0, nowMs: Date.parse("2026-11-23T12:00:00Z"), failedBackoffMs: () => undefined, ...extra };
}

describe("planManage", () => {
  it("creates a pod on each node that has none and deletes pods for nodes that are gone", () => {
    const plan = planManage(input([node("a"), node("b")], [daemonPod("on-a", "a", "new"), daemonPod("on-gone", "gone", "new")]));
    expect(plan.nodesNeedingPods).toEqual(["b"]);
    expect(names(plan.podsToDelete)).toEqual(["on-gone"]);
    expect(names(plan.orphaned)).toEqual(["on-gone"]);
  });
  it("keeps the oldest of two pods on a node (bound before unbound)", () => {
    const pods = [
      daemonPod("young", "a", "new", { created: "2026-11-23T10:05:00Z", bound: true }),
      daemonPod("old-unbound", "a", "new", { created: "2026-11-23T09:00:00Z" }),
      daemonPod("old", "a", "new", { created: "2026-11-23T10:00:00Z", bound: true }),
    ];
    expect(names(planManage(input([node("a")], pods)).podsToDelete)).toEqual(["old-unbound", "young"]);
  });
  it("deletes succeeded pods, and failed ones once their back-off allows, asking to come back when it does not", () => {
    const pods = [daemonPod("done", "a", "new", { phase: "Succeeded" }), daemonPod("broken", "b", "new", { phase: "Failed" })];
    const now = planManage(input([node("a"), node("b")], pods));
    expect(names(now.podsToDelete)).toEqual(["broken", "done"]);
    expect(now.failed.map((f) => f.node)).toEqual(["b"]);
    const later = planManage(input([node("a"), node("b")], pods, { failedBackoffMs: (n) => (n === "b" ? 4_000 : undefined) }));
    expect(names(later.podsToDelete)).toEqual(["done"]);
    expect(later.requeueAfterMs).toBe(4_000);
  });
  it("takes pods off a node with an untolerated NoExecute taint, leaves them under NoSchedule, and ignores pods being deleted", () => {
    const nodes = [node("a", [{ key: "x", effect: "NoExecute" }]), node("b", [{ key: "x", effect: "NoSchedule" }])];
    const pods = [daemonPod("on-a", "a", "new"), daemonPod("dying", "a", "new", { deleting: true }), daemonPod("on-b", "b", "new")];
    const plan = planManage(input(nodes, pods));
    expect(names(plan.podsToDelete)).toEqual(["on-a"]);
    expect(plan.nodesNeedingPods).toEqual([]);
  });
  it("while surging keeps an old ready pod beside a new one until the new one is available", () => {
    const surge = { allowsSurge: true };
    const waiting = [daemonPod("old", "a", "old", { ready: true }), daemonPod("fresh", "a", "new", { created: "2026-11-23T11:00:00Z" })];
    expect(planManage(input([node("a")], waiting, surge)).podsToDelete).toEqual([]);
    const available = [daemonPod("old", "a", "old", { ready: true }), daemonPod("fresh", "a", "new", { ready: true, created: "2026-11-23T11:00:00Z" })];
    expect(names(planManage(input([node("a")], available, surge)).podsToDelete)).toEqual(["old"]);
  });
});
