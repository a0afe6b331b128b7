import { describe, expect, it } from "vitest";
import type { PodAffinityTerm } from "../../../src/api/core/v1/scheduling.js";
import { cacheWith, podInfo } from "../testing/objects.js";
import { affinityReason, antiAffinityReason, existingAntiAffinityReason, interPodAffinityFilter, interPodAffinityScore } from "./inter-pod-affinity.js";

const zones: Array<[string, { labels: Record<string, string> }]> = [
  ["a1", { labels: { zone: "a" } }],
  ["a2", { labels: { zone: "a" } }],
  ["b1", { labels: { zone: "b" } }],
  ["nozone", { labels: {} }],
];
const term = (app: string, topologyKey: string): PodAffinityTerm => ({ labelSelector: { matchLabels: { app } }, topologyKey });
const verdicts = (check: ReturnType<typeof interPodAffinityFilter.prepare>, cache: ReturnType<typeof cacheWith>) =>
  Object.fromEntries(cache.nodes.map((node) => [node.name, check ? (check(node)?.[0] ?? "fits") : "fits"]));

describe("InterPodAffinity filter", () => {
  it("required affinity: only nodes in a zone that holds a matching pod", () => {
    const cache = cacheWith(zones, [podInfo("db", { labels: { app: "db" }, nodeName: "a1" })]);
    const pod = podInfo("web", { spec: { affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term("db", "zone")] } } } });
    expect(verdicts(interPodAffinityFilter.prepare(pod, cache), cache)).toEqual({ a1: "fits", a2: "fits", b1: affinityReason, nozone: affinityReason });
  });

  it("required affinity to its own kind: the first pod may go wherever the key exists", () => {
    const cache = cacheWith(zones);
    const pod = podInfo("web", { labels: { app: "web" }, spec: { affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term("web", "zone")] } } } });
    expect(verdicts(interPodAffinityFilter.prepare(pod, cache), cache)).toEqual({ a1: "fits", a2: "fits", b1: "fits", nozone: affinityReason });
  });

  it("required anti-affinity by hostname: not beside a matching pod", () => {
    const cache = cacheWith(zones, [podInfo("web-1", { labels: { app: "web" }, nodeName: "a1" })]);
    const pod = podInfo("web-2", { labels: { app: "web" }, spec: { affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term("web", "kubernetes.io/hostname")] } } } });
    expect(verdicts(interPodAffinityFilter.prepare(pod, cache), cache)).toEqual({ a1: antiAffinityReason, a2: "fits", b1: "fits", nozone: "fits" });
  });

  it("the anti-affinity of pods already placed keeps matching pods out of their zone", () => {
    const loner = podInfo("loner", { nodeName: "b1", spec: { affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term("noisy", "zone")] } } } });
    const cache = cacheWith(zones, [loner]);
    const noisy = podInfo("noisy", { labels: { app: "noisy" } });
    expect(verdicts(interPodAffinityFilter.prepare(noisy, cache), cache)).toEqual({ a1: "fits", a2: "fits", b1: existingAntiAffinityReason, nozone: "fits" });
    expect(interPodAffinityFilter.prepare(podInfo("quiet", { labels: { app: "quiet" } }), cache)).toBeUndefined();
  });

  it("counts only pods of the term's namespaces", () => {
    const cache = cacheWith(zones, [podInfo("web-1", { namespace: "other", labels: { app: "web" }, nodeName: "a1" })]);
    const pod = podInfo("web-2", { labels: { app: "web" }, spec: { affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term("web", "zone")] } } } });
    expect(interPodAffinityFilter.prepare(pod, cache)!(cache.node("a2")!)).toBeUndefined();
  });
});

describe("InterPodAffinity score", () => {
  it("weighs preferred affinity up and preferred anti-affinity down in the matching pods' domains, min-max scaled", () => {
    const cache = cacheWith(zones, [podInfo("cache", { labels: { app: "cache" }, nodeName: "a1" }), podInfo("batch", { labels: { app: "batch" }, nodeName: "b1" })]);
    const pod = podInfo("web", {
      spec: {
        affinity: {
          podAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 50, podAffinityTerm: term("cache", "zone") }] },
          podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 20, podAffinityTerm: term("batch", "zone") }] },
        },
      },
    });
    const scorer = interPodAffinityScore.prepare(pod, cache)!;
    const scores = cache.nodes.map((node) => scorer.score(node));
    expect(scores).toEqual([50, 50, -20, 0]);
    scorer.normalize!(scores);
    expect(scores).toEqual([100, 100, 0, 28]);
  });

  it("says nothing for a pod with no terms in a cluster without any", () => {
    expect(interPodAffinityScore.prepare(podInfo("p"), cacheWith(zones))).toBeUndefined();
  });
});
