import { describe, expect, it } from "vitest";
import type { PodObject } from "../workload/pod-state.js";
import { podsToDelete } from "./active-pods-ranking.js";

const now = Date.parse("2026-11-23T12:00:00Z");
const ago = (seconds: number): string => new Date(now - seconds * 1000).toISOString();

function pod(name: string, options: { node?: string; phase?: string; readySince?: number; created?: number; restarts?: number; cost?: string } = {}): PodObject {
  return {
    metadata: {
      name,
      uid: `uid-${name}`,
      creationTimestamp: ago(options.created ?? 3600),
      ...(options.cost !== undefined ? { annotations: { "controller.kubernetes.io/pod-deletion-cost": options.cost } } : {}),
    },
    spec: { containers: [], ...(options.node ? { nodeName: options.node } : {}) } as never,
    status: {
      phase: options.phase ?? "Running",
      conditions: options.readySince !== undefined ? [{ type: "Ready", status: "True", lastTransitionTime: ago(options.readySince) }] : [],
      containerStatuses: [{ name: "main", ready: true, restartCount: options.restarts ?? 0, image: "", imageID: "" }],
    },
  };
}
const names = (pods: PodObject[]): string[] => pods.map((p) => p.metadata?.name ?? "");

describe("podsToDelete (Kubernetes' ActivePods order)", () => {
  it("takes unscheduled, then pending, then not ready pods before ready ones", () => {
    const pods = [
      pod("ready", { node: "a", readySince: 600 }),
      pod("not-ready", { node: "a" }),
      pod("pending", { node: "a", phase: "Pending" }),
      pod("unscheduled", { phase: "Pending" }),
      pod("unknown", { node: "a", phase: "Unknown" }),
    ];
    expect(names(podsToDelete(pods, pods, 4, now))).toEqual(["unscheduled", "pending", "unknown", "not-ready"]);
  });

  it("takes a cheaper pod, then a doubled-up one, then the more recently ready, then more restarts, then the newer", () => {
    const base = { node: "a", readySince: 60_000 };
    expect(names(podsToDelete([pod("dear", { ...base, cost: "10" }), pod("cheap", { ...base, cost: "-5" })], [], 1, now))).toEqual(["cheap"]);
    const crowded = [pod("alone", { node: "b", readySince: 600 }), pod("doubled", { node: "a", readySince: 600 }), pod("other", { node: "a", readySince: 600 })];
    expect(names(podsToDelete(crowded.slice(0, 2), crowded, 1, now))).toEqual(["doubled"]);
    expect(names(podsToDelete([pod("long", { ...base }), pod("short", { node: "a", readySince: 10 })], [], 1, now))).toEqual(["short"]);
    expect(names(podsToDelete([pod("steady", base), pod("flaky", { ...base, restarts: 3 })], [], 1, now))).toEqual(["flaky"]);
    expect(names(podsToDelete([pod("old", { ...base, created: 86_400 }), pod("new", { ...base, created: 60 })], [], 1, now))).toEqual(["new"]);
  });

  it("returns every pod when asked for as many", () => {
    const pods = [pod("a"), pod("b")];
    expect(podsToDelete(pods, pods, 5, now)).toHaveLength(2);
  });
});
