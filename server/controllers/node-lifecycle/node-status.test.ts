import { describe, expect, it } from "vitest";
import { readyStatusOf, silencedConditions } from "./node-status.js";

const now = "2026-11-23T12:00:00Z";
const posted = [
  { type: "MemoryPressure", status: "False", reason: "KubeletHasSufficientMemory", lastHeartbeatTime: "t0", lastTransitionTime: "t0" },
  { type: "DiskPressure", status: "False", reason: "KubeletHasNoDiskPressure", lastHeartbeatTime: "t0", lastTransitionTime: "t0" },
  { type: "PIDPressure", status: "False", reason: "KubeletHasSufficientPID", lastHeartbeatTime: "t0", lastTransitionTime: "t0" },
  { type: "Ready", status: "True", reason: "KubeletReady", message: "kubelet is posting ready status", lastHeartbeatTime: "t0", lastTransitionTime: "t0" },
  { type: "NetworkUnavailable", status: "False", reason: "RouteCreated", lastTransitionTime: "t0" },
];

describe("silencedConditions", () => {
  it("turns the kubelet's conditions Unknown as Kubernetes writes them, keeping heartbeats and NetworkUnavailable", () => {
    const silenced = silencedConditions(posted, "t-1", now)!;
    expect(silenced.find((c) => c.type === "Ready")).toEqual({
      type: "Ready",
      status: "Unknown",
      reason: "NodeStatusUnknown",
      message: "Kubelet stopped posting node status.",
      lastHeartbeatTime: "t0",
      lastTransitionTime: now,
    });
    expect(silenced.filter((c) => c.status === "Unknown").map((c) => c.type)).toEqual(["MemoryPressure", "DiskPressure", "PIDPressure", "Ready"]);
    expect(silenced.find((c) => c.type === "NetworkUnavailable")).toEqual(posted[4]);
    expect(readyStatusOf(silenced)).toBe("Unknown");
    expect(silencedConditions(silenced, "t-1", "later")).toBeUndefined();
  });

  it("adds the conditions a node never posted, with its creation as their heartbeat", () => {
    const silenced = silencedConditions([], "2026-11-23T11:59:00Z", now)!;
    expect(silenced.map((c) => c.type)).toEqual(["Ready", "MemoryPressure", "DiskPressure", "PIDPressure"]);
    expect(silenced[0]).toEqual({
      type: "Ready",
      status: "Unknown",
      reason: "NodeStatusNeverUpdated",
      message: "Kubelet never posted node status.",
      lastHeartbeatTime: "2026-11-23T11:59:00Z",
      lastTransitionTime: now,
    });
  });

  it("reads Ready as True, False, Unknown (anything else) or absent", () => {
    expect(readyStatusOf(posted)).toBe("True");
    expect(readyStatusOf([{ type: "Ready", status: "False" }])).toBe("False");
    expect(readyStatusOf([{ type: "Ready", status: "" }])).toBe("Unknown");
    expect(readyStatusOf([])).toBeUndefined();
    expect(readyStatusOf(undefined)).toBeUndefined();
  });
});
