import type { DeploymentStatus } from "../../../src/api/apps/v1/deployment.js";
import { desiredReplicas, maxUnavailable, type DeploymentObject } from "./fenceposts.js";
import type { ReplicaSetObject } from "../replicaset/replica-set-status.js";

export type DeploymentCondition = NonNullable<DeploymentStatus["conditions"]>[number];

// Kubernetes' reasons (deployment/util), as `kubectl describe` and `rollout status` read them.
export const reasons = {
  newReplicaSetCreated: "NewReplicaSetCreated",
  foundNewReplicaSet: "FoundNewReplicaSet",
  replicaSetUpdated: "ReplicaSetUpdated",
  newReplicaSetAvailable: "NewReplicaSetAvailable",
  failedReplicaSetCreate: "ReplicaSetCreateError",
  progressDeadlineExceeded: "ProgressDeadlineExceeded",
  paused: "DeploymentPaused",
  resumed: "DeploymentResumed",
  minimumReplicasAvailable: "MinimumReplicasAvailable",
  minimumReplicasUnavailable: "MinimumReplicasUnavailable",
} as const;

/** core/v1 Time: RFC 3339 to the second. */
export const timeOf = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");

export function newCondition(type: string, status: string, reason: string, message: string, nowMs: number): DeploymentCondition {
  const now = timeOf(nowMs);
  return { type, status, lastUpdateTime: now, lastTransitionTime: now, reason, message };
}

export const conditionOf = (status: DeploymentStatus | undefined, type: string): DeploymentCondition | undefined =>
  status?.conditions?.find((condition) => condition.type === type);

/**
 * Kubernetes' SetDeploymentCondition: nothing changes when status and
 * reason are the same; the transition time is kept while the status is.
 */
export function setCondition(status: DeploymentStatus, condition: DeploymentCondition): void {
  const current = conditionOf(status, condition.type);
  if (current !== undefined && current.status === condition.status && current.reason === condition.reason) return;
  const next = current !== undefined && current.status === condition.status ? { ...condition, lastTransitionTime: current.lastTransitionTime } : condition;
  status.conditions = [...(status.conditions ?? []).filter((c) => c.type !== condition.type), next];
}

export function removeCondition(status: DeploymentStatus, type: string): void {
  if (status.conditions === undefined) return;
  status.conditions = status.conditions.filter((condition) => condition.type !== type);
}

/** Kubernetes' HasProgressDeadline: set and not MaxInt32 ("never"). */
export const hasProgressDeadline = (d: DeploymentObject): boolean =>
  d.spec.progressDeadlineSeconds !== undefined && d.spec.progressDeadlineSeconds !== 2147483647;

const sum = (sets: readonly ReplicaSetObject[], read: (rs: ReplicaSetObject) => number | undefined): number =>
  sets.reduce((total, rs) => total + (read(rs) ?? 0), 0);

/**
 * Kubernetes' calculateStatus: the counts over every ReplicaSet (replicas
 * and updatedReplicas from their status, unavailable against their spec),
 * and the Available condition: at least replicas - maxUnavailable available.
 */
export function calculateStatus(all: readonly ReplicaSetObject[], newRS: ReplicaSetObject | undefined, d: DeploymentObject, nowMs: number): DeploymentStatus {
  const available = sum(all, (rs) => rs.status?.availableReplicas);
  const total = sum(all, (rs) => rs.spec.replicas);
  const status: DeploymentStatus = {
    observedGeneration: Number(d.metadata?.generation ?? 0),
    replicas: sum(all, (rs) => rs.status?.replicas),
    updatedReplicas: newRS === undefined ? 0 : (newRS.status?.replicas ?? 0),
    readyReplicas: sum(all, (rs) => rs.status?.readyReplicas),
    availableReplicas: available,
    unavailableReplicas: Math.max(0, total - available),
    ...(d.status?.collisionCount !== undefined ? { collisionCount: d.status.collisionCount } : {}),
    conditions: (d.status?.conditions ?? []).map((condition) => ({ ...condition })),
  };
  if (available >= desiredReplicas(d) - maxUnavailable(d)) {
    setCondition(status, newCondition("Available", "True", reasons.minimumReplicasAvailable, "Deployment has minimum availability.", nowMs));
  } else {
    setCondition(status, newCondition("Available", "False", reasons.minimumReplicasUnavailable, "Deployment does not have minimum availability.", nowMs));
  }
  return status;
}

/** Kubernetes' DeploymentComplete: every desired replica updated and available, and this generation observed. */
export function deploymentComplete(d: DeploymentObject, status: DeploymentStatus): boolean {
  const desired = desiredReplicas(d);
  return (
    status.updatedReplicas === desired &&
    status.replicas === desired &&
    status.availableReplicas === desired &&
    (status.observedGeneration ?? 0) >= Number(d.metadata?.generation ?? 0)
  );
}

/** Kubernetes' DeploymentProgressing: more updated, fewer old, more ready or more available pods than before. */
export function deploymentProgressing(d: DeploymentObject, status: DeploymentStatus): boolean {
  const old = d.status ?? {};
  const oldOld = (old.replicas ?? 0) - (old.updatedReplicas ?? 0);
  const newOld = (status.replicas ?? 0) - (status.updatedReplicas ?? 0);
  return (
    (status.updatedReplicas ?? 0) > (old.updatedReplicas ?? 0) ||
    newOld < oldOld ||
    (status.readyReplicas ?? 0) > (old.readyReplicas ?? 0) ||
    (status.availableReplicas ?? 0) > (old.availableReplicas ?? 0)
  );
}

/** Kubernetes' DeploymentTimedOut: no progress for progressDeadlineSeconds since the Progressing condition last changed. */
export function deploymentTimedOut(d: DeploymentObject, status: DeploymentStatus, nowMs: number): boolean {
  if (!hasProgressDeadline(d)) return false;
  const condition = conditionOf(status, "Progressing");
  if (condition === undefined || condition.reason === reasons.newReplicaSetAvailable) return false;
  if (condition.reason === reasons.progressDeadlineExceeded) return true;
  const from = Date.parse(condition.lastUpdateTime ?? "");
  return !Number.isNaN(from) && from + (d.spec.progressDeadlineSeconds ?? 0) * 1000 < nowMs;
}

/**
 * Kubernetes' syncRolloutStatus decision: the status with the Progressing
 * condition moved on (complete, progressing, or timed out) and the
 * ReplicaFailure of the ReplicaSets carried over.
 */
export function rolloutStatus(all: readonly ReplicaSetObject[], newRS: ReplicaSetObject | undefined, d: DeploymentObject, nowMs: number): DeploymentStatus {
  const status = calculateStatus(all, newRS, d, nowMs);
  if (!hasProgressDeadline(d)) removeCondition(status, "Progressing");
  const current = conditionOf(d.status, "Progressing");
  const complete = status.replicas === status.updatedReplicas && current?.reason === reasons.newReplicaSetAvailable;
  const subject = newRS !== undefined ? `ReplicaSet "${newRS.metadata?.name ?? ""}"` : `Deployment "${d.metadata?.name ?? ""}"`;
  if (hasProgressDeadline(d) && !complete) {
    if (deploymentComplete(d, status)) {
      setCondition(status, newCondition("Progressing", "True", reasons.newReplicaSetAvailable, `${subject} has successfully progressed.`, nowMs));
    } else if (deploymentProgressing(d, status)) {
      const condition = newCondition("Progressing", "True", reasons.replicaSetUpdated, `${subject} is progressing.`, nowMs);
      // Progress moves lastUpdateTime even under the same reason; the transition time stays while the status does.
      if (current?.status === "True") condition.lastTransitionTime = current.lastTransitionTime;
      removeCondition(status, "Progressing");
      setCondition(status, condition);
    } else if (deploymentTimedOut(d, status, nowMs)) {
      setCondition(status, newCondition("Progressing", "False", reasons.progressDeadlineExceeded, `${subject} has timed out progressing.`, nowMs));
    }
  }
  const failure = replicaFailure(newRS, all);
  if (failure !== undefined) setCondition(status, failure);
  else removeCondition(status, "ReplicaFailure");
  return status;
}

// The new ReplicaSet's failure first, else any old one's.
function replicaFailure(newRS: ReplicaSetObject | undefined, all: readonly ReplicaSetObject[]): DeploymentCondition | undefined {
  for (const rs of newRS !== undefined ? [newRS, ...all] : all) {
    const failure = rs.status?.conditions?.find((condition) => condition.type === "ReplicaFailure");
    if (failure !== undefined) {
      return { ...failure, lastUpdateTime: failure.lastTransitionTime };
    }
  }
  return undefined;
}

/** True when the status differs from what the Deployment shows. */
export function statusChanged(current: DeploymentStatus | undefined, next: DeploymentStatus): boolean {
  return JSON.stringify(normalized(current ?? {})) !== JSON.stringify(normalized(next));
}

function normalized(status: DeploymentStatus): unknown {
  const fields = ["observedGeneration", "replicas", "updatedReplicas", "readyReplicas", "availableReplicas", "unavailableReplicas", "collisionCount"] as const;
  return [...fields.map((field) => status[field] ?? 0), (status.conditions ?? []).map((c) => [c.type, c.status, c.reason, c.message, c.lastUpdateTime, c.lastTransitionTime])];
}
