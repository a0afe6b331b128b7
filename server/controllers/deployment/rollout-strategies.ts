import type { ReplicaSetObject } from "../replicaset/replica-set-status.js";
import type { PodObject } from "../workload/pod-state.js";
import type { DeploymentSync } from "./deployment-sync.js";
import { desiredReplicas, maxUnavailable, newReplicaSetSize, specReplicas } from "./fenceposts.js";
import { activeOf, byCreation } from "./replica-set-sets.js";

const all = (oldRSs: readonly ReplicaSetObject[], newRS: ReplicaSetObject | undefined): ReplicaSetObject[] =>
  newRS === undefined ? [...oldRSs] : [...oldRSs, newRS];

/**
 * Kubernetes' rolloutRolling: grow the new ReplicaSet as far as maxSurge
 * allows, shrink old ones as far as maxUnavailable allows (unhealthy pods
 * first), clean up old revisions once complete, and report progress.
 */
export async function rolloutRolling(sync: DeploymentSync): Promise<void> {
  const { newRS, oldRSs } = await sync.newAndOld(true);
  const sets = all(oldRSs, newRS);
  if (newRS !== undefined && (await reconcileNewReplicaSet(sync, sets, newRS))) return sync.syncRolloutStatus(sets, newRS);
  if (await reconcileOldReplicaSets(sync, sets, activeOf(oldRSs), newRS)) return sync.syncRolloutStatus(sets, newRS);
  if (sync.complete(sets, newRS)) await sync.cleanup(oldRSs);
  return sync.syncRolloutStatus(sets, newRS);
}

async function reconcileNewReplicaSet(sync: DeploymentSync, sets: ReplicaSetObject[], newRS: ReplicaSetObject): Promise<boolean> {
  const desired = desiredReplicas(sync.d);
  const size = newRS.spec.replicas ?? 0;
  if (size === desired) return false;
  if (size > desired) return sync.scaleReplicaSet(newRS, desired);
  return sync.scaleReplicaSet(newRS, newReplicaSetSize(sync.d, sets, newRS));
}

// Kubernetes' reconcileOldReplicaSets: how many old pods may go without dropping below replicas - maxUnavailable.
async function reconcileOldReplicaSets(sync: DeploymentSync, sets: ReplicaSetObject[], oldRSs: ReplicaSetObject[], newRS: ReplicaSetObject | undefined): Promise<boolean> {
  if (specReplicas(oldRSs) === 0) return false;
  const minAvailable = desiredReplicas(sync.d) - maxUnavailable(sync.d);
  const newUnavailable = newRS === undefined ? 0 : (newRS.spec.replicas ?? 0) - (newRS.status?.availableReplicas ?? 0);
  const maxScaledDown = specReplicas(sets) - minAvailable - newUnavailable;
  if (maxScaledDown <= 0) return false;
  const cleaned = await cleanupUnhealthyReplicas(sync, oldRSs, maxScaledDown);
  const scaledDown = await scaleDownOldForRollingUpdate(sync, all(oldRSs, newRS), oldRSs);
  return cleaned + scaledDown > 0;
}

// Old pods that are not available go first: removing them costs no availability.
async function cleanupUnhealthyReplicas(sync: DeploymentSync, oldRSs: ReplicaSetObject[], maxCleanup: number): Promise<number> {
  let total = 0;
  for (const rs of [...oldRSs].sort(byCreation)) {
    if (total >= maxCleanup) break;
    const size = rs.spec.replicas ?? 0;
    const available = rs.status?.availableReplicas ?? 0;
    if (size === 0 || size === available) continue;
    const count = Math.min(maxCleanup - total, size - available);
    await sync.scaleReplicaSet(rs, size - count);
    total += count;
  }
  return total;
}

async function scaleDownOldForRollingUpdate(sync: DeploymentSync, sets: ReplicaSetObject[], oldRSs: ReplicaSetObject[]): Promise<number> {
  const minAvailable = desiredReplicas(sync.d) - maxUnavailable(sync.d);
  const available = sets.reduce((sum, rs) => sum + (rs.status?.availableReplicas ?? 0), 0);
  if (available <= minAvailable) return 0;
  const target = available - minAvailable;
  let total = 0;
  for (const rs of [...oldRSs].sort(byCreation)) {
    if (total >= target) break;
    const size = rs.spec.replicas ?? 0;
    if (size === 0) continue;
    const count = Math.min(size, target - total);
    await sync.scaleReplicaSet(rs, size - count);
    total += count;
  }
  return total;
}

/**
 * Kubernetes' rolloutRecreate: every old ReplicaSet to 0, wait until none
 * of their pods runs, then the new ReplicaSet at full size.
 */
export async function rolloutRecreate(sync: DeploymentSync, podsOf: (rs: ReplicaSetObject) => readonly PodObject[]): Promise<void> {
  let { newRS, oldRSs } = await sync.newAndOld(false);
  let sets = all(oldRSs, newRS);
  let scaledDown = false;
  for (const rs of activeOf(oldRSs)) if (await sync.scaleReplicaSet(rs, 0)) scaledDown = true;
  if (scaledDown || oldPodsRunning(oldRSs, podsOf)) return sync.syncRolloutStatus(sets, newRS);
  if (newRS === undefined) {
    ({ newRS, oldRSs } = await sync.newAndOld(true));
    sets = all(oldRSs, newRS);
  }
  if (newRS !== undefined) await sync.scaleReplicaSet(newRS, desiredReplicas(sync.d));
  if (sync.complete(sets, newRS)) await sync.cleanup(oldRSs);
  return sync.syncRolloutStatus(sets, newRS);
}

function oldPodsRunning(oldRSs: readonly ReplicaSetObject[], podsOf: (rs: ReplicaSetObject) => readonly PodObject[]): boolean {
  if (oldRSs.some((rs) => (rs.status?.replicas ?? 0) > 0)) return true;
  return oldRSs.some((rs) => podsOf(rs).some((pod) => pod.status?.phase !== "Failed" && pod.status?.phase !== "Succeeded"));
}
