import type { Taint } from "../../../src/api/core/v1/node.js";
import type { Toleration } from "../../../src/api/core/v1/scheduling.js";
import { matchingTolerations, minTolerationSeconds } from "../../../src/api/core/v1/taint-toleration.js";

/** What the taints of its node mean for a pod. */
export type EvictionDecision =
  /** No NoExecute taint, or tolerations without a time limit: the pod stays. */
  | { kind: "stay" }
  /** A NoExecute taint it does not tolerate: delete it now. */
  | { kind: "now" }
  /** Tolerated for a while: delete it this many seconds after it was first seen under the taints. */
  | { kind: "after"; seconds: number };

/** The node's NoExecute taints: the only ones that evict. */
export const noExecuteTaints = (taints: readonly Taint[] | undefined): Taint[] => (taints ?? []).filter((taint) => taint.effect === "NoExecute");

/**
 * Kubernetes' taint eviction rule: every NoExecute taint must be tolerated,
 * and the shortest tolerationSeconds among the tolerations used decides how
 * long the pod may stay.
 */
export function decideEviction(taints: readonly Taint[], tolerations: readonly Toleration[] | undefined): EvictionDecision {
  const noExecute = noExecuteTaints(taints);
  if (noExecute.length === 0) return { kind: "stay" };
  const used = matchingTolerations(noExecute, tolerations ?? []);
  if (used === undefined) return { kind: "now" };
  const seconds = minTolerationSeconds(used);
  if (seconds === undefined) return { kind: "stay" };
  return seconds === 0 ? { kind: "now" } : { kind: "after", seconds };
}

/** A stable text of a node's NoExecute taints, to tell whether they changed. */
export const noExecuteSignature = (taints: readonly Taint[] | undefined): string =>
  noExecuteTaints(taints)
    .map((taint) => `${taint.key}=${taint.value ?? ""}`)
    .sort()
    .join(",");
