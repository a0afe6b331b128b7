import { equalIgnoreHash } from "../../../src/cli/rollout/template-equality.js";
import type { ReplicaSetObject } from "../replicaset/replica-set-status.js";
import { desiredReplicas, maxSurge, specReplicas, type DeploymentObject } from "./fenceposts.js";
import { desiredReplicasAnnotation, intAnnotation, maxReplicasAnnotation, revisionOf } from "./replica-set-annotations.js";

const createdMs = (rs: ReplicaSetObject): number => Date.parse(String(rs.metadata?.creationTimestamp ?? "")) || 0;
const nameOf = (rs: ReplicaSetObject): string => rs.metadata?.name ?? "";
const replicasOf = (rs: ReplicaSetObject): number => rs.spec.replicas ?? 0;

/** Kubernetes' ReplicaSetsByCreationTimestamp: oldest first, then by name. */
export const byCreation = (a: ReplicaSetObject, b: ReplicaSetObject): number =>
  createdMs(a) - createdMs(b) || (nameOf(a) < nameOf(b) ? -1 : nameOf(a) > nameOf(b) ? 1 : 0);

/** Kubernetes' ReplicaSetsByRevision: lowest revision first, then oldest. */
export const byRevision = (a: ReplicaSetObject, b: ReplicaSetObject): number => revisionOf(a) - revisionOf(b) || byCreation(a, b);

/** Kubernetes' ReplicaSetsBySizeNewer (largest first, then newest) and BySizeOlder (largest, then oldest). */
export const bySizeNewer = (a: ReplicaSetObject, b: ReplicaSetObject): number => replicasOf(b) - replicasOf(a) || byCreation(b, a);
export const bySizeOlder = (a: ReplicaSetObject, b: ReplicaSetObject): number => replicasOf(b) - replicasOf(a) || byCreation(a, b);

/** ReplicaSets that want pods (spec.replicas > 0). */
export const activeOf = (sets: readonly (ReplicaSetObject | undefined)[]): ReplicaSetObject[] =>
  sets.filter((rs): rs is ReplicaSetObject => rs !== undefined && replicasOf(rs) > 0);

/** Kubernetes' FindNewReplicaSet: the oldest ReplicaSet running the Deployment's template (hash label aside). */
export function findNewReplicaSet(d: DeploymentObject, sets: readonly ReplicaSetObject[]): ReplicaSetObject | undefined {
  const template = d.spec.template as unknown as Record<string, unknown>;
  return [...sets].sort(byCreation).find((rs) => equalIgnoreHash(rs.spec.template as unknown as Record<string, unknown>, template));
}

/**
 * Kubernetes' FindActiveOrLatest: the only ReplicaSet with pods wanted, or,
 * when none has, the new one or else the newest; undefined when several have.
 */
export function findActiveOrLatest(newRS: ReplicaSetObject | undefined, oldSets: readonly ReplicaSetObject[]): ReplicaSetObject | undefined {
  const newestFirst = [...oldSets].sort((a, b) => byCreation(b, a));
  const active = activeOf([...newestFirst, newRS]);
  if (active.length === 1) return active[0];
  if (active.length > 1) return undefined;
  return newRS ?? newestFirst[0];
}

/** Kubernetes' IsSaturated: the new ReplicaSet has, and shows available, all the desired replicas. */
export function isSaturated(d: DeploymentObject, rs: ReplicaSetObject | undefined): boolean {
  if (rs === undefined) return false;
  const desired = desiredReplicas(d);
  return intAnnotation(rs, desiredReplicasAnnotation) === desired && replicasOf(rs) === desired && (rs.status?.availableReplicas ?? 0) === desired;
}

/**
 * Kubernetes' proportional scaling (the RollingUpdate half of `scale`): when
 * the desired count changes mid-rollout, every active ReplicaSet grows or
 * shrinks in proportion to its share of the max-replicas it was last sized
 * for; leftovers go to the largest (ties: newest when growing, oldest when
 * shrinking). Returns the new size of each ReplicaSet by name, in the order to apply.
 */
export function proportionalSizes(d: DeploymentObject, active: readonly ReplicaSetObject[]): Array<{ rs: ReplicaSetObject; size: number }> {
  const allowed = desiredReplicas(d) > 0 ? desiredReplicas(d) + maxSurge(d) : 0;
  const toAdd = allowed - specReplicas(active);
  const ordered = [...active].sort(toAdd > 0 ? bySizeNewer : bySizeOlder);
  let added = 0;
  const sizes = ordered.map((rs) => {
    if (toAdd === 0) return { rs, size: replicasOf(rs) };
    const proportion = proportionOf(rs, d, toAdd, added);
    added += proportion;
    return { rs, size: replicasOf(rs) + proportion };
  });
  const first = sizes[0];
  if (first !== undefined && toAdd !== 0) first.size = Math.max(0, first.size + toAdd - added);
  return sizes;
}

function proportionOf(rs: ReplicaSetObject, d: DeploymentObject, toAdd: number, added: number): number {
  if (replicasOf(rs) === 0 || toAdd === 0 || toAdd === added) return 0;
  const fraction = fractionOf(rs, d);
  const allowed = toAdd - added;
  return toAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed);
}

function fractionOf(rs: ReplicaSetObject, d: DeploymentObject): number {
  if (desiredReplicas(d) === 0) return -replicasOf(rs);
  const deploymentReplicas = desiredReplicas(d) + maxSurge(d);
  const annotated = intAnnotation(rs, maxReplicasAnnotation) ?? d.status?.replicas ?? 0;
  // Go's math.Round: halves away from zero.
  const size = annotated === 0 ? 0 : (replicasOf(rs) * deploymentReplicas) / annotated;
  return Math.sign(size) * Math.round(Math.abs(size)) - replicasOf(rs);
}
