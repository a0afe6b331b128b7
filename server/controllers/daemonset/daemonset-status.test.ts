import { describe, expect, it } from "vitest";
import { podsByNode } from "./daemon-pods.js";
import { daemonSetCounts } from "./daemonset-status.js";
import { eligibilityByNode, type NodeObject } from "./eligibility.js";
import { daemonPod } from "./testing/daemon-pod.js";

describe("daemonSetCounts", () => {
  it("counts per node as kubectl rollout status reads it", () => {
    const nodes: NodeObject[] = [
      { metadata: { name: "a" } },
      { metadata: { name: "b" } },
      { metadata: { name: "c" } },
      { metadata: { name: "tainted" }, spec: { taints: [{ key: "x", effect: "NoSchedule" }] } },
    ];
    const pods = [
      daemonPod("a", "a", "new", { ready: true }),
      daemonPod("b", "b", "old", { ready: true, readySince: "2026-11-23T11:59:59Z" }),
      daemonPod("stray", "tainted", "new"),
      daemonPod("finished", "c", "new", { phase: "Failed", deleting: true }),
    ];
    const counts = daemonSetCounts(eligibilityByNode(nodes, {}), podsByNode(pods), "new", 10, Date.parse("2026-11-23T12:00:00Z"));
    expect(counts).toEqual({
      desiredNumberScheduled: 3,
      currentNumberScheduled: 2,
      numberMisscheduled: 1,
      numberReady: 2,
      updatedNumberScheduled: 1,
      numberAvailable: 1,
      numberUnavailable: 2,
    });
  });
});
