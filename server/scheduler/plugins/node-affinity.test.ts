import { describe, expect, it } from "vitest";
import type { NodeSelectorTerm } from "../../../src/api/core/v1/scheduling.js";
import { cacheWith, nodeInfo, podInfo } from "../testing/objects.js";
import { nodeAffinityFilter, nodeAffinityReason, nodeAffinityScore } from "./node-affinity.js";
import { termMatches } from "./node-selector-match.js";

const cluster = cacheWith([]);
const node = { name: "n1", labels: { zone: "a", cores: "8", gpu: "" } };

describe("node selector terms", () => {
  const term = (operator: string, key: string, values?: string[]): NodeSelectorTerm => ({ matchExpressions: [{ key, operator, ...(values ? { values } : {}) }] });
  it("evaluates In, NotIn, Exists, DoesNotExist, Gt and Lt against labels", () => {
    expect(termMatches(term("In", "zone", ["a", "b"]), node)).toBe(true);
    expect(termMatches(term("In", "zone", ["b"]), node)).toBe(false);
    expect(termMatches(term("NotIn", "zone", ["b"]), node)).toBe(true);
    expect(termMatches(term("NotIn", "rack", ["b"]), node)).toBe(true);
    expect(termMatches(term("Exists", "gpu"), node)).toBe(true);
    expect(termMatches(term("DoesNotExist", "gpu"), node)).toBe(false);
    expect(termMatches(term("Gt", "cores", ["4"]), node)).toBe(true);
    expect(termMatches(term("Lt", "cores", ["4"]), node)).toBe(false);
    expect(termMatches(term("Gt", "zone", ["4"]), node)).toBe(false);
    expect(termMatches(term("Bogus", "zone", ["a"]), node)).toBe(false);
  });

  it("matches metadata.name in matchFields, and an empty term matches nothing", () => {
    expect(termMatches({ matchFields: [{ key: "metadata.name", operator: "In", values: ["n1"] }] }, node)).toBe(true);
    expect(termMatches({ matchFields: [{ key: "metadata.name", operator: "NotIn", values: ["n1"] }] }, node)).toBe(false);
    expect(termMatches({}, node)).toBe(false);
  });
});

describe("NodeAffinity", () => {
  it("needs every nodeSelector label and one required term", () => {
    const pod = podInfo("p", {
      spec: {
        nodeSelector: { disk: "ssd" },
        affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: "zone", operator: "In", values: ["a"] }] }, { matchFields: [{ key: "metadata.name", operator: "In", values: ["special"] }] }] } } },
      },
    });
    const check = nodeAffinityFilter.prepare(pod, cluster)!;
    expect(check(nodeInfo("n", { labels: { disk: "ssd", zone: "a" } }))).toBeUndefined();
    expect(check(nodeInfo("special", { labels: { disk: "ssd" } }))).toBeUndefined();
    expect(check(nodeInfo("n", { labels: { disk: "ssd", zone: "b" } }))).toEqual([nodeAffinityReason]);
    expect(check(nodeInfo("n", { labels: { zone: "a" } }))).toEqual([nodeAffinityReason]);
    expect(nodeAffinityFilter.prepare(podInfo("free"), cluster)).toBeUndefined();
  });

  it("scores the weights of matching preferred terms, scaled to the best", () => {
    const pod = podInfo("p", {
      spec: {
        affinity: {
          nodeAffinity: {
            preferredDuringSchedulingIgnoredDuringExecution: [
              { weight: 10, preference: { matchExpressions: [{ key: "zone", operator: "In", values: ["a"] }] } },
              { weight: 30, preference: { matchExpressions: [{ key: "disk", operator: "Exists" }] } },
            ],
          },
        },
      },
    });
    const scorer = nodeAffinityScore.prepare(pod, cluster)!;
    const nodes = [nodeInfo("both", { labels: { zone: "a", disk: "ssd" } }), nodeInfo("disk", { labels: { disk: "hdd" } }), nodeInfo("none")];
    const scores = nodes.map((n) => scorer.score(n));
    expect(scores).toEqual([40, 30, 0]);
    scorer.normalize!(scores);
    expect(scores).toEqual([100, 75, 0]);
  });
});
