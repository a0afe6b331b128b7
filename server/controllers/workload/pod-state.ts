import type { Pod } from "../../../src/api/core/v1/pod.js";
import type { PodCondition } from "../../../src/api/core/v1/pod-status.js";
import type { ApiObject } from "../../../src/client/rest/rest-client.js";

/** A pod as the workload controllers read it from the cache. */
export type PodObject = ApiObject & Partial<Pick<Pod, "spec" | "status">>;

/** Kubernetes' IsPodActive: not finished and not being deleted, so it counts towards replicas. */
export function isPodActive(pod: PodObject): boolean {
  const phase = pod.status?.phase;
  return phase !== "Succeeded" && phase !== "Failed" && pod.metadata?.deletionTimestamp === undefined;
}

/** The pod's Ready condition, if it reports one. */
export function readyCondition(pod: PodObject): PodCondition | undefined {
  return pod.status?.conditions?.find((condition) => condition.type === "Ready");
}

/** Kubernetes' IsPodReady: the Ready condition is True. */
export function isPodReady(pod: PodObject): boolean {
  return readyCondition(pod)?.status === "True";
}

/**
 * When a ready pod becomes available (ready for `minReadySeconds`), in ms
 * since the epoch; undefined when it is not ready. With minReadySeconds, a
 * Ready condition without a transition time never makes it available, as
 * Kubernetes reads it.
 */
export function availableAtMs(pod: PodObject, minReadySeconds: number): number | undefined {
  const ready = readyCondition(pod);
  if (ready?.status !== "True") return undefined;
  if (minReadySeconds <= 0) return Number.NEGATIVE_INFINITY;
  const since = ready.lastTransitionTime === undefined ? Number.NaN : Date.parse(ready.lastTransitionTime);
  return Number.isNaN(since) ? Number.POSITIVE_INFINITY : since + minReadySeconds * 1000;
}

/** Kubernetes' IsPodAvailable: ready, and for more than `minReadySeconds` at `nowMs`. */
export function isPodAvailable(pod: PodObject, minReadySeconds: number, nowMs: number): boolean {
  const at = availableAtMs(pod, minReadySeconds);
  return at !== undefined && at < nowMs;
}

/** True once the pod has finished: phase Succeeded or Failed. */
export function isPodTerminal(pod: PodObject): boolean {
  return pod.status?.phase === "Succeeded" || pod.status?.phase === "Failed";
}

/** True while the object is being deleted (it has a deletionTimestamp). */
export function isBeingDeleted(object: ApiObject): boolean {
  return object.metadata?.deletionTimestamp !== undefined && object.metadata?.deletionTimestamp !== null;
}
