import type { ReplicaSet } from "../../../src/api/apps/v1/replica-set.js";
import { selectorFromSet } from "../../../src/api/labels/index.js";
import { labelsOf } from "../../../src/client/informer/index-functions.js";
import type { ApiObject } from "../../../src/client/rest/rest-client.js";
import { availableAtMs, isPodReady, type PodObject } from "../workload/pod-state.js";

export type ReplicaSetObject = ApiObject & Pick<ReplicaSet, "spec"> & Partial<Pick<ReplicaSet, "status">>;
export type ReplicaSetStatus = NonNullable<ReplicaSet["status"]>;
type Condition = NonNullable<ReplicaSetStatus["conditions"]>[number];

/** Why the last creation or deletion of pods failed; Kubernetes' ReplicaFailure condition carries it. */
export interface ManageFailure {
  reason: "FailedCreate" | "FailedDelete";
  message: string;
}

/**
 * Kubernetes' calculateStatus of a ReplicaSet from its active pods: how
 * many there are, how many carry every label of the template, are ready,
 * and are available (ready for more than minReadySeconds); and the
 * ReplicaFailure condition, set by a failed create or delete and removed by
 * the next sync without one.
 */
export function computeReplicaSetStatus(rs: ReplicaSetObject, activePods: readonly PodObject[], failure: ManageFailure | undefined, nowMs: number): ReplicaSetStatus {
  const templateLabels = selectorFromSet(rs.spec.template.metadata?.labels ?? {});
  const minReadySeconds = rs.spec.minReadySeconds ?? 0;
  let fullyLabeled = 0;
  let ready = 0;
  let available = 0;
  for (const pod of activePods) {
    if (templateLabels.matches(labelsOf(pod))) fullyLabeled += 1;
    if (!isPodReady(pod)) continue;
    ready += 1;
    const at = availableAtMs(pod, minReadySeconds);
    if (at !== undefined && at < nowMs) available += 1;
  }
  let conditions = (rs.status?.conditions ?? []).map((condition) => ({ ...condition }));
  const hasFailure = conditions.some((condition) => condition.type === "ReplicaFailure");
  if (failure !== undefined && !hasFailure) {
    const now = new Date(nowMs).toISOString().replace(/\.\d{3}Z$/, "Z");
    const condition: Condition = { type: "ReplicaFailure", status: "True", lastTransitionTime: now, reason: failure.reason, message: failure.message };
    conditions.push(condition);
  } else if (failure === undefined && hasFailure) {
    conditions = conditions.filter((condition) => condition.type !== "ReplicaFailure");
  }
  return {
    replicas: activePods.length,
    fullyLabeledReplicas: fullyLabeled,
    readyReplicas: ready,
    availableReplicas: available,
    observedGeneration: Number(rs.metadata?.generation ?? 0),
    ...(conditions.length > 0 ? { conditions } : {}),
  };
}

/** True when writing `next` would change nothing the status shows. */
export function sameReplicaSetStatus(current: ReplicaSetStatus | undefined, next: ReplicaSetStatus): boolean {
  const counts = ["replicas", "fullyLabeledReplicas", "readyReplicas", "availableReplicas", "observedGeneration"] as const;
  if (counts.some((field) => (current?.[field] ?? 0) !== (next[field] ?? 0))) return false;
  return JSON.stringify(current?.conditions ?? []) === JSON.stringify(next.conditions ?? []);
}

/**
 * In how many ms the next ready pod becomes available (minReadySeconds),
 * so the ReplicaSet is synced again then; undefined when none is waiting.
 */
export function nextAvailabilityInMs(rs: ReplicaSetObject, activePods: readonly PodObject[], nowMs: number): number | undefined {
  const minReadySeconds = rs.spec.minReadySeconds ?? 0;
  if (minReadySeconds <= 0) return undefined;
  let next: number | undefined;
  for (const pod of activePods) {
    const at = availableAtMs(pod, minReadySeconds);
    if (at === undefined || at < nowMs || !Number.isFinite(at)) continue;
    next = next === undefined ? at : Math.min(next, at);
  }
  return next === undefined ? undefined : next - nowMs;
}
