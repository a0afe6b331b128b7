import type { ClusterView, FilterPlugin, ScorePlugin } from "../framework.js";
import { maxNodeScore } from "../framework.js";
import type { NodeInfo } from "../node-info.js";
import { termMatches, type AffinityTerm, type PodInfo } from "../pod-info.js";

export const affinityReason = "node(s) didn't match pod affinity rules";
export const antiAffinityReason = "node(s) didn't match pod anti-affinity rules";
export const existingAntiAffinityReason = "node(s) didn't satisfy existing pods anti-affinity rules";

/** Counts (or weights) per topology domain: topologyKey → label value → amount. */
class TopologyTally {
  private readonly byKey = new Map<string, Map<string, number>>();

  add(key: string, value: string, amount: number): void {
    const values = this.byKey.get(key) ?? new Map<string, number>();
    values.set(value, (values.get(value) ?? 0) + amount);
    this.byKey.set(key, values);
  }

  /** The amount in the node's own domain of `key` (0 when the node lacks the label). */
  at(key: string, node: NodeInfo): number {
    const value = node.labels[key];
    return value === undefined ? 0 : (this.byKey.get(key)?.get(value) ?? 0);
  }

  /** Sum over every key of the amount in the node's domains. */
  sumAt(node: NodeInfo): number {
    let sum = 0;
    for (const [key, values] of this.byKey) {
      const value = node.labels[key];
      if (value !== undefined) sum += values.get(value) ?? 0;
    }
    return sum;
  }

  get size(): number {
    return this.byKey.size;
  }
}

/** Calls `visit` for every pod bound or assumed on a node that has a Node object. */
function forEachPlacedPod(cluster: ClusterView, visit: (pod: PodInfo, node: NodeInfo) => void): void {
  for (const node of cluster.nodes) for (const pod of node.pods.values()) visit(pod, node);
}

function placedNode(cluster: ClusterView, pod: PodInfo, nodes: Map<string, NodeInfo>): NodeInfo | undefined {
  if (nodes.size === 0) for (const node of cluster.nodes) nodes.set(node.name, node);
  return nodes.get(pod.nodeName);
}

/**
 * InterPodAffinity's filter, in Kubernetes' order: the pod's required
 * affinity (a domain of each term holds a matching pod — or no pod matches
 * anywhere and the pod matches its own terms, the first of a group), its
 * required anti-affinity (no matching pod in the node's domain), then the
 * anti-affinity of the pods already placed (none of them forbids this pod
 * the node's domain).
 */
export const interPodAffinityFilter: FilterPlugin = {
  name: "InterPodAffinity",
  prepare(pod, cluster) {
    const { requiredAffinity, requiredAntiAffinity } = pod;
    const labelsOf = (namespace: string) => cluster.namespaceLabels(namespace);
    // Domains the existing pods' required anti-affinity closes to this pod.
    const forbidden = new TopologyTally();
    const nodesByName = new Map<string, NodeInfo>();
    for (const existing of cluster.podsWithAffinity) {
      for (const term of existing.requiredAntiAffinity) {
        if (!termMatches(term, pod, labelsOf)) continue;
        const node = placedNode(cluster, existing, nodesByName);
        const value = node?.labels[term.topologyKey];
        if (value !== undefined) forbidden.add(term.topologyKey, value, 1);
      }
    }
    if (requiredAffinity.length === 0 && requiredAntiAffinity.length === 0 && forbidden.size === 0) return undefined;

    const affinityCounts = requiredAffinity.map(() => new TopologyTally());
    const antiCounts = requiredAntiAffinity.map(() => new TopologyTally());
    let anyAffinityMatch = false;
    if (requiredAffinity.length > 0 || requiredAntiAffinity.length > 0) {
      forEachPlacedPod(cluster, (existing, node) => {
        requiredAffinity.forEach((term, i) => {
          // As Kubernetes counts: only pods on nodes that have the term's topology key.
          const value = node.labels[term.topologyKey];
          if (value === undefined || !termMatches(term, existing, labelsOf)) return;
          anyAffinityMatch = true;
          affinityCounts[i]!.add(term.topologyKey, value, 1);
        });
        requiredAntiAffinity.forEach((term, i) => {
          const value = node.labels[term.topologyKey];
          if (value !== undefined && termMatches(term, existing, labelsOf)) antiCounts[i]!.add(term.topologyKey, value, 1);
        });
      });
    }
    // The first pod of a group that wants to be with its own kind may go anywhere its terms' keys exist.
    const selfMatch = !anyAffinityMatch && requiredAffinity.every((term) => termMatches(term, pod, labelsOf));
    const affinityOk = (node: NodeInfo): boolean =>
      requiredAffinity.every((term, i) => {
        if (node.labels[term.topologyKey] === undefined) return false;
        return selfMatch || affinityCounts[i]!.at(term.topologyKey, node) > 0;
      });
    return (node) => {
      if (!affinityOk(node)) return [affinityReason];
      if (requiredAntiAffinity.some((term, i) => antiCounts[i]!.at(term.topologyKey, node) > 0)) return [antiAffinityReason];
      if (forbidden.size > 0 && forbidden.sumAt(node) > 0) return [existingAntiAffinityReason];
      return undefined;
    };
  },
};

/** Kubernetes' hardPodAffinityWeight: an existing pod's required affinity counts this much towards its domain. */
const hardPodAffinityWeight = 1;

/**
 * InterPodAffinity's score: the weights of the pod's preferred (anti-)
 * affinity terms matched by pods in a node's domains, plus, symmetrically,
 * the terms of placed pods that match this pod; min–max scaled (weight 2).
 */
export const interPodAffinityScore: ScorePlugin = {
  name: "InterPodAffinity",
  weight: 2,
  prepare(pod, cluster) {
    const labelsOf = (namespace: string) => cluster.namespaceLabels(namespace);
    const tally = new TopologyTally();
    const weigh = (term: AffinityTerm, target: PodInfo, node: NodeInfo, sign: number, weight = term.weight): void => {
      const value = node.labels[term.topologyKey];
      if (value !== undefined && termMatches(term, target, labelsOf)) tally.add(term.topologyKey, value, sign * weight);
    };
    const nodesByName = new Map<string, NodeInfo>();
    for (const existing of cluster.podsWithAffinity) {
      const node = placedNode(cluster, existing, nodesByName);
      if (!node) continue;
      for (const term of existing.preferredAffinity) weigh(term, pod, node, 1);
      for (const term of existing.requiredAffinity) weigh(term, pod, node, 1, hardPodAffinityWeight);
      for (const term of existing.preferredAntiAffinity) weigh(term, pod, node, -1);
    }
    if (pod.preferredAffinity.length > 0 || pod.preferredAntiAffinity.length > 0) {
      forEachPlacedPod(cluster, (existing, node) => {
        for (const term of pod.preferredAffinity) weigh(term, existing, node, 1);
        for (const term of pod.preferredAntiAffinity) weigh(term, existing, node, -1);
      });
    }
    if (tally.size === 0) return undefined;
    return {
      score: (node) => tally.sumAt(node),
      normalize(scores) {
        const max = Math.max(...scores);
        const min = Math.min(...scores);
        for (let i = 0; i < scores.length; i++) scores[i] = max > min ? Math.trunc((maxNodeScore * (scores[i]! - min)) / (max - min)) : 0;
      },
    };
  },
};
