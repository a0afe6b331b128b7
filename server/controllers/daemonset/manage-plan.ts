import { isPodAvailable, isPodReady, isBeingDeleted } from "../workload/pod-state.js";
import { compareDaemonPods, type DaemonPod, isPodUpdated } from "./daemon-pods.js";
import type { Eligibility } from "./eligibility.js";

/** What the manage step of one sync reads. */
export interface ManageInput {
  /** Every node's eligibility, by name: the nodes that exist. */
  eligibility: ReadonlyMap<string, Eligibility>;
  /** The DaemonSet's pods by target node ("" for pods pinned to no node). */
  byNode: ReadonlyMap<string, readonly DaemonPod[]>;
  hash: string;
  /** RollingUpdate with maxSurge > 0: a node may briefly hold an old and a new pod. */
  allowsSurge: boolean;
  minReadySeconds: number;
  nowMs: number;
  /** How long the node's failed pod must still wait before it is replaced; undefined: replace now. */
  failedBackoffMs: (node: string) => number | undefined;
}

/** What the manage step decided. */
export interface ManagePlan {
  nodesNeedingPods: string[];
  podsToDelete: DaemonPod[];
  /** Failed pods among `podsToDelete`, for the FailedDaemonPod warning (and to start their node's back-off). */
  failed: Array<{ pod: DaemonPod; node: string }>;
  /** Pods for nodes that no longer exist (also in `podsToDelete`): no kubelet will ever stop them. */
  orphaned: DaemonPod[];
  /** Sync again after this long (a failed pod waits out its back-off). */
  requeueAfterMs?: number;
}

/**
 * Kubernetes' DaemonSet manage step (podsShouldBeOnNode for every node):
 * a pod for each node that should run one and has none; failed and
 * succeeded pods deleted (failed ones after their back-off) so they are
 * replaced; one pod per node (two while surging, old ready + new not yet
 * available); every pod off nodes that may not keep one; and pods for nodes that are gone.
 */
export function planManage(input: ManageInput): ManagePlan {
  const plan: ManagePlan = { nodesNeedingPods: [], podsToDelete: [], failed: [], orphaned: [] };
  const requeue = (ms: number): void => {
    plan.requeueAfterMs = Math.min(plan.requeueAfterMs ?? ms, ms);
  };
  for (const [name, { shouldRun, shouldContinueRunning }] of input.eligibility) {
    const pods = input.byNode.get(name) ?? [];
    if (shouldRun && pods.length === 0) {
      plan.nodesNeedingPods.push(name);
    } else if (shouldContinueRunning) {
      const running: DaemonPod[] = [];
      for (const pod of pods) {
        if (isBeingDeleted(pod)) continue;
        const phase = pod.status?.phase;
        if (phase === "Failed") {
          const waitMs = input.failedBackoffMs(name);
          if (waitMs !== undefined) {
            requeue(waitMs);
            continue;
          }
          plan.failed.push({ pod, node: name });
          plan.podsToDelete.push(pod);
        } else if (phase === "Succeeded") {
          plan.podsToDelete.push(pod);
        } else {
          running.push(pod);
        }
      }
      plan.podsToDelete.push(...excessPods(running, input));
      if (input.allowsSurge && running.length === 0 && shouldRun) plan.nodesNeedingPods.push(name);
    } else {
      plan.podsToDelete.push(...pods.filter((pod) => !isBeingDeleted(pod)));
    }
  }
  for (const [node, pods] of input.byNode) {
    if (input.eligibility.has(node)) continue;
    const gone = pods.filter((pod) => !isBeingDeleted(pod));
    plan.orphaned.push(...gone);
    plan.podsToDelete.push(...gone);
  }
  return plan;
}

/**
 * The running pods of one node that must go: all but the oldest; while
 * surging, the oldest new pod and the oldest old pod may both stay until the
 * new one is available (or the old one stops being ready).
 */
function excessPods(running: DaemonPod[], input: ManageInput): DaemonPod[] {
  if (running.length <= 1) return [];
  const sorted = [...running].sort(compareDaemonPods);
  if (!input.allowsSurge) return sorted.slice(1);
  const excess: DaemonPod[] = [];
  let oldestNew: DaemonPod | undefined;
  let oldestOld: DaemonPod | undefined;
  for (const pod of sorted) {
    if (isPodUpdated(pod, input.hash)) {
      if (oldestNew === undefined) oldestNew = pod;
      else excess.push(pod);
    } else if (oldestOld === undefined) oldestOld = pod;
    else excess.push(pod);
  }
  if (oldestNew !== undefined && oldestOld !== undefined) {
    if (!isPodReady(oldestOld) || isPodAvailable(oldestNew, input.minReadySeconds, input.nowMs)) excess.push(oldestOld);
  }
  return excess;
}
