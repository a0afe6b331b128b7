import { describe, expect, it } from "vitest";
import { decodeObject } from "../../decode.js";
import { formatFieldError } from "../../validation/field-error.js";

const problems = (spec: Record<string, unknown>): string[] => {
  const result = decodeObject({ apiVersion: "coordination.k8s.io/v1", kind: "Lease", metadata: { name: "pi-1", namespace: "kube-node-lease" }, spec });
  return result.ok ? [] : result.errors.map(formatFieldError);
};

describe("lease", () => {
  it("accepts a node heartbeat", () => {
    expect(problems({ holderIdentity: "pi-1", leaseDurationSeconds: 40, renewTime: "2024-05-01T12:00:00.123456Z" })).toEqual([]);
  });
  it("checks duration, transitions, strategy and times", () => {
    expect(problems({ leaseDurationSeconds: 0, leaseTransitions: -1, preferredHolder: "b" })).toEqual([
      "spec.leaseDurationSeconds: Invalid value: 0: must be greater than 0",
      "spec.leaseTransitions: Invalid value: -1: must be greater than or equal to 0",
      "spec.preferredHolder: Forbidden: may only be specified if `strategy` is defined",
    ]);
    expect(problems({ renewTime: "now" })).toEqual(['spec.renewTime: Invalid value: "now": must be an RFC 3339 timestamp (e.g. 2024-05-01T12:00:00Z)']);
  });
});
