import type { FilterPlugin, ScorePlugin } from "../framework.js";
import { defaultNormalize } from "../framework.js";
import { toleratedBy } from "./tolerations.js";

/** TaintToleration's filter: the first NoSchedule or NoExecute taint the pod does not tolerate keeps it off. */
export const taintTolerationFilter: FilterPlugin = {
  name: "TaintToleration",
  prepare(pod) {
    return (node) => {
      for (const taint of node.taints) {
        if (taint.effect !== "NoSchedule" && taint.effect !== "NoExecute") continue;
        if (!toleratedBy(pod.tolerations, taint)) return [`node(s) had untolerated taint {${taint.key}: ${taint.value ?? ""}}`];
      }
      return undefined;
    };
  },
};

/** TaintToleration's score: fewer untolerated PreferNoSchedule taints is better (weight 3, as kube-scheduler). */
export const taintTolerationScore: ScorePlugin = {
  name: "TaintToleration",
  weight: 3,
  prepare(pod) {
    // Only PreferNoSchedule tolerations count, as Kubernetes' getAllTolerationPreferNoSchedule.
    const tolerations = pod.tolerations.filter((toleration) => !toleration.effect || toleration.effect === "PreferNoSchedule");
    return {
      score(node) {
        let count = 0;
        for (const taint of node.taints) if (taint.effect === "PreferNoSchedule" && !toleratedBy(tolerations, taint)) count++;
        return count;
      },
      normalize: (scores) => defaultNormalize(scores, true),
    };
  },
};
