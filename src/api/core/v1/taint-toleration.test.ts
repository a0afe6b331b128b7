import { describe, expect, it } from "vitest";
import { matchingTolerations, minTolerationSeconds, toleratesTaint } from "./taint-toleration.js";

const unreachable = { key: "node.kubernetes.io/unreachable", effect: "NoExecute" };
const dedicated = { key: "dedicated", value: "gpu", effect: "NoSchedule" };

describe("toleratesTaint", () => {
  it("matches key, value and effect as Kubernetes does", () => {
    expect(toleratesTaint({ key: "dedicated", operator: "Equal", value: "gpu", effect: "NoSchedule" }, dedicated)).toBe(true);
    expect(toleratesTaint({ key: "dedicated", value: "gpu" }, dedicated)).toBe(true);
    expect(toleratesTaint({ key: "dedicated", value: "cpu" }, dedicated)).toBe(false);
    expect(toleratesTaint({ key: "dedicated", operator: "Exists" }, dedicated)).toBe(true);
    expect(toleratesTaint({ key: "dedicated", operator: "Exists", effect: "NoExecute" }, dedicated)).toBe(false);
    expect(toleratesTaint({ key: "other", operator: "Exists" }, dedicated)).toBe(false);
  });

  it("lets an empty key with Exists tolerate every taint, and refuses unknown operators", () => {
    expect(toleratesTaint({ operator: "Exists" }, unreachable)).toBe(true);
    expect(toleratesTaint({ operator: "Exists", effect: "NoExecute" }, dedicated)).toBe(false);
    expect(toleratesTaint({ key: "dedicated", operator: "Gt", value: "gpu" }, dedicated)).toBe(false);
  });
});

describe("matchingTolerations and minTolerationSeconds", () => {
  it("finds a toleration per taint, or none when one taint is not tolerated", () => {
    const forTwo = [{ key: unreachable.key, operator: "Exists", tolerationSeconds: 30 }, { operator: "Exists", effect: "NoSchedule" }];
    expect(matchingTolerations([unreachable, dedicated], forTwo)).toEqual(forTwo);
    expect(matchingTolerations([unreachable, dedicated], forTwo.slice(0, 1))).toBeUndefined();
    expect(matchingTolerations([], [])).toEqual([]);
  });

  it("takes the shortest timed toleration; untimed ones are forever; negative is at once", () => {
    expect(minTolerationSeconds([{ tolerationSeconds: 300 }, { tolerationSeconds: 2 }, {}])).toBe(2);
    expect(minTolerationSeconds([{}, { operator: "Exists" }])).toBeUndefined();
    expect(minTolerationSeconds([{ tolerationSeconds: -5 }])).toBe(0);
    expect(minTolerationSeconds([])).toBe(0);
  });
});
