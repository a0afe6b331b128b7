import type { FilterPlugin, ScorePlugin } from "../framework.js";
import { defaultNormalize } from "../framework.js";
import type { PodInfo } from "../pod-info.js";
import { anyTermMatches, termMatches, type NodeFields } from "./node-selector-match.js";

export const nodeAffinityReason = "node(s) didn't match Pod's node affinity/selector";

/** Whether a node satisfies the pod's nodeSelector and required node affinity; undefined when the pod has neither. */
export function requiredNodeAffinity(pod: PodInfo): ((node: NodeFields) => boolean) | undefined {
  const selector = Object.entries(pod.nodeSelector);
  const terms = pod.pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  if (selector.length === 0 && terms === undefined) return undefined;
  return (node) => selector.every(([key, value]) => node.labels[key] === value) && (terms === undefined || anyTermMatches(terms, node));
}

/** NodeAffinity's filter: nodeSelector and requiredDuringSchedulingIgnoredDuringExecution. */
export const nodeAffinityFilter: FilterPlugin = {
  name: "NodeAffinity",
  prepare(pod) {
    const matches = requiredNodeAffinity(pod);
    if (!matches) return undefined;
    const reasons = [nodeAffinityReason];
    return (node) => (matches(node) ? undefined : reasons);
  },
};

/** NodeAffinity's score: the weights of the preferred terms a node matches, scaled to the best (weight 2). */
export const nodeAffinityScore: ScorePlugin = {
  name: "NodeAffinity",
  weight: 2,
  prepare(pod) {
    const preferred = pod.pod.spec.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? [];
    if (preferred.length === 0) return undefined;
    return {
      score(node) {
        let sum = 0;
        for (const term of preferred) if (term.weight !== 0 && termMatches(term.preference, node)) sum += term.weight;
        return sum;
      },
      normalize: (scores) => defaultNormalize(scores, false),
    };
  },
};
