import { describe, expect, it } from "vitest";
import { podsByNode } from "./daemon-pods.js";
import { planRollingUpdate, rollingLimits, type RollingInput, scaledUp } from "./rolling-update.js";
import { daemonPod } from "./testing/daemon-pod.js";

const names = (pods: Array<{ metadata?: { name?: string } }>): string[] => pods.map((pod) => pod.metadata?.name ?? "").sort();
function input(pods: ReturnType<typeof daemonPod>[], extra: Partial<RollingInput> = {}): RollingInput {
  return { byNode: podsByNode(pods), hash: "new", maxSurge: 0, maxUnavailable: 1, desired: pods.length, minReadySeconds: 0, nowMs: Date.parse("2026-11-23T12:00:00Z"), shouldRun: () => true, ...extra };
}

describe("rolling limits", () => {
  it("scales percentages up and never leaves both limits at 0", () => {
    expect(scaledUp("25%", 10)).toBe(3);
    expect(scaledUp(2, 10)).toBe(2);
    expect(rollingLimits({ maxUnavailable: 0, maxSurge: 0 }, 5)).toEqual({ maxSurge: 0, maxUnavailable: 1 });
    expect(rollingLimits({ maxUnavailable: "50%", maxSurge: 0 }, 3)).toEqual({ maxSurge: 0, maxUnavailable: 2 });
  });
});

describe("planRollingUpdate without surge", () => {
  it("deletes as many available old pods as maxUnavailable allows", () => {
    const pods = ["a", "b", "c"].map((n) => daemonPod(`old-${n}`, n, "old", { ready: true }));
    expect(planRollingUpdate(input(pods)).podsToDelete).toHaveLength(1);
    expect(planRollingUpdate(input(pods, { maxUnavailable: 2 })).podsToDelete).toHaveLength(2);
  });
  it("counts a new pod not yet available, and a node without a pod, against maxUnavailable", () => {
    const pods = [daemonPod("new-a", "a", "new"), daemonPod("old-b", "b", "old", { ready: true }), daemonPod("old-c", "c", "old", { ready: true })];
    expect(planRollingUpdate(input(pods)).podsToDelete).toEqual([]);
    const emptyNode = new Map([...podsByNode(pods.slice(1)), ["a", []]]);
    expect(planRollingUpdate(input(pods, { byNode: emptyNode })).podsToDelete).toEqual([]);
    const readyNew = [daemonPod("new-a", "a", "new", { ready: true }), ...pods.slice(1)];
    expect(planRollingUpdate(input(readyNew)).podsToDelete).toHaveLength(1);
  });
  it("replaces old pods that are not available at once, whatever the budget", () => {
    const pods = [daemonPod("new-a", "a", "new"), daemonPod("sick-b", "b", "old"), daemonPod("sick-c", "c", "old")];
    expect(names(planRollingUpdate(input(pods)).podsToDelete)).toEqual(["sick-b", "sick-c"]);
  });
  it("honours minReadySeconds before a new pod counts as available", () => {
    const pods = [daemonPod("new-a", "a", "new", { ready: true, readySince: "2026-11-23T11:59:55Z" }), daemonPod("old-b", "b", "old", { ready: true })];
    expect(planRollingUpdate(input(pods, { minReadySeconds: 10 })).podsToDelete).toEqual([]);
    expect(planRollingUpdate(input(pods, { minReadySeconds: 3 })).podsToDelete).toHaveLength(1);
  });
});

describe("planRollingUpdate with surge", () => {
  it("starts new pods beside up to maxSurge available old ones, and deletes an old pod once its new one is available", () => {
    const pods = ["a", "b", "c"].map((n) => daemonPod(`old-${n}`, n, "old", { ready: true }));
    expect(planRollingUpdate(input(pods, { maxSurge: 2, maxUnavailable: 0 }))).toEqual({ podsToDelete: [], nodesToCreate: ["a", "b"] });
    const surged = [...pods, daemonPod("new-a", "a", "new", { ready: true }), daemonPod("new-b", "b", "new")];
    const step = planRollingUpdate(input(surged, { maxSurge: 2, maxUnavailable: 0, desired: 3 }));
    expect(names(step.podsToDelete)).toEqual(["old-a"]);
    // new-b still counts against the surge; one slot is left for c.
    expect(step.nodesToCreate).toEqual(["c"]);
  });
  it("replaces an unavailable old pod at once", () => {
    const pods = [daemonPod("sick-a", "a", "old")];
    expect(planRollingUpdate(input(pods, { maxSurge: 1, maxUnavailable: 0 })).nodesToCreate).toEqual(["a"]);
  });
});
