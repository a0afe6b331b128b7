import { selectorFromLabelSelector } from "../../../src/api/labels/index.js";
import { realClock, type Clock } from "../../../src/clock.js";
import { runController } from "../../../src/client/controller/run-controller.js";
import { RestEventRecorder } from "../../../src/client/events/rest-event-recorder.js";
import { controllerIndex, labelsOf } from "../../../src/client/informer/index-functions.js";
import { objectKey } from "../../../src/client/informer/object-key.js";
import type { SharedInformer } from "../../../src/client/informer/shared-informer.js";
import type { ResourceRef } from "../../../src/client/rest/paths.js";
import { isNotFound } from "../../../src/client/rest/rest-client.js";
import { RateLimitingQueue } from "../../../src/client/workqueue/index.js";
import type { Controller, ControllerContext } from "../controller.js";
import { claimObjects } from "../workload/claim.js";
import { controllerRefOf } from "../workload/controller-ref.js";
import { Expectations } from "../workload/expectations.js";
import { isPodActive, type PodObject } from "../workload/pod-state.js";
import { manageReplicas, podsRef, replicaSetKind } from "./manage-replicas.js";
import { computeReplicaSetStatus, nextAvailabilityInMs, sameReplicaSetStatus, type ReplicaSetObject } from "./replica-set-status.js";

export const replicaSetsRef: ResourceRef = { group: "apps", version: "v1", resource: "replicasets", namespaced: true };
const fieldManager = "replicaset-controller";

export interface ReplicaSetControllerOptions {
  clock?: Clock;
  /** Keys synced at once (default 5, as kube-controller-manager's --concurrent-replicaset-syncs). */
  workers?: number;
}

/**
 * Kubernetes' ReplicaSet controller: keeps `spec.replicas` active pods
 * matching each ReplicaSet's selector, controlled through ownerReferences
 * (adopting matching orphans, releasing pods that stopped matching), and
 * reports replicas, fullyLabeledReplicas, readyReplicas, availableReplicas,
 * observedGeneration and ReplicaFailure in its status. Dependents are found
 * through the informers' `controller` index, never by scanning all pods.
 */
export function replicaSetController(options: ReplicaSetControllerOptions = {}): Controller {
  const clock = options.clock ?? realClock;
  return {
    name: "replicaset",
    async run({ client, informer, log }: ControllerContext, signal: AbortSignal): Promise<void> {
      const recorder = new RestEventRecorder({ client, component: "replicaset-controller", log, clock });
      const expectations = new Expectations(clock);
      const replicaSets = informer<ReplicaSetObject>(replicaSetsRef);
      const pods = informer<PodObject>(podsRef);
      const queue = new RateLimitingQueue<string>({ clock });
      const handlers = podHandlers(replicaSets, queue, expectations);
      replicaSets.addEventHandler({
        onAdd: (rs) => queue.add(objectKey(rs)),
        onUpdate: (_old, rs) => queue.add(objectKey(rs)),
        onDelete: (rs) => {
          expectations.forget(objectKey(rs));
          queue.add(objectKey(rs));
        },
      });
      pods.addEventHandler(handlers);

      const sync = async (key: string): Promise<void> => {
        const rs = replicaSets.lister.getByKey(key);
        if (rs === undefined) {
          expectations.forget(key);
          return;
        }
        const parsed = selectorFromLabelSelector(rs.spec.selector);
        if (!parsed.ok) {
          log.error({ replicaSet: key, err: parsed.error }, "ReplicaSet has an unusable selector");
          return;
        }
        const namespace = rs.metadata?.namespace ?? "default";
        const needsSync = expectations.satisfied(key);
        const uid = String(rs.metadata?.uid ?? "");
        // Its own pods, and the pods its selector names (orphans to adopt among them).
        const candidates = new Map<string, PodObject>();
        for (const pod of pods.lister.byIndex(controllerIndex, uid)) candidates.set(objectKey(pod), pod);
        for (const pod of pods.lister.list(namespace, parsed.value)) {
          if (controllerRefOf(pod) === undefined) candidates.set(objectKey(pod), pod);
        }
        const claimable = [...candidates.values()].filter((pod) => pod.metadata?.namespace === namespace);
        const owned = await claimObjects(client, podsRef, rs, replicaSetKind, parsed.value, claimable, fieldManager);
        const active = owned.filter(isPodActive);
        const nowMs = clock.now();
        const failure =
          needsSync && rs.metadata?.deletionTimestamp === undefined
            ? await manageReplicas({ client, recorder, expectations }, { key, rs, active, related: relatedPods(rs), nowMs })
            : undefined;
        const status = computeReplicaSetStatus(rs, active, failure, nowMs);
        if (!sameReplicaSetStatus(rs.status, status)) {
          try {
            const patch = { status: { ...status, conditions: status.conditions ?? null } };
            await client.patch(replicaSetsRef, namespace, rs.metadata?.name ?? "", "merge", patch, { subresource: "status", fieldManager });
          } catch (error) {
            if (!isNotFound(error)) throw error;
            return;
          }
        }
        const wait = nextAvailabilityInMs(rs, active, nowMs);
        if (failure === undefined && wait !== undefined) queue.addAfter(key, wait + 100);
      };

      // The pods of every ReplicaSet of the same owner (a Deployment's), for the "doubled up on a node" rank.
      const relatedPods = (rs: ReplicaSetObject): PodObject[] => {
        const owner = controllerRefOf(rs);
        const family = owner === undefined ? [rs] : replicaSets.lister.byIndex(controllerIndex, owner.uid);
        return family.flatMap((member) => pods.lister.byIndex(controllerIndex, String(member.metadata?.uid ?? "")));
      };

      await runController({ informers: [replicaSets, pods], queue, workers: options.workers ?? 5, log, signal, sync });
      await recorder.flush();
    },
  };
}

/**
 * The pod events that wake ReplicaSets, as Kubernetes' addPod/updatePod/
 * deletePod: the controller of the pod (ticking off its expectations), or,
 * for an orphan, every ReplicaSet of the namespace whose selector matches it.
 */
function podHandlers(replicaSets: SharedInformer<ReplicaSetObject>, queue: RateLimitingQueue<string>, expectations: Expectations) {
  const ownerKey = (pod: PodObject): string | undefined => {
    const ref = controllerRefOf(pod);
    if (ref === undefined || ref.kind !== replicaSetKind.kind) return undefined;
    const rs = replicaSets.lister.get(pod.metadata?.namespace, ref.name);
    return rs !== undefined && rs.metadata?.uid === ref.uid ? objectKey(rs) : undefined;
  };
  const wakeMatching = (pod: PodObject): void => {
    const labels = labelsOf(pod);
    for (const rs of replicaSets.lister.list(pod.metadata?.namespace ?? "")) {
      const selector = selectorFromLabelSelector(rs.spec.selector);
      if (selector.ok && !selector.value.isEmpty() && selector.value.matches(labels)) queue.add(objectKey(rs));
    }
  };
  const uidOf = (pod: PodObject): string => String(pod.metadata?.uid ?? "");
  const deleted = (pod: PodObject): void => {
    const key = ownerKey(pod);
    if (key === undefined) return;
    expectations.deletionObserved(key, uidOf(pod));
    queue.add(key);
  };
  return {
    onAdd: (pod: PodObject): void => {
      if (pod.metadata?.deletionTimestamp !== undefined) return deleted(pod);
      const key = ownerKey(pod);
      if (key !== undefined) {
        expectations.creationObserved(key);
        queue.add(key);
      } else if (controllerRefOf(pod) === undefined) wakeMatching(pod);
    },
    onUpdate: (old: PodObject, pod: PodObject): void => {
      if (old.metadata?.resourceVersion === pod.metadata?.resourceVersion) return;
      if (pod.metadata?.deletionTimestamp !== undefined && old.metadata?.deletionTimestamp === undefined) {
        // A graceful deletion began: the pod no longer counts, so the deletion is observed now.
        deleted(pod);
        return;
      }
      const oldKey = ownerKey(old);
      const key = ownerKey(pod);
      if (oldKey !== undefined && oldKey !== key) queue.add(oldKey);
      if (key !== undefined) queue.add(key);
      else if (controllerRefOf(pod) === undefined && (oldKey !== undefined || JSON.stringify(labelsOf(old)) !== JSON.stringify(labelsOf(pod)))) {
        wakeMatching(pod);
      }
    },
    onDelete: deleted,
  };
}
