import type { Node } from "../../../src/api/core/v1/node.js";
import type { Pod } from "../../../src/api/core/v1/pod.js";
import { realClock, type Clock } from "../../../src/clock.js";
import { runController } from "../../../src/client/controller/run-controller.js";
import { RestEventRecorder } from "../../../src/client/events/rest-event-recorder.js";
import { objectKey, splitKey } from "../../../src/client/informer/index.js";
import { isConflict, isNotFound, type ApiObject } from "../../../src/client/rest/rest-client.js";
import { DeadlineQueue } from "../../../src/client/workqueue/deadline-queue.js";
import { RateLimitingQueue } from "../../../src/client/workqueue/index.js";
import { rfc3339 } from "../../apiserver/strategy/system-metadata.js";
import type { Controller, ControllerContext } from "../controller.js";
import { indexPodsByNode, nodesRef, podsByNodeIndex, podsRef } from "../node-lifecycle/node-refs.js";
import { decideEviction, noExecuteSignature } from "./eviction-decision.js";

export interface TaintEvictionOptions {
  clock?: Clock;
}

type NodeObject = ApiObject & Pick<Node, "metadata" | "spec">;
type PodObject = ApiObject & Pick<Pod, "metadata" | "spec">;

const fieldManager = "taint-eviction-controller";

/**
 * Kubernetes' taint eviction controller: a pod bound to a node with a
 * NoExecute taint it does not tolerate is deleted at once; one that
 * tolerates every such taint for a while (tolerationSeconds) is deleted
 * when the shortest of those runs out, counted from when this controller
 * first saw it under the taints; untimed tolerations keep it. A deletion
 * is marked first with the pod's DisruptionTarget condition
 * (DeletionByTaintManager) and announced by a TaintManagerEviction Event;
 * a scheduled one that is no longer due (taint gone) is cancelled with
 * another.
 *
 * One work-queue key per pod; every waiting pod sits in one
 * `DeadlineQueue`, not a timer each.
 */
export function taintEvictionController(options: TaintEvictionOptions = {}): Controller {
  const clock = options.clock ?? realClock;
  return {
    name: "taint-eviction",
    async run({ client, informer, log }: ControllerContext, signal: AbortSignal): Promise<void> {
      const recorder = new RestEventRecorder({ client, component: "taint-eviction-controller", log, clock });
      const nodes = informer<NodeObject>(nodesRef);
      const pods = informer<PodObject>(podsRef);
      indexPodsByNode(pods);
      const queue = new RateLimitingQueue<string>({ clock });
      const deadlines = new DeadlineQueue<string>((key) => queue.add(key), { clock });
      signal.addEventListener("abort", () => deadlines.stop(), { once: true });
      /** When each pod was first seen under timed-tolerated NoExecute taints: its tolerations count from then. */
      const since = new Map<string, number>();

      const queuePodsOn = (nodeName: string): void => {
        for (const pod of pods.lister.byIndex(podsByNodeIndex, nodeName)) queue.add(objectKey(pod));
      };
      nodes.addEventHandler({
        onAdd: (node) => {
          if (noExecuteSignature(node.spec?.taints) !== "") queuePodsOn(node.metadata.name ?? "");
        },
        onUpdate: (old, node) => {
          if (noExecuteSignature(old.spec?.taints) !== noExecuteSignature(node.spec?.taints)) queuePodsOn(node.metadata.name ?? "");
        },
        onDelete: (node) => queuePodsOn(node.metadata.name ?? ""),
      });
      const notePod = (pod: PodObject): void => {
        const key = objectKey(pod);
        const node = pod.spec?.nodeName ? nodes.lister.get(undefined, pod.spec.nodeName) : undefined;
        if (since.has(key) || noExecuteSignature(node?.spec?.taints) !== "") queue.add(key);
      };
      pods.addEventHandler({
        onAdd: notePod,
        onUpdate: (_old, pod) => notePod(pod),
        onDelete: (pod) => queue.add(objectKey(pod)),
      });

      /** Forgets a pod's schedule; says so in an Event when a deletion was due later. */
      const cancel = (key: string, pod: PodObject | undefined): void => {
        const wasScheduled = deadlines.deadlineOf(key) !== undefined;
        deadlines.cancel(key);
        since.delete(key);
        if (wasScheduled && pod !== undefined) recorder.event(podRef(pod), "Normal", "TaintManagerEviction", `Cancelling deletion of Pod ${key}`);
      };

      const evict = async (key: string, pod: PodObject): Promise<void> => {
        deadlines.cancel(key);
        since.delete(key);
        const { namespace, name } = splitKey(key);
        recorder.event(podRef(pod), "Normal", "TaintManagerEviction", `Marking for deletion Pod ${key}`);
        const condition = {
          type: "DisruptionTarget",
          status: "True",
          reason: "DeletionByTaintManager",
          message: "Taint manager: deleting due to NoExecute taint",
          lastTransitionTime: rfc3339(clock.now()),
        };
        try {
          await client.patch(podsRef, namespace, name, "strategic", { status: { conditions: [condition] } }, { subresource: "status", fieldManager });
          await client.delete(podsRef, namespace, name, { preconditions: { uid: pod.metadata.uid ?? "" } });
          log.info({ pod: key, node: pod.spec?.nodeName }, "deleted a pod for its node's NoExecute taints (untolerated, or tolerated no longer)");
        } catch (error) {
          // Gone already, or replaced by a pod of the same name (uid precondition): nothing of ours to delete.
          if (isNotFound(error) || isConflict(error)) return;
          throw error;
        }
      };

      const sync = async (key: string): Promise<void> => {
        const pod = pods.lister.getByKey(key);
        const nodeName = pod?.spec?.nodeName;
        const node = nodeName ? nodes.lister.get(undefined, nodeName) : undefined;
        if (pod === undefined || pod.metadata.deletionTimestamp !== undefined || node === undefined) {
          cancel(key, undefined);
          return;
        }
        const decision = decideEviction(node.spec?.taints ?? [], pod.spec?.tolerations);
        if (decision.kind === "stay") {
          cancel(key, pod);
          return;
        }
        const now = clock.now();
        if (decision.kind === "now") return evict(key, pod);
        const start = since.get(key) ?? now;
        since.set(key, start);
        const dueMs = start + decision.seconds * 1000;
        if (now >= dueMs) return evict(key, pod);
        deadlines.schedule(key, dueMs);
      };

      await runController({ informers: [nodes, pods], queue, workers: 4, log, signal, sync });
      deadlines.stop();
      await recorder.flush();
    },
  };
}

const podRef = (pod: PodObject) => ({
  apiVersion: "v1",
  kind: "Pod",
  namespace: pod.metadata.namespace ?? "",
  name: pod.metadata.name ?? "",
  uid: pod.metadata.uid ?? "",
});
