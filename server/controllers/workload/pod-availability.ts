import type { PodStatus } from "../../../src/api/core/v1/pod-status.js";
import type { ApiObject } from "../../../src/client/rest/rest-client.js";

/** A pod as the workload controllers read it from the cache. */
export type PodWithStatus = ApiObject & { status?: Partial<PodStatus> | undefined };

/** Kubernetes' IsPodReady: the Ready condition is True. */
export function isPodReady(pod: PodWithStatus): boolean {
  return readySince(pod) !== undefined;
}

/**
 * Kubernetes' IsPodAvailable: ready for at least `minReadySeconds` (ready
 * is enough when that is 0).
 */
export function isPodAvailable(pod: PodWithStatus, minReadySeconds: number, nowMs: number): boolean {
  const since = readySince(pod);
  if (since === undefined) return false;
  if (minReadySeconds <= 0) return true;
  return since + minReadySeconds * 1000 <= nowMs;
}

/** True while the object is being deleted (it has a deletionTimestamp). */
export function isBeingDeleted(object: ApiObject): boolean {
  return object.metadata?.deletionTimestamp !== undefined && object.metadata?.deletionTimestamp !== null;
}

/** True once the pod has finished: phase Succeeded or Failed. */
export function isPodTerminal(pod: PodWithStatus): boolean {
  return pod.status?.phase === "Succeeded" || pod.status?.phase === "Failed";
}

// When the pod became ready (ms since the epoch; 0 when the time is missing), or undefined when it is not ready.
function readySince(pod: PodWithStatus): number | undefined {
  const ready = pod.status?.conditions?.find((condition) => condition.type === "Ready");
  if (ready?.status !== "True") return undefined;
  const at = ready.lastTransitionTime === undefined ? NaN : Date.parse(ready.lastTransitionTime);
  return Number.isNaN(at) ? 0 : at;
}
