import type { Deployment } from "../../../src/api/apps/v1/deployment.js";
import type { ApiObject } from "../../../src/client/rest/rest-client.js";

export type DeploymentObject = ApiObject & Pick<Deployment, "spec"> & Partial<Pick<Deployment, "status">>;

/** What the rolling arithmetic reads of a ReplicaSet. */
export interface SizedReplicaSet {
  spec: { replicas?: number | undefined };
}

/**
 * Kubernetes' GetScaledValueFromIntOrPercent: an int as is, a percentage of
 * `total` rounded up or down; text that is neither counts as 0.
 */
export function scaledValue(value: number | string | undefined, total: number, roundUp: boolean): number {
  if (value === undefined) return 0;
  if (typeof value === "number") return value;
  const match = /^(\d+)%$/.exec(value);
  if (match === null) return /^\d+$/.test(value) ? Number(value) : 0;
  const exact = (Number(match[1]) * total) / 100;
  return roundUp ? Math.ceil(exact) : Math.floor(exact);
}

/**
 * Kubernetes' ResolveFenceposts: maxSurge rounded up, maxUnavailable rounded
 * down, and never both 0 (then one pod may be unavailable, or no rollout
 * could ever progress).
 */
export function resolveFenceposts(maxSurge: number | string | undefined, maxUnavailable: number | string | undefined, desired: number): { surge: number; unavailable: number } {
  const surge = scaledValue(maxSurge, desired, true);
  const unavailable = scaledValue(maxUnavailable, desired, false);
  return surge === 0 && unavailable === 0 ? { surge, unavailable: 1 } : { surge, unavailable };
}

export const isRollingUpdate = (d: DeploymentObject): boolean => (d.spec.strategy?.type ?? "RollingUpdate") === "RollingUpdate";
export const desiredReplicas = (d: DeploymentObject): number => d.spec.replicas ?? 1;

/** Kubernetes' MaxSurge: pods allowed above the desired count (0 for Recreate). */
export function maxSurge(d: DeploymentObject): number {
  if (!isRollingUpdate(d)) return 0;
  const rolling = d.spec.strategy?.rollingUpdate;
  return resolveFenceposts(rolling?.maxSurge, rolling?.maxUnavailable, desiredReplicas(d)).surge;
}

/** Kubernetes' MaxUnavailable: pods allowed to be unavailable (0 for Recreate or no replicas; at most all). */
export function maxUnavailable(d: DeploymentObject): number {
  const desired = desiredReplicas(d);
  if (!isRollingUpdate(d) || desired === 0) return 0;
  const rolling = d.spec.strategy?.rollingUpdate;
  return Math.min(resolveFenceposts(rolling?.maxSurge, rolling?.maxUnavailable, desired).unavailable, desired);
}

/** The sum of the ReplicaSets' spec.replicas. */
export const specReplicas = (sets: readonly SizedReplicaSet[]): number => sets.reduce((sum, rs) => sum + (rs.spec.replicas ?? 0), 0);

/**
 * Kubernetes' NewRSNewReplicas: the size the new ReplicaSet may grow to
 * now. Rolling: as far as maxSurge allows above the desired count, never
 * beyond it; Recreate: the desired count at once.
 */
export function newReplicaSetSize(d: DeploymentObject, all: readonly SizedReplicaSet[], newRS: SizedReplicaSet): number {
  const desired = desiredReplicas(d);
  if (!isRollingUpdate(d)) return desired;
  const current = specReplicas(all);
  const maxTotal = desired + maxSurge(d);
  const now = newRS.spec.replicas ?? 0;
  if (current >= maxTotal) return now;
  return now + Math.min(maxTotal - current, desired - now);
}
