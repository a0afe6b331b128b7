import { describe, expect, it } from "vitest";
import { cacheWith, nodeInfo, podInfo } from "../testing/objects.js";
import { nodePorts, nodePortsReason } from "./node-ports.js";
import { balancedAllocationScore, leastAllocatedScore, nodeResourcesFit } from "./node-resources.js";

const cluster = cacheWith([]);

describe("NodeResourcesFit", () => {
  it("counts what pods on the node request against allocatable, naming each short resource", () => {
    const node = nodeInfo("n", { cpu: "2", memory: "1Gi" });
    node.addPod(podInfo("old", { cpu: "1500m", memory: "512Mi", nodeName: "n" }));
    const fits = nodeResourcesFit.prepare(podInfo("p", { cpu: "500m", memory: "512Mi" }), cluster)!;
    expect(fits(node)).toBeUndefined();
    const tooBig = nodeResourcesFit.prepare(podInfo("p", { cpu: "501m", memory: "513Mi" }), cluster)!;
    expect(tooBig(node)).toEqual(["Insufficient cpu", "Insufficient memory"]);
  });

  it("says Too many pods first when the node's pod count is reached, even for a pod that requests nothing", () => {
    const node = nodeInfo("n", { pods: 1 });
    const check = nodeResourcesFit.prepare(podInfo("p"), cluster)!;
    expect(check(node)).toBeUndefined();
    node.addPod(podInfo("old", { nodeName: "n" }));
    expect(check(node)).toEqual(["Too many pods"]);
  });

  it("checks extended resources by name", () => {
    const pod = podInfo("p");
    pod.requests.scalar.set("example.com/gpu", 1);
    expect(nodeResourcesFit.prepare(pod, cluster)!(nodeInfo("n"))).toEqual(["Insufficient example.com/gpu"]);
  });

  it("frees what a removed pod held", () => {
    const node = nodeInfo("n", { cpu: "1" });
    node.addPod(podInfo("old", { cpu: "1", nodeName: "n" }));
    const check = nodeResourcesFit.prepare(podInfo("p", { cpu: "1" }), cluster)!;
    expect(check(node)).toEqual(["Insufficient cpu"]);
    node.removePod("default/old");
    expect(check(node)).toBeUndefined();
  });
});

describe("resource scores", () => {
  it("LeastAllocated prefers the emptier node, counting 100m/200Mi for pods that request nothing", () => {
    const empty = nodeInfo("empty", { cpu: "1", memory: "1000Mi" });
    const busy = nodeInfo("busy", { cpu: "1", memory: "1000Mi" });
    busy.addPod(podInfo("old", { nodeName: "busy" }));
    const scorer = leastAllocatedScore.prepare(podInfo("p"), cluster)!;
    // cpu (1000-100)/1000 = 90, memory (1000-200)/1000 = 80 → 85; with the old pod: 80 and 60 → 70.
    expect(scorer.score(empty)).toBe(85);
    expect(scorer.score(busy)).toBe(70);
  });

  it("BalancedAllocation prefers the node where cpu and memory would be used alike", () => {
    const scorer = balancedAllocationScore.prepare(podInfo("p", { cpu: "500m", memory: "512Mi" }), cluster)!;
    expect(scorer.score(nodeInfo("even", { cpu: "1", memory: "1Gi" }))).toBe(100);
    expect(scorer.score(nodeInfo("skewed", { cpu: "1", memory: "4Gi" }))).toBe(81);
  });
});

describe("NodePorts", () => {
  it("refuses a node where the host port is taken on the same address, or where either side takes every address", () => {
    const withPort = (name: string, hostPort: number, hostIP?: string) => {
      const pod = podInfo(name);
      pod.hostPorts.push({ ip: hostIP ?? "0.0.0.0", protocol: "TCP", port: hostPort });
      return pod;
    };
    const node = nodeInfo("n");
    node.addPod({ ...withPort("old", 80, "10.0.0.1"), nodeName: "n" });
    expect(nodePorts.prepare(withPort("p", 80), cluster)!(node)).toEqual([nodePortsReason]);
    expect(nodePorts.prepare(withPort("p", 80, "10.0.0.1"), cluster)!(node)).toEqual([nodePortsReason]);
    expect(nodePorts.prepare(withPort("p", 80, "10.0.0.2"), cluster)!(node)).toBeUndefined();
    expect(nodePorts.prepare(withPort("p", 81), cluster)!(node)).toBeUndefined();
    expect(nodePorts.prepare(podInfo("p"), cluster)).toBeUndefined();
  });
});
