import type { PodStatus } from "../../../src/api/core/v1/pod-status.js";
import type { ApiObject } from "../../../src/client/rest/rest-client.js";

/** A pod as the workload controllers read it from the cache. */
export type PodWithStatus = ApiObject & { status?: Partial<PodStatus> | undefined };

/** Kubernetes' IsPodReady: the Ready condition is True. */
export function isPodReady(pod: PodWithStatus): boolean {
  return readyCondition(pod) !== undefined;
}

/**
 * Kubernetes' IsPodAvailable: ready for at least `minReadySeconds` (ready
 * is enough when that is 0; a missing transition time counts as long ago).
 */
export function isPodAvailable(pod: PodWithStatus, minReadySeconds: number, nowMs: number): boolean {
  const ready = readyCondition(pod);
  if (ready === undefined) return false;
  if (minReadySeconds <= 0) return true;
  const since = ready.lastTransitionTime === undefined ? NaN : Date.parse(ready.lastTransitionTime);
  return Number.isNaN(since) || since + minReadySeconds * 1000 <= nowMs;
}

/** True while the object is being deleted (it has a deletionTimestamp). */
export function isBeingDeleted(object: ApiObject): boolean {
  return object.metadata?.deletionTimestamp !== undefined && object.metadata?.deletionTimestamp !== null;
}

/** True once the pod has finished: phase Succeeded or Failed. */
export function isPodTerminal(pod: PodWithStatus): boolean {
  return pod.status?.phase === "Succeeded" || pod.status?.phase === "Failed";
}

// The pod's Ready condition when it is True.
function readyCondition(pod: PodWithStatus): { lastTransitionTime?: string | undefined } | undefined {
  const conditions = pod.status?.conditions;
  if (conditions === undefined) return undefined;
  for (const condition of conditions) if (condition.type === "Ready") return condition.status === "True" ? condition : undefined;
  return undefined;
}
