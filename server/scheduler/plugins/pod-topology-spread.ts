import type { TopologySpreadConstraint } from "../../../src/api/core/v1/scheduling.js";
import { selectorFromLabelSelector, Selector, newRequirement, type Requirement } from "../../../src/api/labels/index.js";
import type { ClusterView, FilterPlugin, ScorePlugin } from "../framework.js";
import { maxNodeScore } from "../framework.js";
import type { NodeInfo } from "../node-info.js";
import type { PodInfo } from "../pod-info.js";
import { requiredNodeAffinity } from "./node-affinity.js";
import { toleratedBy } from "./tolerations.js";

export const spreadReason = "node(s) didn't match pod topology spread constraints";
export const spreadMissingLabelReason = "node(s) didn't match pod topology spread constraints (missing required label)";

/** A constraint counted over the cluster: matching pods per value of its topology key, on the nodes it considers. */
interface CountedConstraint {
  key: string;
  maxSkew: number;
  counts: Map<string, number>;
  /** The fewest matching pods in any domain (0 when fewer domains exist than minDomains). */
  minMatch: number;
  selfMatch: number;
}

/** The constraint's selector, with matchLabelKeys turned into `key=value` of the pod's own labels. */
function selectorOf(constraint: TopologySpreadConstraint, pod: PodInfo): Selector {
  const parsed = selectorFromLabelSelector(constraint.labelSelector);
  // No labelSelector selects no pod, as in Kubernetes, whatever matchLabelKeys add.
  if (!parsed.ok || !constraint.labelSelector) return Selector.nothing();
  const extra: Requirement[] = [];
  for (const key of constraint.matchLabelKeys ?? []) {
    const value = pod.labels[key];
    if (value === undefined) continue;
    const requirement = newRequirement(key, "in", [value]);
    if (requirement.ok) extra.push(requirement.value);
  }
  return extra.length === 0 ? parsed.value : Selector.of([...parsed.value.requirements(), ...extra]);
}

/** Counts matching pods per domain over the nodes the constraint's node policies let in. */
function countConstraint(constraint: TopologySpreadConstraint, pod: PodInfo, cluster: ClusterView): CountedConstraint {
  const selector = selectorOf(constraint, pod);
  const affinity = (constraint.nodeAffinityPolicy ?? "Honor") === "Honor" ? requiredNodeAffinity(pod) : undefined;
  const honorTaints = constraint.nodeTaintsPolicy === "Honor";
  const key = constraint.topologyKey;
  const counts = new Map<string, number>();
  for (const node of cluster.nodes) {
    const value = node.labels[key];
    if (value === undefined) continue;
    if (affinity && !affinity(node)) continue;
    if (honorTaints && node.taints.some((taint) => (taint.effect === "NoSchedule" || taint.effect === "NoExecute") && !toleratedBy(pod.tolerations, taint))) continue;
    let matching = 0;
    for (const other of node.pods.values()) if (other.namespace === pod.namespace && selector.matches(other.labels)) matching++;
    counts.set(value, (counts.get(value) ?? 0) + matching);
  }
  let minMatch = counts.size === 0 ? 0 : Infinity;
  for (const count of counts.values()) minMatch = Math.min(minMatch, count);
  if (constraint.minDomains !== undefined && counts.size < constraint.minDomains) minMatch = 0;
  return { key, maxSkew: constraint.maxSkew, counts, minMatch, selfMatch: selector.matches(pod.labels) ? 1 : 0 };
}

/** PodTopologySpread's filter: a DoNotSchedule constraint's skew stays within maxSkew with the pod on the node. */
export const podTopologySpreadFilter: FilterPlugin = {
  name: "PodTopologySpread",
  prepare(pod, cluster) {
    const hard = pod.topologySpreadConstraints.filter((constraint) => constraint.whenUnsatisfiable === "DoNotSchedule");
    if (hard.length === 0) return undefined;
    const counted = hard.map((constraint) => countConstraint(constraint, pod, cluster));
    return (node) => {
      for (const constraint of counted) {
        const value = node.labels[constraint.key];
        if (value === undefined) return [spreadMissingLabelReason];
        const skew = (constraint.counts.get(value) ?? 0) + constraint.selfMatch - constraint.minMatch;
        if (skew > constraint.maxSkew) return [spreadReason];
      }
      return undefined;
    };
  },
};

/** kube-scheduler's normalisation: fewer matching pods is better; nodes lacking a key score 0 (marked by NaN). */
function normalizeSpread(scores: number[]): void {
  let max = 0;
  let min = Infinity;
  for (const score of scores) {
    if (Number.isNaN(score)) continue;
    max = Math.max(max, score);
    min = Math.min(min, score);
  }
  for (let i = 0; i < scores.length; i++) {
    const score = scores[i]!;
    if (Number.isNaN(score)) scores[i] = 0;
    else scores[i] = max === 0 ? maxNodeScore : Math.trunc((maxNodeScore * (max + min - score)) / max);
  }
}

/**
 * PodTopologySpread's score (weight 2): for ScheduleAnyway constraints,
 * the matching pods in the node's domains, each constraint weighted by
 * log(domains + 2) as Kubernetes does. A pod with no constraints at all is
 * spread as Kubernetes' system default does for pods of one workload: by
 * the pods of its controller owner already on each node.
 */
export const podTopologySpreadScore: ScorePlugin = {
  name: "PodTopologySpread",
  weight: 2,
  prepare(pod, cluster) {
    const constraints = pod.topologySpreadConstraints;
    if (constraints.length === 0) {
      if (pod.ownerUid === undefined) return undefined;
      const placement = cluster.podsOfOwner(pod.ownerUid);
      return { score: (node) => placement?.get(node) ?? 0, normalize: normalizeSpread };
    }
    const soft = constraints.filter((constraint) => constraint.whenUnsatisfiable === "ScheduleAnyway");
    if (soft.length === 0) return undefined;
    const counted = soft.map((constraint) => ({ ...countConstraint(constraint, pod, cluster), weight: 0 }));
    for (const constraint of counted) constraint.weight = Math.log(constraint.counts.size + 2);
    return {
      score(node: NodeInfo) {
        let score = 0;
        for (const constraint of counted) {
          const value = node.labels[constraint.key];
          if (value === undefined) return NaN;
          score += (constraint.counts.get(value) ?? 0) * constraint.weight + (constraint.maxSkew - 1);
        }
        return Math.round(score);
      },
      normalize: normalizeSpread,
    };
  },
};
