import { describe, expect, it } from "vitest";
import { fitErrorMessage } from "./fit-error.js";

describe("fitErrorMessage", () => {
  it("writes Kubernetes' FitError: counts and reasons sorted as strings, comma-separated, a final dot", () => {
    const reasons = new Map([
      ["node(s) had untolerated taint {node.kubernetes.io/unreachable: }", 2],
      ["Insufficient memory", 1],
    ]);
    expect(fitErrorMessage(3, reasons)).toBe("0/3 nodes are available: 1 Insufficient memory, 2 node(s) had untolerated taint {node.kubernetes.io/unreachable: }.");
  });

  it("sorts the counts as text, as Go's sort.Strings does (10 before 2)", () => {
    const reasons = new Map([
      ["Insufficient cpu", 2],
      ["node(s) didn't match Pod's node affinity/selector", 10],
    ]);
    expect(fitErrorMessage(12, reasons)).toBe("0/12 nodes are available: 10 node(s) didn't match Pod's node affinity/selector, 2 Insufficient cpu.");
  });
});
