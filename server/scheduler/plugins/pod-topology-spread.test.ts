import { describe, expect, it } from "vitest";
import type { TopologySpreadConstraint } from "../../../src/api/core/v1/scheduling.js";
import { cacheWith, podInfo } from "../testing/objects.js";
import { podTopologySpreadFilter, podTopologySpreadScore, spreadMissingLabelReason, spreadReason } from "./pod-topology-spread.js";

const nodes: Array<[string, { labels: Record<string, string> }]> = [
  ["a1", { labels: { zone: "a" } }],
  ["a2", { labels: { zone: "a" } }],
  ["b1", { labels: { zone: "b" } }],
  ["nozone", { labels: {} }],
];
const web = (name: string, nodeName?: string) => podInfo(name, { labels: { app: "web" }, ...(nodeName ? { nodeName } : {}) });
const constraint = (whenUnsatisfiable: string, extra: Partial<TopologySpreadConstraint> = {}): TopologySpreadConstraint => ({
  maxSkew: 1,
  topologyKey: "zone",
  whenUnsatisfiable,
  labelSelector: { matchLabels: { app: "web" } },
  ...extra,
});

describe("PodTopologySpread filter", () => {
  it("keeps the skew between zones within maxSkew, and refuses nodes without the key", () => {
    const cache = cacheWith(nodes, [web("w1", "a1"), web("w2", "a2")]);
    const pod = podInfo("w3", { labels: { app: "web" }, spec: { topologySpreadConstraints: [constraint("DoNotSchedule")] } });
    const check = podTopologySpreadFilter.prepare(pod, cache)!;
    expect(check(cache.node("a1")!)).toEqual([spreadReason]);
    expect(check(cache.node("b1")!)).toBeUndefined();
    expect(check(cache.node("nozone")!)).toEqual([spreadMissingLabelReason]);
  });

  it("counts zones outside the pod's required node affinity out, as nodeAffinityPolicy Honor does", () => {
    const cache = cacheWith(nodes, [web("w1", "a1")]);
    const pod = podInfo("w2", { labels: { app: "web" }, spec: { nodeSelector: { zone: "a" }, topologySpreadConstraints: [constraint("DoNotSchedule")] } });
    // Zone b is not eligible, so the minimum is zone a's own count: no skew.
    expect(podTopologySpreadFilter.prepare(pod, cache)!(cache.node("a2")!)).toBeUndefined();
  });

  it("with minDomains above the zones there are, counts the global minimum as 0", () => {
    const cache = cacheWith(nodes, [web("w1", "a1"), web("w2", "b1")]);
    const pod = podInfo("w3", { labels: { app: "web" }, spec: { topologySpreadConstraints: [constraint("DoNotSchedule", { minDomains: 3 })] } });
    expect(podTopologySpreadFilter.prepare(pod, cache)!(cache.node("a2")!)).toEqual([spreadReason]);
  });

  it("has nothing to check for ScheduleAnyway only", () => {
    expect(podTopologySpreadFilter.prepare(podInfo("p", { spec: { topologySpreadConstraints: [constraint("ScheduleAnyway")] } }), cacheWith(nodes))).toBeUndefined();
  });
});

describe("PodTopologySpread score", () => {
  it("prefers zones with fewer matching pods (ScheduleAnyway), nodes without the key score 0", () => {
    const cache = cacheWith(nodes, [web("w1", "a1"), web("w2", "a2")]);
    const scorer = podTopologySpreadScore.prepare(podInfo("w3", { labels: { app: "web" }, spec: { topologySpreadConstraints: [constraint("ScheduleAnyway")] } }), cache)!;
    const scores = cache.nodes.map((node) => scorer.score(node));
    scorer.normalize!(scores);
    expect(scores[2]).toBe(100);
    expect(scores[0]).toBeLessThan(scores[2]!);
    expect(scores[3]).toBe(0);
  });

  it("without constraints, spreads the pods of one controller across nodes", () => {
    const mine = (name: string, nodeName: string) => podInfo(name, { owner: "rs", nodeName });
    const cache = cacheWith(nodes, [mine("r1", "a1"), mine("r2", "a1"), mine("r3", "a2"), podInfo("other", { owner: "else", nodeName: "b1" })]);
    const scorer = podTopologySpreadScore.prepare(podInfo("r4", { owner: "rs" }), cache)!;
    const scores = cache.nodes.map((node) => scorer.score(node));
    expect(scores).toEqual([2, 1, 0, 0]);
    scorer.normalize!(scores);
    expect(scores).toEqual([0, 50, 100, 100]);
    expect(podTopologySpreadScore.prepare(podInfo("orphan"), cache)).toBeUndefined();
  });
});
