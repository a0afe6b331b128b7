import { describe, expect, it } from "vitest";
import { decodeObject } from "../../decode.js";
import { formatFieldError } from "../../validation/field-error.js";
import type { Node } from "./node.js";
import { validateNodeUpdate } from "./node-validation.js";

const node = (spec: Record<string, unknown>, status?: Record<string, unknown>) => ({ apiVersion: "v1", kind: "Node", metadata: { name: "pi-1" }, spec, status });
function decodeNode(spec: Record<string, unknown>, status?: Record<string, unknown>): Node {
  const result = decodeObject(node(spec, status));
  if (!result.ok) throw new Error(result.errors.map(formatFieldError).join("\n"));
  if (result.object.kind !== "Node") throw new Error(`decoded a ${result.object.kind}`);
  return result.object;
}
const problems = (spec: Record<string, unknown>, status?: Record<string, unknown>): string[] => {
  const result = decodeObject(node(spec, status));
  return result.ok ? [] : result.errors.map(formatFieldError);
};

describe("node", () => {
  it("defaults allocatable to capacity and keeps pod CIDR fields in step", () => {
    const decoded = decodeNode({ podCIDR: "10.42.1.0/24" }, { capacity: { cpu: 4, memory: "8048120Ki", pods: "110" } });
    expect(decoded.status?.allocatable).toEqual({ cpu: "4", memory: "8048120Ki", pods: "110" });
    expect(decoded.spec?.podCIDRs).toEqual(["10.42.1.0/24"]);
  });

  it("checks taints, quantities and pod CIDRs", () => {
    expect(
      problems(
        {
          podCIDRs: ["10.42.1.0/24", "10.42.2.0/24"],
          taints: [
            { key: "dedicated", value: "gpu", effect: "NoSchedule" },
            { key: "dedicated", value: "cpu", effect: "NoSchedule" },
            { key: "x", effect: "Sometimes" },
          ],
        },
        { capacity: { cpu: "-1" } },
      ),
    ).toEqual([
      'spec.taints[1]: Duplicate value: {"key":"dedicated","value":"cpu","effect":"NoSchedule"}: taints must be unique by key and effect pair',
      'spec.taints[2].effect: Unsupported value: "Sometimes": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"',
      'status.capacity.cpu: Invalid value: "-1": must be greater than or equal to 0',
      'status.allocatable.cpu: Invalid value: "-1": must be greater than or equal to 0',
      'spec.podCIDRs: Invalid value: ["10.42.1.0/24","10.42.2.0/24"]: may specify no more than one CIDR for each IP family',
    ]);
  });

  it("fixes pod CIDRs once assigned", () => {
    const assigned = decodeNode({ podCIDR: "10.42.1.0/24" });
    expect(validateNodeUpdate(assigned, decodeNode({}))).toEqual([]);
    expect(validateNodeUpdate(decodeNode({ podCIDR: "10.42.2.0/24" }), assigned).map(formatFieldError)).toEqual([
      'spec.podCIDRs: Forbidden: node updates may not change podCIDR except from "" to valid',
    ]);
  });
});
