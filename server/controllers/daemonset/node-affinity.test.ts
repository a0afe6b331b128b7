import { describe, expect, it } from "vitest";
import { nodeFitsRequiredAffinity, pinToNode, targetNodeName } from "./node-affinity.js";

const node = { name: "pi-1", labels: { disk: "ssd", cores: "4" } };
const required = (terms: unknown[]) => ({ nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms as never } } });

describe("nodeFitsRequiredAffinity", () => {
  it("needs every nodeSelector label and any one required term", () => {
    expect(nodeFitsRequiredAffinity({ disk: "ssd" }, undefined, node)).toBe(true);
    expect(nodeFitsRequiredAffinity({ disk: "hdd" }, undefined, node)).toBe(false);
    const terms = required([{ matchExpressions: [{ key: "disk", operator: "In", values: ["hdd"] }] }, { matchExpressions: [{ key: "cores", operator: "Gt", values: ["2"] }] }]);
    expect(nodeFitsRequiredAffinity(undefined, terms, node)).toBe(true);
    expect(nodeFitsRequiredAffinity({ disk: "hdd" }, terms, node)).toBe(false);
  });
  it("reads NotIn, Exists, DoesNotExist, Lt and matchFields on metadata.name; an empty term matches nothing", () => {
    const fits = (term: unknown): boolean => nodeFitsRequiredAffinity(undefined, required([term]), node);
    expect(fits({ matchExpressions: [{ key: "disk", operator: "NotIn", values: ["hdd"] }] })).toBe(true);
    expect(fits({ matchExpressions: [{ key: "gpu", operator: "Exists" }] })).toBe(false);
    expect(fits({ matchExpressions: [{ key: "gpu", operator: "DoesNotExist" }] })).toBe(true);
    expect(fits({ matchExpressions: [{ key: "cores", operator: "Lt", values: ["4"] }] })).toBe(false);
    expect(fits({ matchFields: [{ key: "metadata.name", operator: "In", values: ["pi-1"] }] })).toBe(true);
    expect(fits({ matchFields: [{ key: "metadata.name", operator: "In", values: ["pi-2"] }] })).toBe(false);
    expect(fits({})).toBe(false);
  });
});

describe("pinToNode and targetNodeName", () => {
  it("pins a pod with no affinity to one node, and finds that node again", () => {
    const affinity = pinToNode(undefined, "pi-7");
    expect(affinity).toEqual(required([{ matchFields: [{ key: "metadata.name", operator: "In", values: ["pi-7"] }] }]));
    expect(targetNodeName({ affinity })).toBe("pi-7");
    expect(targetNodeName({ nodeName: "pi-8", affinity })).toBe("pi-8");
    expect(targetNodeName({})).toBeUndefined();
  });
  it("keeps each term's label expressions and replaces its fields, leaving the template's affinity untouched", () => {
    const own = required([{ matchExpressions: [{ key: "disk", operator: "In", values: ["ssd"] }], matchFields: [{ key: "metadata.name", operator: "NotIn", values: ["x"] }] }]);
    const pinned = pinToNode(own, "pi-1");
    expect(pinned.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms).toEqual([
      { matchExpressions: [{ key: "disk", operator: "In", values: ["ssd"] }], matchFields: [{ key: "metadata.name", operator: "In", values: ["pi-1"] }] },
    ]);
    expect(own.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0]).toHaveProperty("matchFields.0.operator", "NotIn");
    expect(nodeFitsRequiredAffinity(undefined, pinned, node)).toBe(true);
  });
});
