import type { ClusterView, FilterPlugin, NodeCheck, NodeScorer, ScorePlugin } from "./framework.js";
import { fitErrorMessage, noNodesAvailableMessage } from "./fit-error.js";
import type { NodeInfo } from "./node-info.js";
import type { PodInfo } from "./pod-info.js";
import { interPodAffinityFilter, interPodAffinityScore } from "./plugins/inter-pod-affinity.js";
import { nodeAffinityFilter, nodeAffinityScore } from "./plugins/node-affinity.js";
import { nodePorts } from "./plugins/node-ports.js";
import { balancedAllocationScore, leastAllocatedScore, nodeResourcesFit } from "./plugins/node-resources.js";
import { nodeUnschedulable } from "./plugins/node-unschedulable.js";
import { podTopologySpreadFilter, podTopologySpreadScore } from "./plugins/pod-topology-spread.js";
import { taintTolerationFilter, taintTolerationScore } from "./plugins/taint-toleration.js";

/** kube-scheduler's default filters, in its order. */
export const defaultFilters: readonly FilterPlugin[] = [
  nodeUnschedulable,
  taintTolerationFilter,
  nodeAffinityFilter,
  nodePorts,
  nodeResourcesFit,
  podTopologySpreadFilter,
  interPodAffinityFilter,
];

/** kube-scheduler's default scores with their weights. */
export const defaultScores: readonly ScorePlugin[] = [
  taintTolerationScore,
  nodeAffinityScore,
  leastAllocatedScore,
  podTopologySpreadScore,
  interPodAffinityScore,
  balancedAllocationScore,
];

export type ScheduleResult =
  | { kind: "scheduled"; node: string; evaluatedNodes: number; feasibleNodes: number }
  /** `rejectedBy`: the filters that kept nodes off (what a change must touch to help). */
  | { kind: "unschedulable"; message: string; rejectedBy: ReadonlySet<string> };

export interface SchedulingAlgorithmOptions {
  filters?: readonly FilterPlugin[];
  scores?: readonly ScorePlugin[];
  /** Percentage of nodes to find feasible before scoring; 0 or absent: kube-scheduler's adaptive default. */
  percentageOfNodesToScore?: number;
  /** The tie-break among the best nodes (default Math.random). */
  random?: () => number;
}

/** kube-scheduler's minFeasibleNodesToFind and minFeasibleNodesPercentageToFind. */
const minFeasibleNodes = 100;
const minFeasiblePercentage = 5;

/**
 * How many feasible nodes to look for before scoring, as kube-scheduler's
 * numFeasibleNodesToFind: all of a cluster under 100 nodes; otherwise a
 * percentage (adaptive: 50% − nodes/125, at least 5%), at least 100.
 */
export function feasibleNodesToFind(numAllNodes: number, percentage = 0): number {
  if (numAllNodes < minFeasibleNodes || percentage >= 100) return numAllNodes;
  let adaptive = percentage;
  if (adaptive <= 0) adaptive = Math.max(minFeasiblePercentage, 50 - Math.trunc(numAllNodes / 125));
  const count = Math.trunc((numAllNodes * adaptive) / 100);
  return Math.max(count, minFeasibleNodes);
}

/**
 * The decision for one pod, as kube-scheduler's schedulePod: run the
 * filters over the nodes, starting where the last decision stopped, until
 * enough feasible ones are found; score those, weight and sum the plugins'
 * normalised scores, and take the best, ties broken at random. Pure: it
 * reads the cluster view and changes nothing but its own start index.
 */
export class SchedulingAlgorithm {
  private readonly filters: readonly FilterPlugin[];
  private readonly scores: readonly ScorePlugin[];
  private readonly random: () => number;
  private nextStartNodeIndex = 0;

  constructor(private readonly options: SchedulingAlgorithmOptions = {}) {
    this.filters = options.filters ?? defaultFilters;
    this.scores = options.scores ?? defaultScores;
    this.random = options.random ?? Math.random;
  }

  schedule(pod: PodInfo, cluster: ClusterView): ScheduleResult {
    const nodes = cluster.nodes;
    if (nodes.length === 0) return { kind: "unschedulable", message: noNodesAvailableMessage, rejectedBy: new Set() };
    const checks: Array<{ name: string; check: NodeCheck }> = [];
    for (const filter of this.filters) {
      const check = filter.prepare(pod, cluster);
      if (check) checks.push({ name: filter.name, check });
    }
    const wanted = feasibleNodesToFind(nodes.length, this.options.percentageOfNodesToScore);
    const feasible: NodeInfo[] = [];
    const reasons = new Map<string, number>();
    const rejectedBy = new Set<string>();
    const start = this.nextStartNodeIndex % nodes.length;
    let evaluated = 0;
    for (; evaluated < nodes.length && feasible.length < wanted; evaluated++) {
      const node = nodes[(start + evaluated) % nodes.length]!;
      let failed: readonly string[] | undefined;
      for (const { name, check } of checks) {
        failed = check(node);
        if (failed) {
          rejectedBy.add(name);
          break;
        }
      }
      if (!failed) feasible.push(node);
      else for (const reason of failed) reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
    }
    this.nextStartNodeIndex = (start + evaluated) % nodes.length;
    if (feasible.length === 0) return { kind: "unschedulable", message: fitErrorMessage(nodes.length, reasons), rejectedBy };
    const chosen = feasible.length === 1 ? feasible[0]! : this.best(pod, cluster, feasible);
    return { kind: "scheduled", node: chosen.name, evaluatedNodes: evaluated, feasibleNodes: feasible.length };
  }

  /** Weighted sum of the normalised scores; the best node, a tie broken at random (reservoir sampling, as selectHost). */
  private best(pod: PodInfo, cluster: ClusterView, feasible: readonly NodeInfo[]): NodeInfo {
    const totals = new Float64Array(feasible.length);
    const raw: number[] = new Array<number>(feasible.length);
    for (const plugin of this.scores) {
      const scorer: NodeScorer | undefined = plugin.prepare(pod, cluster);
      if (!scorer) continue;
      for (let i = 0; i < feasible.length; i++) raw[i] = scorer.score(feasible[i]!);
      scorer.normalize?.(raw);
      for (let i = 0; i < feasible.length; i++) totals[i] = totals[i]! + raw[i]! * plugin.weight;
    }
    let bestIndex = 0;
    let ties = 1;
    for (let i = 1; i < feasible.length; i++) {
      if (totals[i]! > totals[bestIndex]!) {
        bestIndex = i;
        ties = 1;
      } else if (totals[i] === totals[bestIndex]) {
        ties++;
        if (this.random() * ties < 1) bestIndex = i;
      }
    }
    return feasible[bestIndex]!;
  }
}
