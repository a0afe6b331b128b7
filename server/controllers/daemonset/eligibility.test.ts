import { describe, expect, it } from "vitest";
import { nodeShouldRunDaemonPod, type NodeObject } from "./eligibility.js";

const nodeWith = (taints: Array<{ key: string; value?: string; effect: string }> = [], labels: Record<string, string> = {}): NodeObject => ({
  metadata: { name: "pi-1", labels },
  spec: { taints },
});

describe("nodeShouldRunDaemonPod", () => {
  it("runs on a plain node, and on a cordoned, not-ready or pressured one (the daemon tolerations)", () => {
    expect(nodeShouldRunDaemonPod(nodeWith(), {})).toEqual({ shouldRun: true, shouldContinueRunning: true });
    const conditions = nodeWith([
      { key: "node.kubernetes.io/unschedulable", effect: "NoSchedule" },
      { key: "node.kubernetes.io/not-ready", effect: "NoExecute" },
      { key: "node.kubernetes.io/memory-pressure", effect: "NoSchedule" },
    ]);
    expect(nodeShouldRunDaemonPod(conditions, {})).toEqual({ shouldRun: true, shouldContinueRunning: true });
  });
  it("keeps a running pod under an untolerated NoSchedule taint but not under NoExecute; PreferNoSchedule is no bar", () => {
    expect(nodeShouldRunDaemonPod(nodeWith([{ key: "dedicated", effect: "NoSchedule" }]), {})).toEqual({ shouldRun: false, shouldContinueRunning: true });
    expect(nodeShouldRunDaemonPod(nodeWith([{ key: "dedicated", effect: "NoExecute" }]), {})).toEqual({ shouldRun: false, shouldContinueRunning: false });
    expect(nodeShouldRunDaemonPod(nodeWith([{ key: "dedicated", effect: "PreferNoSchedule" }]), {}).shouldRun).toBe(true);
    const tolerant = { tolerations: [{ key: "dedicated", operator: "Exists" }] };
    expect(nodeShouldRunDaemonPod(nodeWith([{ key: "dedicated", effect: "NoExecute" }]), tolerant).shouldRun).toBe(true);
  });
  it("needs the network-unavailable toleration, which only host-network pods get", () => {
    const node = nodeWith([{ key: "node.kubernetes.io/network-unavailable", effect: "NoSchedule" }]);
    expect(nodeShouldRunDaemonPod(node, {}).shouldRun).toBe(false);
    expect(nodeShouldRunDaemonPod(node, { hostNetwork: true }).shouldRun).toBe(true);
  });
  it("neither runs nor keeps a pod on a node its nodeSelector, affinity or nodeName excludes", () => {
    expect(nodeShouldRunDaemonPod(nodeWith([], { disk: "hdd" }), { nodeSelector: { disk: "ssd" } })).toEqual({ shouldRun: false, shouldContinueRunning: false });
    expect(nodeShouldRunDaemonPod(nodeWith([], { disk: "ssd" }), { nodeSelector: { disk: "ssd" } }).shouldRun).toBe(true);
    expect(nodeShouldRunDaemonPod(nodeWith(), { nodeName: "pi-2" })).toEqual({ shouldRun: false, shouldContinueRunning: false });
  });
});
