import type { ObjectReference } from "../../../src/api/core/v1/object-reference.js";
import type { EventRecorder } from "../../../src/client/events/event-recorder.js";
import type { ResourceRef } from "../../../src/client/rest/paths.js";
import { isNotFound, type RestClient } from "../../../src/client/rest/rest-client.js";
import { controllerRefTo } from "../workload/controller-ref.js";
import type { Expectations } from "../workload/expectations.js";
import { podFromTemplate, type PodTemplateLike } from "../workload/pod-from-template.js";
import type { PodObject } from "../workload/pod-state.js";
import { slowStartBatch } from "../workload/slow-start-batch.js";
import { podsToDelete } from "./active-pods-ranking.js";
import type { ManageFailure, ReplicaSetObject } from "./replica-set-status.js";

export const podsRef: ResourceRef = { group: "", version: "v1", resource: "pods", namespaced: true };
export const replicaSetKind = { apiVersion: "apps/v1", kind: "ReplicaSet" };

/** Kubernetes' BurstReplicas: pods created or deleted at most per sync of one ReplicaSet. */
export const burstReplicas = 500;
const fieldManager = "replicaset-controller";

export interface ManageReplicasDeps {
  client: RestClient;
  recorder: EventRecorder;
  expectations: Expectations;
}

/** What one manageReplicas pass is given: the ReplicaSet, its key, its active pods and its owner family's pods. */
export interface ManageInput {
  key: string;
  rs: ReplicaSetObject;
  active: readonly PodObject[];
  related: readonly PodObject[];
  nowMs: number;
}

/**
 * Kubernetes' manageReplicas: creates the missing pods (slow-start batches,
 * at most `burstReplicas`) or deletes the surplus in ActivePods order,
 * recording expectations first so the next sync waits for the cache to show
 * these writes. Returns the failure for the ReplicaFailure condition, if any.
 */
export async function manageReplicas(deps: ManageReplicasDeps, input: ManageInput): Promise<ManageFailure | undefined> {
  const { rs, key, active } = input;
  const diff = active.length - (rs.spec.replicas ?? 1);
  if (diff < 0) return createPods(deps, key, rs, Math.min(-diff, burstReplicas));
  if (diff > 0) return deletePods(deps, key, rs, podsToDelete(active, input.related, Math.min(diff, burstReplicas), input.nowMs));
  return undefined;
}

async function createPods(deps: ManageReplicasDeps, key: string, rs: ReplicaSetObject, count: number): Promise<ManageFailure | undefined> {
  const namespace = rs.metadata?.namespace ?? "default";
  const name = rs.metadata?.name ?? "";
  const involved = referenceTo(rs);
  const pod = podFromTemplate(rs.spec.template as PodTemplateLike, namespace, name, controllerRefTo(rs, replicaSetKind));
  deps.expectations.expect(key, count);
  const { succeeded, error } = await slowStartBatch(count, async () => {
    try {
      const created = await deps.client.create<PodObject>(podsRef, namespace, pod, { fieldManager });
      deps.recorder.event(involved, "Normal", "SuccessfulCreate", `Created pod: ${created.metadata?.name ?? ""}`);
    } catch (failure) {
      deps.recorder.event(involved, "Warning", "FailedCreate", `Error creating: ${messageOf(failure)}`);
      throw failure;
    }
  });
  // Creations that failed or were never tried will not show up in the cache.
  for (let i = succeeded; i < count; i += 1) deps.expectations.creationObserved(key);
  return error === undefined ? undefined : { reason: "FailedCreate", message: messageOf(error) };
}

async function deletePods(deps: ManageReplicasDeps, key: string, rs: ReplicaSetObject, victims: readonly PodObject[]): Promise<ManageFailure | undefined> {
  const involved = referenceTo(rs);
  const uidOf = (pod: PodObject): string => String(pod.metadata?.uid ?? "");
  deps.expectations.expect(key, 0, victims.map(uidOf));
  const failures: unknown[] = [];
  await Promise.all(
    victims.map(async (pod) => {
      const podName = pod.metadata?.name ?? "";
      try {
        await deps.client.delete(podsRef, pod.metadata?.namespace, podName, { preconditions: { uid: uidOf(pod) } });
        deps.recorder.event(involved, "Normal", "SuccessfulDelete", `Deleted pod: ${podName}`);
      } catch (failure) {
        // This deletion will not be observed: do not wait for it.
        deps.expectations.deletionObserved(key, uidOf(pod));
        if (isNotFound(failure)) return;
        deps.recorder.event(involved, "Warning", "FailedDelete", `Error deleting: ${messageOf(failure)}`);
        failures.push(failure);
      }
    }),
  );
  return failures.length === 0 ? undefined : { reason: "FailedDelete", message: messageOf(failures[0]) };
}

/** The ObjectReference of a ReplicaSet, for its Events. */
export function referenceTo(rs: ReplicaSetObject): ObjectReference {
  return {
    apiVersion: replicaSetKind.apiVersion,
    kind: replicaSetKind.kind,
    namespace: rs.metadata?.namespace ?? "default",
    name: rs.metadata?.name ?? "",
    uid: String(rs.metadata?.uid ?? ""),
  };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
