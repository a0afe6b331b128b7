import type { PodSpec } from "../../../src/api/core/v1/pod-spec.js";
import type { ApiObject } from "../../../src/client/rest/rest-client.js";
import { isPodReady, type PodObject, isBeingDeleted } from "../workload/pod-state.js";

/** A Job's pod as the controller reads it from the cache. */
export type JobPod = PodObject & { spec?: Partial<PodSpec> | undefined };

/**
 * The finalizer Kubernetes puts on every Job pod: a pod cannot vanish
 * before the controller has counted it as succeeded or failed.
 */
export const jobTrackingFinalizer = "batch.kubernetes.io/job-tracking";

export function hasTrackingFinalizer(pod: ApiObject): boolean {
  const finalizers = pod.metadata?.finalizers;
  return Array.isArray(finalizers) && finalizers.includes(jobTrackingFinalizer);
}

export function isSucceeded(pod: JobPod): boolean {
  return pod.status?.phase === "Succeeded";
}

/**
 * Kubernetes' isPodFailed (for Jobs that replace terminating pods, the
 * default): phase Failed, or being deleted before it succeeded — a deleted
 * pod may never get to report Failed.
 */
export function isFailed(pod: JobPod): boolean {
  if (pod.status?.phase === "Failed") return true;
  return isBeingDeleted(pod) && pod.status?.phase !== "Succeeded";
}

/** Neither finished nor being deleted: a pod that counts as active. */
export function isActive(pod: JobPod): boolean {
  return !isBeingDeleted(pod) && pod.status?.phase !== "Succeeded" && pod.status?.phase !== "Failed";
}

/** Being deleted and not yet finished: still running its grace period. */
export function isTerminating(pod: JobPod): boolean {
  return isBeingDeleted(pod) && pod.status?.phase !== "Succeeded" && pod.status?.phase !== "Failed";
}

/**
 * When the pod finished (Kubernetes' getFinishedTime): the last container's
 * finish, else when its deletion began, else `nowMs`.
 */
export function finishedAtMs(pod: JobPod, nowMs: number): number {
  let latest: number | undefined;
  for (const status of pod.status?.containerStatuses ?? []) {
    const at = status.state?.terminated?.finishedAt;
    const ms = at === undefined ? NaN : Date.parse(at);
    if (!Number.isNaN(ms) && (latest === undefined || ms > latest)) latest = ms;
  }
  if (latest !== undefined) return latest;
  const deleting = pod.metadata?.deletionTimestamp;
  const ms = typeof deleting === "string" ? Date.parse(deleting) : NaN;
  return Number.isNaN(ms) ? nowMs : ms;
}

/**
 * The order in which surplus active pods go, as Kubernetes' ActivePods
 * ranking: unscheduled before scheduled, pending before running, not ready
 * before ready, newer before older.
 */
export function compareForRemoval(a: JobPod, b: JobPod): number {
  const bound = (pod: JobPod): number => (pod.spec?.nodeName ? 1 : 0);
  const running = (pod: JobPod): number => (pod.status?.phase === "Running" ? 1 : 0);
  const ready = (pod: JobPod): number => (isPodReady(pod) ? 1 : 0);
  for (const rank of [bound, running, ready]) {
    const diff = rank(a) - rank(b);
    if (diff !== 0) return diff;
  }
  return Date.parse(String(b.metadata?.creationTimestamp ?? "")) - Date.parse(String(a.metadata?.creationTimestamp ?? "")) || 0;
}
