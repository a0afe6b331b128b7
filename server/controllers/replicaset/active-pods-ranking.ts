import { isPodReady, readyCondition, type PodObject } from "../workload/pod-state.js";

/** Kubernetes' `controller.kubernetes.io/pod-deletion-cost`: pods with a lower cost go first. */
export const podDeletionCostAnnotation = "controller.kubernetes.io/pod-deletion-cost";

const phaseOrdinal: Readonly<Record<string, number>> = { Pending: 0, Unknown: 1, Running: 2 };

/**
 * Kubernetes' ActivePodsWithRanks ordering, the order in which a ReplicaSet
 * scaling down deletes its pods: unscheduled before scheduled; Pending
 * before Unknown before Running; not ready before ready; lower deletion
 * cost first; more pods of the same owner family on the node ("doubled
 * up", `rank`) first; ready for less time first; more container restarts
 * first; newer first. Times are compared in log2 buckets of their age
 * (LogarithmicScaleDown), so pods of about the same age go in random (uid)
 * order instead of always the very newest.
 *
 * @returns negative when `a` should be deleted before `b`.
 */
export function compareForDeletion(a: RankedPod, b: RankedPod, nowMs: number): number {
  const nodeA = a.pod.spec?.nodeName ?? "";
  const nodeB = b.pod.spec?.nodeName ?? "";
  if (nodeA !== nodeB && (nodeA === "" || nodeB === "")) return nodeA === "" ? -1 : 1;
  const phaseA = phaseOrdinal[a.pod.status?.phase ?? ""] ?? 0;
  const phaseB = phaseOrdinal[b.pod.status?.phase ?? ""] ?? 0;
  if (phaseA !== phaseB) return phaseA - phaseB;
  const readyA = isPodReady(a.pod);
  const readyB = isPodReady(b.pod);
  if (readyA !== readyB) return readyA ? 1 : -1;
  const costA = deletionCost(a.pod);
  const costB = deletionCost(b.pod);
  if (costA !== costB) return costA - costB;
  if (a.rank !== b.rank) return b.rank - a.rank;
  if (readyA && readyB) {
    const order = compareTimes(readyTimeMs(a.pod), readyTimeMs(b.pod), a, b, nowMs);
    if (order !== 0) return order;
  }
  const restartsA = maxRestarts(a.pod);
  const restartsB = maxRestarts(b.pod);
  if (restartsA !== restartsB) return restartsB - restartsA;
  return compareTimes(timeMs(a.pod.metadata?.creationTimestamp), timeMs(b.pod.metadata?.creationTimestamp), a, b, nowMs);
}

/** A pod and how many active pods of its owner family share its node. */
export interface RankedPod {
  pod: PodObject;
  rank: number;
}

/**
 * The `count` pods to delete first among `pods`, ranked by how many of
 * `related` (the pods of every ReplicaSet of the same owner) are on the same node.
 */
export function podsToDelete(pods: readonly PodObject[], related: readonly PodObject[], count: number, nowMs: number): PodObject[] {
  if (count >= pods.length) return [...pods];
  const onNode = new Map<string, number>();
  for (const pod of related) {
    const node = pod.spec?.nodeName;
    if (node && pod.metadata?.deletionTimestamp === undefined) onNode.set(node, (onNode.get(node) ?? 0) + 1);
  }
  const ranked = pods.map((pod) => ({ pod, rank: onNode.get(pod.spec?.nodeName ?? "") ?? 0 }));
  ranked.sort((a, b) => compareForDeletion(a, b, nowMs));
  return ranked.slice(0, count).map((entry) => entry.pod);
}

// Empty time first, then the later (younger) one; same log2 age bucket: by uid.
function compareTimes(a: number | undefined, b: number | undefined, podA: RankedPod, podB: RankedPod, nowMs: number): number {
  if (a === b) return 0;
  if (a === undefined) return -1;
  if (b === undefined) return 1;
  const bucketDiff = ageBucket(a, nowMs) - ageBucket(b, nowMs);
  if (bucketDiff !== 0) return bucketDiff;
  const uidA = String(podA.pod.metadata?.uid ?? "");
  const uidB = String(podB.pod.metadata?.uid ?? "");
  return uidA < uidB ? -1 : uidA > uidB ? 1 : 0;
}

// Kubernetes takes log2 of the age in nanoseconds.
function ageBucket(timeMs: number, nowMs: number): number {
  const ageNs = (nowMs - timeMs) * 1e6;
  return ageNs > 0 ? Math.floor(Math.log2(ageNs)) : -1;
}

function readyTimeMs(pod: PodObject): number | undefined {
  return timeMs(readyCondition(pod)?.lastTransitionTime);
}

function timeMs(text: string | unknown): number | undefined {
  if (typeof text !== "string") return undefined;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : ms;
}

function deletionCost(pod: PodObject): number {
  const annotations = pod.metadata?.annotations as Record<string, string> | undefined;
  const cost = Number(annotations?.[podDeletionCostAnnotation] ?? 0);
  return Number.isInteger(cost) ? cost : 0;
}

function maxRestarts(pod: PodObject): number {
  return Math.max(0, ...(pod.status?.containerStatuses ?? []).map((status) => status.restartCount));
}
