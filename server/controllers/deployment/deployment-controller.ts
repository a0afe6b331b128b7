import { selectorFromLabelSelector } from "../../../src/api/labels/index.js";
import { realClock, type Clock } from "../../../src/clock.js";
import { runController } from "../../../src/client/controller/run-controller.js";
import { RestEventRecorder } from "../../../src/client/events/rest-event-recorder.js";
import { controllerIndex, labelsOf } from "../../../src/client/informer/index-functions.js";
import { objectKey } from "../../../src/client/informer/object-key.js";
import type { SharedInformer } from "../../../src/client/informer/shared-informer.js";
import { RateLimitingQueue } from "../../../src/client/workqueue/index.js";
import type { Controller, ControllerContext } from "../controller.js";
import { podsRef } from "../replicaset/manage-replicas.js";
import type { ReplicaSetObject } from "../replicaset/replica-set-status.js";
import { replicaSetsRef } from "../replicaset/replicaset-controller.js";
import { claimObjects } from "../workload/claim.js";
import { controllerRefOf } from "../workload/controller-ref.js";
import type { PodObject } from "../workload/pod-state.js";
import { deploymentKind, deploymentsRef, DeploymentSync } from "./deployment-sync.js";
import type { DeploymentObject } from "./fenceposts.js";
import { rolloutRecreate, rolloutRolling } from "./rollout-strategies.js";

const fieldManager = "deployment-controller";

export interface DeploymentControllerOptions {
  clock?: Clock;
  /** Keys synced at once (default 5, as kube-controller-manager's --concurrent-deployment-syncs). */
  workers?: number;
}

/**
 * Kubernetes' deployment controller: rolls each Deployment's pods from one
 * ReplicaSet (one pod template, told apart by `pod-template-hash`) to the
 * next, RollingUpdate or Recreate, with revisions, proportional scaling,
 * pause, revision history cleanup and the Progressing / Available
 * conditions that `kubectl rollout status` reads.
 */
export function deploymentController(options: DeploymentControllerOptions = {}): Controller {
  const clock = options.clock ?? realClock;
  return {
    name: "deployment",
    async run({ client, informer, log }: ControllerContext, signal: AbortSignal): Promise<void> {
      const recorder = new RestEventRecorder({ client, component: "deployment-controller", log, clock });
      const deployments = informer<DeploymentObject>(deploymentsRef);
      const replicaSets = informer<ReplicaSetObject>(replicaSetsRef);
      const pods = informer<PodObject>(podsRef);
      const queue = new RateLimitingQueue<string>({ clock });
      const enqueue = (d: DeploymentObject): void => queue.add(objectKey(d));
      deployments.addEventHandler({ onAdd: enqueue, onUpdate: (_old, d) => enqueue(d), onDelete: enqueue });
      replicaSets.addEventHandler(replicaSetHandlers(deployments, queue));
      pods.addEventHandler({
        // Recreate waits for the old pods to be gone before it starts the new ones.
        onDelete: (pod) => {
          const rsRef = controllerRefOf(pod);
          const rs = rsRef === undefined ? undefined : replicaSets.lister.get(pod.metadata?.namespace, rsRef.name);
          const d = rs === undefined ? undefined : ownerOf(deployments, rs);
          if (d !== undefined && d.spec.strategy?.type === "Recreate") enqueue(d);
        },
      });

      const sync = async (key: string): Promise<void> => {
        const cached = deployments.lister.getByKey(key);
        if (cached === undefined) return;
        const d = structuredClone(cached);
        const deps = { client, recorder, nowMs: () => clock.now(), requeueAfter: (ms: number) => queue.addAfter(key, ms) };
        const parsed = selectorFromLabelSelector(d.spec.selector);
        if (!parsed.ok || parsed.value.isEmpty()) {
          const sync = new DeploymentSync(deps, d, []);
          recorder.event(sync.reference(), "Warning", "SelectingAll", "This deployment is selecting all pods. A non-empty selector is required.");
          return;
        }
        const namespace = d.metadata?.namespace ?? "default";
        // Its own ReplicaSets, and those its selector names (orphans to adopt among them): no scan of the namespace.
        const candidates = new Map<string, ReplicaSetObject>();
        for (const rs of replicaSets.lister.byIndex(controllerIndex, String(d.metadata?.uid ?? ""))) candidates.set(objectKey(rs), rs);
        for (const rs of replicaSets.lister.list(namespace, parsed.value)) candidates.set(objectKey(rs), rs);
        const inNamespace = [...candidates.values()].filter((rs) => rs.metadata?.namespace === namespace);
        const owned = await claimObjects(client, replicaSetsRef, d, deploymentKind, parsed.value, inNamespace, fieldManager);
        const sync = new DeploymentSync(deps, d, owned.map((rs) => structuredClone(rs)));
        if (d.metadata?.deletionTimestamp !== undefined) {
          const { newRS, oldRSs } = await sync.newAndOld(false);
          return sync.syncStatus(newRS === undefined ? oldRSs : [...oldRSs, newRS], newRS);
        }
        await sync.checkPausedConditions();
        if (sync.d.spec.paused === true) return syncOnly(sync);
        const { newRS, oldRSs } = await sync.newAndOld(false);
        if (sync.isScalingEvent(newRS === undefined ? oldRSs : [...oldRSs, newRS])) return syncOnly(sync);
        if (sync.d.spec.strategy?.type === "Recreate") {
          return rolloutRecreate(sync, (rs) => pods.lister.byIndex(controllerIndex, String(rs.metadata?.uid ?? "")));
        }
        return rolloutRolling(sync);
      };

      await runController({ informers: [deployments, replicaSets, pods], queue, workers: options.workers ?? 5, log, signal, sync });
      await recorder.flush();
    },
  };
}

/** Kubernetes' sync: scaling (and, when paused, history cleanup) without rolling anything out. */
async function syncOnly(sync: DeploymentSync): Promise<void> {
  const { newRS, oldRSs } = await sync.newAndOld(false);
  await sync.scale(newRS, oldRSs);
  if (sync.d.spec.paused === true) await sync.cleanup(oldRSs);
  await sync.syncStatus(newRS === undefined ? oldRSs : [...oldRSs, newRS], newRS);
}

function ownerOf(deployments: SharedInformer<DeploymentObject>, rs: ReplicaSetObject): DeploymentObject | undefined {
  const ref = controllerRefOf(rs);
  if (ref === undefined || ref.kind !== deploymentKind.kind) return undefined;
  const d = deployments.lister.get(rs.metadata?.namespace, ref.name);
  return d !== undefined && d.metadata?.uid === ref.uid ? d : undefined;
}

/** ReplicaSet events wake their Deployment; an orphan wakes every Deployment of its namespace that selects it. */
function replicaSetHandlers(deployments: SharedInformer<DeploymentObject>, queue: RateLimitingQueue<string>) {
  const wakeOwnerOrMatching = (rs: ReplicaSetObject): void => {
    const owner = ownerOf(deployments, rs);
    if (owner !== undefined) return queue.add(objectKey(owner));
    if (controllerRefOf(rs) !== undefined) return;
    const labels = labelsOf(rs);
    for (const d of deployments.lister.list(rs.metadata?.namespace ?? "")) {
      const selector = selectorFromLabelSelector(d.spec.selector);
      if (selector.ok && !selector.value.isEmpty() && selector.value.matches(labels)) queue.add(objectKey(d));
    }
  };
  return {
    onAdd: wakeOwnerOrMatching,
    onUpdate: (old: ReplicaSetObject, rs: ReplicaSetObject): void => {
      if (old.metadata?.resourceVersion === rs.metadata?.resourceVersion) return;
      const oldOwner = ownerOf(deployments, old);
      if (oldOwner !== undefined && controllerRefOf(rs)?.uid !== oldOwner.metadata?.uid) queue.add(objectKey(oldOwner));
      wakeOwnerOrMatching(rs);
    },
    onDelete: (rs: ReplicaSetObject): void => {
      const owner = ownerOf(deployments, rs);
      if (owner !== undefined) queue.add(objectKey(owner));
    },
  };
}
