import { describe, expect, it } from "vitest";
import { decideEviction, noExecuteSignature } from "./eviction-decision.js";

const unreachable = { key: "node.kubernetes.io/unreachable", effect: "NoExecute", timeAdded: "t" };
const noSchedule = { key: "node.kubernetes.io/unreachable", effect: "NoSchedule" };
const maintenance = { key: "maintenance", value: "yes", effect: "NoExecute" };

describe("decideEviction", () => {
  it("keeps pods on a node without NoExecute taints, whatever they tolerate", () => {
    expect(decideEviction([noSchedule], undefined)).toEqual({ kind: "stay" });
    expect(decideEviction([], [{ operator: "Exists", tolerationSeconds: 1 }])).toEqual({ kind: "stay" });
  });

  it("evicts at once a pod that does not tolerate every NoExecute taint", () => {
    expect(decideEviction([unreachable], undefined)).toEqual({ kind: "now" });
    const onlyUnreachable = [{ key: unreachable.key, operator: "Exists", effect: "NoExecute", tolerationSeconds: 300 }];
    expect(decideEviction([unreachable, maintenance], onlyUnreachable)).toEqual({ kind: "now" });
  });

  it("evicts after the shortest toleration, never for untimed ones, at once for zero or negative", () => {
    const timed = [
      { key: unreachable.key, operator: "Exists", effect: "NoExecute", tolerationSeconds: 300 },
      { key: "maintenance", value: "yes", effect: "NoExecute", tolerationSeconds: 2 },
    ];
    expect(decideEviction([unreachable, maintenance], timed)).toEqual({ kind: "after", seconds: 2 });
    expect(decideEviction([unreachable], [{ operator: "Exists" }])).toEqual({ kind: "stay" });
    expect(decideEviction([unreachable], [{ operator: "Exists", tolerationSeconds: 0 }])).toEqual({ kind: "now" });
    expect(decideEviction([unreachable], [{ operator: "Exists", tolerationSeconds: -3 }])).toEqual({ kind: "now" });
  });

  it("signs NoExecute taints by key and value only, in any order", () => {
    expect(noExecuteSignature([maintenance, noSchedule, unreachable])).toBe(noExecuteSignature([{ ...unreachable, timeAdded: "other" }, maintenance]));
    expect(noExecuteSignature([noSchedule])).toBe("");
  });
});
