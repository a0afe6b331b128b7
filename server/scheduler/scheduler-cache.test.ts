import { describe, expect, it } from "vitest";
import { cacheWith, nodeObject, podInfo } from "./testing/objects.js";

describe("SchedulerCache", () => {
  it("counts an assumed pod at once, keeps it when the binding is confirmed, and frees it when forgotten", () => {
    const cache = cacheWith([["n1", { cpu: "2" }]]);
    const pod = podInfo("p", { cpu: "1" });
    cache.assume(pod, "n1");
    expect(cache.isAssumed("default/p")).toBe(true);
    expect(cache.node("n1")!.requested.milliCpu).toBe(1000);
    cache.setPod({ ...pod, nodeName: "n1" }, false);
    expect(cache.isAssumed("default/p")).toBe(false);
    expect(cache.node("n1")!.requested.milliCpu).toBe(1000);
    cache.forget("default/p");
    expect(cache.node("n1")!.requested.milliCpu).toBe(1000);

    const other = podInfo("q", { cpu: "1" });
    cache.assume(other, "n1");
    cache.forget("default/q");
    expect(cache.node("n1")!.requested.milliCpu).toBe(1000);
    expect(cache.node("n1")!.pods.size).toBe(1);
  });

  it("moves a pod's totals when it shows up bound elsewhere, and frees them when it finishes or goes", () => {
    const cache = cacheWith([["n1"], ["n2"]]);
    const pod = podInfo("p", { cpu: "500m", memory: "1Gi" });
    cache.assume(pod, "n1");
    cache.setPod({ ...pod, nodeName: "n2" }, false);
    expect(cache.node("n1")!.requested).toMatchObject({ milliCpu: 0, memory: 0 });
    expect(cache.node("n2")!.requested).toMatchObject({ milliCpu: 500, memory: 2 ** 30 });
    cache.setPod({ ...pod, nodeName: "n2" }, true);
    expect(cache.node("n2")!.requested.milliCpu).toBe(0);
    cache.setPod({ ...pod, nodeName: "n2" }, false);
    cache.removePod("default/p");
    expect(cache.node("n2")!.pods.size).toBe(0);
  });

  it("ignores an unbound pod, and counts pods bound to a node it does not know yet without offering that node", () => {
    const cache = cacheWith([["n1"]]);
    cache.setPod(podInfo("pending"), false);
    expect(cache.node("n1")!.pods.size).toBe(0);
    cache.setPod(podInfo("early", { cpu: "1", nodeName: "late" }), false);
    expect(cache.nodes.map((node) => node.name)).toEqual(["n1"]);
    cache.setNode(nodeObject("late"));
    expect(cache.nodes.map((node) => node.name)).toEqual(["n1", "late"]);
    expect(cache.node("late")!.requested.milliCpu).toBe(1000);
  });

  it("removes a deleted node from the offered list in O(1), keeping the others", () => {
    const cache = cacheWith([["n1"], ["n2"], ["n3"]]);
    cache.removeNode("n1");
    expect(cache.nodes.map((node) => node.name).sort()).toEqual(["n2", "n3"]);
    cache.removeNode("n3");
    cache.setNode(nodeObject("n4"));
    expect(cache.nodes.map((node) => node.name).sort()).toEqual(["n2", "n4"]);
    expect(cache.node("n1")).toBeUndefined();
  });

  it("tracks pods with affinity terms cluster-wide", () => {
    const cache = cacheWith([["n1"]]);
    const loner = podInfo("loner", { nodeName: "n1", spec: { affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: {}, topologyKey: "zone" }] } } } });
    cache.setPod(loner, false);
    cache.setPod(podInfo("plain", { nodeName: "n1" }), false);
    expect([...cache.podsWithAffinity].map((pod) => pod.name)).toEqual(["loner"]);
    cache.removePod("default/loner");
    expect(cache.podsWithAffinity.size).toBe(0);
  });
});
