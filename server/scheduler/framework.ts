import type { NodeInfo } from "./node-info.js";
import type { PodInfo } from "./pod-info.js";

/** What plugins may read of the cluster while deciding for one pod. */
export interface ClusterView {
  /** Every node that has a Node object, in the cache's order. */
  readonly nodes: readonly NodeInfo[];
  /** Pods bound or assumed anywhere that carry any pod (anti-)affinity term. */
  readonly podsWithAffinity: ReadonlySet<PodInfo>;
  /** How many pods of one controller (by owner uid) each node holds; undefined when none is placed. */
  podsOfOwner(ownerUid: string): ReadonlyMap<NodeInfo, number> | undefined;
  /** A namespace's labels (for namespaceSelector); undefined when it is not known. */
  namespaceLabels(namespace: string): Readonly<Record<string, string>> | undefined;
}

/** Why a node cannot take the pod, in Kubernetes' words; undefined when it can. */
export type NodeCheck = (node: NodeInfo) => readonly string[] | undefined;

/**
 * A filter: `prepare` looks at the pod (and the cluster) once per decision
 * and returns the check for each node, or undefined when the pod asks
 * nothing this plugin checks.
 */
export interface FilterPlugin {
  readonly name: string;
  prepare(pod: PodInfo, cluster: ClusterView): NodeCheck | undefined;
}

/** Scores of feasible nodes: `score` per node, then `normalize` brings the raw scores to 0..100 in place. */
export interface NodeScorer {
  score(node: NodeInfo): number;
  normalize?(scores: number[]): void;
}

/** A score plugin with its weight (kube-scheduler's defaults); undefined from `prepare`: it has nothing to say. */
export interface ScorePlugin {
  readonly name: string;
  readonly weight: number;
  prepare(pod: PodInfo, cluster: ClusterView): NodeScorer | undefined;
}

export const maxNodeScore = 100;

/**
 * kube-scheduler's DefaultNormalizeScore: scales to 0..100 by the highest
 * score (all 0 stays 0), reversed when less is better (all 0 is then 100).
 */
export function defaultNormalize(scores: number[], reverse: boolean): void {
  let max = 0;
  for (const score of scores) max = Math.max(max, score);
  for (let i = 0; i < scores.length; i++) {
    let score = max === 0 ? 0 : Math.trunc((maxNodeScore * scores[i]!) / max);
    if (reverse) score = maxNodeScore - score;
    scores[i] = score;
  }
}
