import { isPodAvailable, isPodReady, isPodTerminal, isBeingDeleted } from "../workload/pod-state.js";
import { compareDaemonPods, type DaemonPod, isPodUpdated } from "./daemon-pods.js";
import type { Eligibility } from "./eligibility.js";

/** The counts of a DaemonSet's status, as `kubectl rollout status daemonset` reads them. */
export interface DaemonSetCounts {
  desiredNumberScheduled: number;
  currentNumberScheduled: number;
  numberMisscheduled: number;
  numberReady: number;
  updatedNumberScheduled: number;
  numberAvailable: number;
  numberUnavailable: number;
}

/**
 * Kubernetes' updateDaemonSetStatus counts: per node that should run a
 * pod, whether it has one (current), and whether its first pod is ready,
 * available and of the current template; pods on nodes that should not
 * run one are misscheduled. Finished pods being deleted no longer count.
 */
export function daemonSetCounts(
  eligibility: ReadonlyMap<string, Eligibility>,
  byNode: ReadonlyMap<string, readonly DaemonPod[]>,
  hash: string,
  minReadySeconds: number,
  nowMs: number,
): DaemonSetCounts {
  const counts: DaemonSetCounts = {
    desiredNumberScheduled: 0,
    currentNumberScheduled: 0,
    numberMisscheduled: 0,
    numberReady: 0,
    updatedNumberScheduled: 0,
    numberAvailable: 0,
    numberUnavailable: 0,
  };
  for (const [name, { shouldRun }] of eligibility) {
    const pods = (byNode.get(name) ?? []).filter((pod) => !(isPodTerminal(pod) && isBeingDeleted(pod)));
    if (!shouldRun) {
      if (pods.length > 0) counts.numberMisscheduled++;
      continue;
    }
    counts.desiredNumberScheduled++;
    const first = pods.length > 1 ? [...pods].sort(compareDaemonPods)[0] : pods[0];
    if (first === undefined) continue;
    counts.currentNumberScheduled++;
    if (isPodReady(first)) {
      counts.numberReady++;
      if (isPodAvailable(first, minReadySeconds, nowMs)) counts.numberAvailable++;
    }
    if (isPodUpdated(first, hash)) counts.updatedNumberScheduled++;
  }
  counts.numberUnavailable = counts.desiredNumberScheduled - counts.numberAvailable;
  return counts;
}
