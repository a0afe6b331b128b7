import { isBeingDeleted } from "../workload/pod-state.js";
import type { DaemonSet } from "../../../src/api/apps/v1/daemon-set.js";
import { selectorFromLabelSelector, type Selector } from "../../../src/api/labels/index.js";
import { type Clock, realClock } from "../../../src/clock.js";
import { runController } from "../../../src/client/controller/run-controller.js";
import { RestEventRecorder } from "../../../src/client/events/rest-event-recorder.js";
import { controllerIndex, labelsOf } from "../../../src/client/informer/index-functions.js";
import { objectKey } from "../../../src/client/informer/object-key.js";
import type { ResourceRef } from "../../../src/client/rest/paths.js";
import type { ApiObject } from "../../../src/client/rest/rest-client.js";
import { RateLimitingQueue } from "../../../src/client/workqueue/index.js";
import type { Controller, ControllerContext } from "../controller.js";
import { claimObjects } from "../workload/claim.js";
import { controllerRefOf } from "../workload/controller-ref.js";
import { Expectations } from "../workload/expectations.js";
import { podsRef } from "../workload/pod-control.js";
import { type DaemonPod } from "./daemon-pods.js";
import { type NodeObject, nodeShouldRunDaemonPod } from "./eligibility.js";
import { FailedPodBackoff } from "./failed-pod-backoff.js";
import { DaemonSetSync } from "./daemonset-sync.js";

export const daemonSetsRef: ResourceRef = { group: "apps", version: "v1", resource: "daemonsets", namespaced: true };
const nodesRef: ResourceRef = { group: "", version: "v1", resource: "nodes", namespaced: false };

/** A DaemonSet as the controller reads it from its cache (the server has defaulted it). */
export type DaemonSetObject = ApiObject & Pick<DaemonSet, "spec"> & { status?: DaemonSet["status"] };

export interface DaemonSetControllerOptions {
  clock?: Clock;
  /** DaemonSets synced at once (Kubernetes' --concurrent-daemonset-syncs, default 2). */
  workers?: number;
}

/**
 * Kubernetes' DaemonSet controller: one pod of the template on every node
 * that should run one (see eligibility.ts), placed by the scheduler through
 * a required node affinity naming the node; pods go from nodes that may not
 * keep one and from nodes that are gone; failed pods are replaced with
 * back-off; RollingUpdate (maxUnavailable, maxSurge) or OnDelete; status as
 * `kubectl rollout status daemonset` reads it.
 */
export function daemonSetController(options: DaemonSetControllerOptions = {}): Controller {
  return {
    name: "daemonset",
    async run({ client, informer, log }: ControllerContext, signal: AbortSignal): Promise<void> {
      const clock = options.clock ?? realClock;
      const recorder = new RestEventRecorder({ client, component: "daemonset-controller", log });
      const daemonSets = informer<DaemonSetObject>(daemonSetsRef);
      const pods = informer<DaemonPod>(podsRef);
      const nodes = informer<NodeObject>(nodesRef);
      const queue = new RateLimitingQueue<string>({ clock });
      const expectations = new Expectations(clock);
      const backoff = new FailedPodBackoff(clock);

      const ownerKeyOf = (pod: DaemonPod): string | undefined => {
        const ref = controllerRefOf(pod);
        if (ref === undefined || ref.kind !== "DaemonSet") return undefined;
        const owner = daemonSets.lister.get(pod.metadata?.namespace, ref.name);
        return owner !== undefined && owner.metadata?.uid === ref.uid ? objectKey(owner) : undefined;
      };
      // An orphan may be adopted by any DaemonSet of its namespace whose selector it matches.
      const enqueueAdopters = (pod: DaemonPod): void => {
        if (controllerRefOf(pod) !== undefined || isBeingDeleted(pod)) return;
        for (const ds of daemonSets.lister.list(pod.metadata?.namespace ?? "")) {
          const selector = selectorOf(ds);
          if (selector !== undefined && selector.matches(labelsOf(pod))) queue.add(objectKey(ds));
        }
      };
      const enqueueAll = (): void => {
        for (const ds of daemonSets.lister.list()) queue.add(objectKey(ds));
      };

      daemonSets.addEventHandler({
        onAdd: (ds) => queue.add(objectKey(ds)),
        onUpdate: (_old, ds) => queue.add(objectKey(ds)),
        onDelete: (ds) => {
          expectations.forget(objectKey(ds));
          backoff.forgetPrefix(`${String(ds.metadata?.uid ?? "")}/`);
        },
      });
      pods.addEventHandler({
        onAdd: (pod) => {
          const key = ownerKeyOf(pod);
          if (key === undefined) return enqueueAdopters(pod);
          expectations.creationObserved(key);
          queue.add(key);
        },
        onUpdate: (old, pod) => {
          if (old.metadata?.resourceVersion === pod.metadata?.resourceVersion) return;
          const key = ownerKeyOf(pod);
          const oldKey = ownerKeyOf(old);
          if (oldKey !== undefined && oldKey !== key) queue.add(oldKey);
          if (key === undefined) return enqueueAdopters(pod);
          // A pod marked for deletion is as good as gone for the expectations (its kubelet finishes it).
          if (isBeingDeleted(pod) && !isBeingDeleted(old)) expectations.deletionObserved(key, String(pod.metadata?.uid ?? ""));
          queue.add(key);
        },
        onDelete: (pod) => {
          const key = ownerKeyOf(pod);
          if (key === undefined) return;
          expectations.deletionObserved(key, String(pod.metadata?.uid ?? ""));
          queue.add(key);
        },
      });
      nodes.addEventHandler({
        onAdd: enqueueAll,
        // Agents report status every few seconds: only a change of what a DaemonSet decides on wakes it.
        onUpdate: (old, node) => {
          for (const ds of daemonSets.lister.list()) {
            const before = nodeShouldRunDaemonPod(old, ds.spec.template.spec);
            const after = nodeShouldRunDaemonPod(node, ds.spec.template.spec);
            if (before.shouldRun !== after.shouldRun || before.shouldContinueRunning !== after.shouldContinueRunning) queue.add(objectKey(ds));
          }
        },
        onDelete: enqueueAll,
      });

      const sync = new DaemonSetSync({ client, recorder, expectations, backoff, clock, log, queue });
      await runController({
        informers: [daemonSets, pods, nodes],
        queue,
        workers: options.workers ?? 2,
        log,
        signal,
        sync: async (key) => {
          const ds = daemonSets.lister.getByKey(key);
          if (ds === undefined) {
            expectations.forget(key);
            return;
          }
          const selector = selectorOf(ds);
          if (selector === undefined || isBeingDeleted(ds)) return;
          const namespace = ds.metadata?.namespace ?? "";
          const candidates = new Map<string, DaemonPod>();
          for (const pod of pods.lister.byIndex(controllerIndex, String(ds.metadata?.uid ?? ""))) candidates.set(objectKey(pod), pod);
          for (const pod of pods.lister.list(namespace, selector)) candidates.set(objectKey(pod), pod);
          const owned = await claimObjects(client, podsRef, ds, { apiVersion: "apps/v1", kind: "DaemonSet" }, selector, [...candidates.values()], "daemonset-controller");
          await sync.sync(key, ds, owned, nodes.lister.list());
        },
      });
      await recorder.flush();
    },
  };
}

/** The DaemonSet's selector; undefined for one that cannot be used (validation keeps those out) or selects every pod. */
function selectorOf(ds: DaemonSetObject): Selector | undefined {
  const parsed = selectorFromLabelSelector(ds.spec.selector);
  if (!parsed.ok || parsed.value.isEmpty()) return undefined;
  return parsed.value;
}
