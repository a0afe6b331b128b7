import type { Taint } from "../../../src/api/core/v1/node.js";
import { notReadyTaintKey, unreachableTaintKey, unschedulableTaintKey } from "./node-refs.js";
import type { ReadyStatus } from "./node-status.js";

/** What decides the taints this controller owns on one node. */
export interface TaintInputs {
  ready: ReadyStatus;
  unschedulable: boolean;
  /** Every node with a Ready condition is not Ready: evicting would empty the cluster (Kubernetes' full disruption), so no NoExecute taints. */
  evictionsPaused: boolean;
}

const owned = (taint: Taint): boolean =>
  ((taint.key === notReadyTaintKey || taint.key === unreachableTaintKey) && (taint.effect === "NoExecute" || taint.effect === "NoSchedule")) ||
  (taint.key === unschedulableTaintKey && taint.effect === "NoSchedule");

/**
 * The taints a node should carry, as Kubernetes' node lifecycle controller
 * keeps them: Ready False → `not-ready`, Unknown → `unreachable`, each
 * NoExecute (what the taint eviction controller acts on, stamped with
 * `timeAdded`) and NoSchedule (what the scheduler avoids); spec.unschedulable
 * (cordon) → `unschedulable:NoSchedule`. A node without a Ready condition
 * has not reported yet: its readiness taints are left as they are. Other
 * taints are kept, in their order. Undefined when nothing changes.
 */
export function desiredTaints(current: readonly Taint[], inputs: TaintInputs, now: string): Taint[] | undefined {
  const wanted: Taint[] = [];
  if (inputs.ready === undefined) {
    wanted.push(...current.filter((taint) => owned(taint) && taint.key !== unschedulableTaintKey));
  } else if (inputs.ready !== "True") {
    const key = inputs.ready === "False" ? notReadyTaintKey : unreachableTaintKey;
    if (!inputs.evictionsPaused) wanted.push({ key, effect: "NoExecute" });
    wanted.push({ key, effect: "NoSchedule" });
  }
  if (inputs.unschedulable) wanted.push({ key: unschedulableTaintKey, effect: "NoSchedule" });

  const kept = current.filter((taint) => !owned(taint) || wanted.some((w) => w.key === taint.key && w.effect === taint.effect));
  const added = wanted
    .filter((w) => !kept.some((taint) => taint.key === w.key && taint.effect === w.effect))
    .map((taint) => (taint.effect === "NoExecute" ? { ...taint, timeAdded: now } : taint));
  if (added.length === 0 && kept.length === current.length) return undefined;
  return [...kept, ...added];
}
