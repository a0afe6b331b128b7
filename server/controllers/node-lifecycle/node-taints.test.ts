import { describe, expect, it } from "vitest";
import { desiredTaints, type TaintInputs } from "./node-taints.js";

const now = "2026-11-23T12:00:00Z";
const normal: TaintInputs = { ready: "True", unschedulable: false, evictionsPaused: false };
const dedicated = { key: "dedicated", value: "gpu", effect: "NoSchedule" };
const unreachable = [
  { key: "node.kubernetes.io/unreachable", effect: "NoExecute", timeAdded: "earlier" },
  { key: "node.kubernetes.io/unreachable", effect: "NoSchedule" },
];

describe("desiredTaints", () => {
  it("taints an Unknown node unreachable (NoExecute stamped now) and a False one not-ready, keeping other taints", () => {
    expect(desiredTaints([dedicated], { ...normal, ready: "Unknown" }, now)).toEqual([
      dedicated,
      { key: "node.kubernetes.io/unreachable", effect: "NoExecute", timeAdded: now },
      { key: "node.kubernetes.io/unreachable", effect: "NoSchedule" },
    ]);
    expect(desiredTaints([], { ...normal, ready: "False" }, now)).toEqual([
      { key: "node.kubernetes.io/not-ready", effect: "NoExecute", timeAdded: now },
      { key: "node.kubernetes.io/not-ready", effect: "NoSchedule" },
    ]);
  });

  it("changes nothing when the taints are right (timeAdded kept), and swaps unreachable for not-ready", () => {
    expect(desiredTaints(unreachable, { ...normal, ready: "Unknown" }, now)).toBeUndefined();
    expect(desiredTaints(unreachable, { ...normal, ready: "False" }, now)).toEqual([
      { key: "node.kubernetes.io/not-ready", effect: "NoExecute", timeAdded: now },
      { key: "node.kubernetes.io/not-ready", effect: "NoSchedule" },
    ]);
  });

  it("removes the readiness taints once the node is Ready, and leaves them alone before it has reported", () => {
    expect(desiredTaints([...unreachable, dedicated], normal, now)).toEqual([dedicated]);
    expect(desiredTaints([dedicated], normal, now)).toBeUndefined();
    expect(desiredTaints(unreachable, { ...normal, ready: undefined }, now)).toBeUndefined();
    expect(desiredTaints([], { ...normal, ready: undefined }, now)).toBeUndefined();
  });

  it("holds NoExecute back while no node is Ready, and taints a cordoned node unschedulable", () => {
    expect(desiredTaints(unreachable, { ...normal, ready: "Unknown", evictionsPaused: true }, now)).toEqual([unreachable[1]]);
    expect(desiredTaints([], { ...normal, unschedulable: true }, now)).toEqual([{ key: "node.kubernetes.io/unschedulable", effect: "NoSchedule" }]);
    expect(desiredTaints([{ key: "node.kubernetes.io/unschedulable", effect: "NoSchedule" }], normal, now)).toEqual([]);
  });
});
