import type { Namespace } from "../../src/api/core/v1/namespace.js";
import type { Node } from "../../src/api/core/v1/node.js";
import type { Pod } from "../../src/api/core/v1/pod.js";
import { realClock, sleep, type Clock } from "../../src/clock.js";
import { runController } from "../../src/client/controller/run-controller.js";
import { RestEventRecorder } from "../../src/client/events/rest-event-recorder.js";
import { resourcePath, type ResourceRef } from "../../src/client/rest/paths.js";
import { isConflict, isNotFound, type ApiObject } from "../../src/client/rest/rest-client.js";
import { RateLimitingQueue } from "../../src/client/workqueue/index.js";
import type { Controller, ControllerContext } from "../controllers/controller.js";
import { ConcurrencyLimit } from "./concurrency-limit.js";
import { podInfoOf } from "./pod-info.js";
import { SchedulerCache } from "./scheduler-cache.js";
import { SchedulingAlgorithm } from "./scheduling-algorithm.js";
import { unschedulablePatch } from "./unschedulable-condition.js";
import { UnschedulablePods } from "./unschedulable-pods.js";

const podsRef: ResourceRef = { group: "", version: "v1", resource: "pods", namespaced: true };
const nodesRef: ResourceRef = { group: "", version: "v1", resource: "nodes", namespaced: false };
const namespacesRef: ResourceRef = { group: "", version: "v1", resource: "namespaces", namespaced: false };

export const defaultSchedulerName = "default-scheduler";

export interface SchedulerOptions {
  /** Bindings in flight at once (default 32); status writes of unschedulable pods have 8 more of their own. */
  concurrency?: number;
  /** kube-scheduler's percentageOfNodesToScore; 0 or absent: adaptive. */
  percentageOfNodesToScore?: number;
  /** How often unschedulable pods are looked at for a retry (default 1 s). */
  flushIntervalMs?: number;
  /** The longest an unschedulable pod waits before a retry no change asked for (default 60 s). */
  maxUnschedulableWaitMs?: number;
  random?: () => number;
  clock?: Clock;
}

type PodObject = ApiObject & Pod;
type NodeObject = ApiObject & Node;
type NamespaceObject = ApiObject & Namespace;

const keyOf = (pod: Pod): string => `${pod.metadata.namespace ?? ""}/${pod.metadata.name ?? ""}`;
const isFinished = (pod: Pod): boolean => pod.status?.phase === "Succeeded" || pod.status?.phase === "Failed";

/** A pod this scheduler must place: unbound, ours by schedulerName, not gated, not being deleted, not finished. */
export function awaitsScheduling(pod: Pod): boolean {
  return (
    !pod.spec.nodeName &&
    (pod.spec.schedulerName || defaultSchedulerName) === defaultSchedulerName &&
    pod.metadata.deletionTimestamp === undefined &&
    (pod.spec.schedulingGates ?? []).length === 0 &&
    !isFinished(pod)
  );
}

/** What about a node the filters read: a change elsewhere (a heartbeat) is no reason to retry pods. */
function schedulingSignature(node: Node): string {
  const ready = node.status?.conditions?.find((condition) => condition.type === "Ready")?.status;
  return JSON.stringify([node.metadata.labels, node.spec?.taints, node.spec?.unschedulable, node.status?.allocatable, ready]);
}

/** Whether what the scheduler reads of a pending pod changed (its own status write changes neither). */
const schedulingInputsChanged = (old: Pod, pod: Pod): boolean =>
  JSON.stringify(old.spec) !== JSON.stringify(pod.spec) || JSON.stringify(old.metadata.labels) !== JSON.stringify(pod.metadata.labels);

const sameLabels = (a: Pod, b: Pod): boolean => JSON.stringify(a.metadata.labels ?? {}) === JSON.stringify(b.metadata.labels ?? {});

/**
 * The scheduler, as kube-scheduler: informers on nodes, pods and
 * namespaces feed its own cache; each pending pod is decided alone on the
 * cache (filters, scores), assumed on the chosen node at once, and bound
 * through pods/binding with several bindings in flight. A pod that fits
 * nowhere gets PodScheduled=False (Unschedulable) and a FailedScheduling
 * event, and waits apart until a node or pod change may help it, its
 * back-off allowing, or until it has waited a minute.
 */
export function schedulerController(options: SchedulerOptions = {}): Controller {
  const clock = options.clock ?? realClock;
  return {
    name: "scheduler",
    async run({ client, informer, log }: ControllerContext, signal: AbortSignal): Promise<void> {
      const pods = informer<PodObject>(podsRef);
      const nodes = informer<NodeObject>(nodesRef);
      const namespaces = informer<NamespaceObject>(namespacesRef);
      const cache = new SchedulerCache((name) => namespaces.lister.get(undefined, name)?.metadata.labels ?? {});
      const algorithm = new SchedulingAlgorithm({
        ...(options.percentageOfNodesToScore !== undefined ? { percentageOfNodesToScore: options.percentageOfNodesToScore } : {}),
        ...(options.random ? { random: options.random } : {}),
      });
      const parked = new UnschedulablePods({
        clock,
        ...(options.maxUnschedulableWaitMs !== undefined ? { maxWaitMs: options.maxUnschedulableWaitMs } : {}),
      });
      const queue = new RateLimitingQueue<string>({ clock });
      const bindings = new ConcurrencyLimit(options.concurrency ?? 32);
      // Status writes never hold up a decision or a binding: they queue on their own.
      const statusWrites = new ConcurrencyLimit(8);
      // Thousands of Scheduled events a second in a burst: room to queue them rather than drop.
      const recorder = new RestEventRecorder({ client, component: defaultSchedulerName, log, clock, maxPending: 20_000 });
      const requeue = (keys: readonly string[]): void => {
        for (const key of keys) queue.add(key);
      };

      nodes.addEventHandler({
        onAdd: (node) => {
          cache.setNode(node);
          requeue(parked.move());
        },
        onUpdate: (old, node) => {
          cache.setNode(node);
          if (schedulingSignature(old) !== schedulingSignature(node)) requeue(parked.move());
        },
        onDelete: (node) => cache.removeNode(node.metadata.name ?? ""),
      });

      const podChanged = (old: PodObject | undefined, pod: PodObject): void => {
        const key = keyOf(pod);
        if (pod.spec.nodeName) {
          parked.done(key);
          cache.setPod(podInfoOf(pod), isFinished(pod));
          // A pod that finished frees its node; one placed or relabelled may satisfy (or break) affinity and spread.
          if (isFinished(pod) && !(old && isFinished(old))) requeue(parked.move());
          else if (!old || !old.spec.nodeName || !sameLabels(old, pod)) requeue(parked.move(["InterPodAffinity", "PodTopologySpread"]));
          return;
        }
        if (!awaitsScheduling(pod)) {
          parked.done(key);
          return;
        }
        if (old && parked.has(key) && !schedulingInputsChanged(old, pod)) return;
        parked.remove(key);
        queue.add(key);
      };
      pods.addEventHandler({
        onAdd: (pod) => podChanged(undefined, pod),
        onUpdate: (old, pod) => podChanged(old, pod),
        onDelete: (pod) => {
          const key = keyOf(pod);
          parked.done(key);
          cache.removePod(key);
          if (pod.spec.nodeName) requeue(parked.move());
        },
      });

      const podReference = (pod: Pod) => ({ apiVersion: "v1", kind: "Pod", namespace: pod.metadata.namespace ?? "", name: pod.metadata.name ?? "", uid: pod.metadata.uid ?? "" });

      const bind = async (pod: Pod, node: string): Promise<void> => {
        const key = keyOf(pod);
        const { namespace = "", name = "", uid } = pod.metadata;
        const binding = { apiVersion: "v1", kind: "Binding", metadata: { name, namespace, ...(uid ? { uid } : {}) }, target: { apiVersion: "v1", kind: "Node", name: node } };
        try {
          await client.request({ method: "POST", path: resourcePath(podsRef, namespace, name, "binding"), body: JSON.stringify(binding), contentType: "application/json" });
          parked.done(key);
          recorder.event(podReference(pod), "Normal", "Scheduled", `Successfully assigned ${namespace}/${name} to ${node}`);
        } catch (error) {
          cache.forget(key);
          // What the pod held on the node is free again.
          requeue(parked.move());
          if (signal.aborted) return;
          // Gone, being deleted, or bound meanwhile: the informer tells the rest.
          if (isNotFound(error) || isConflict(error)) {
            log.debug({ err: error, pod: key, node }, "binding refused; left to the informer");
            return;
          }
          log.warn({ err: error, pod: key, node }, "binding failed; retrying with back-off");
          queue.addRateLimited(key);
        }
      };

      /** Written from the pod as the cache has it when the write's turn comes, and only while it still waits. */
      const markUnschedulable = async (key: string, message: string): Promise<void> => {
        const pod = pods.lister.getByKey(key);
        if (!pod || !awaitsScheduling(pod) || cache.isAssumed(key)) return;
        const patch = unschedulablePatch(pod, message, new Date(clock.now()).toISOString().replace(/\.\d{3}Z$/, "Z"));
        if (!patch) return;
        try {
          // The resourceVersion makes the patch conditional: it never lands on a pod bound meanwhile.
          const conditional = { metadata: { resourceVersion: pod.metadata.resourceVersion }, ...patch };
          await client.patch(podsRef, pod.metadata.namespace, pod.metadata.name ?? "", "strategic", conditional, { subresource: "status", fieldManager: defaultSchedulerName });
        } catch (error) {
          if (isConflict(error) || isNotFound(error) || signal.aborted) return;
          log.warn({ err: error, pod: key }, "could not mark the pod unschedulable");
        }
      };

      const sync = async (key: string): Promise<void> => {
        const pod = pods.lister.getByKey(key);
        if (!pod) {
          parked.done(key);
          return;
        }
        if (!awaitsScheduling(pod) || cache.isAssumed(key) || parked.has(key)) return;
        const info = podInfoOf(pod);
        const result = algorithm.schedule(info, cache);
        if (result.kind === "unschedulable") {
          parked.park(key, result.rejectedBy);
          log.debug({ pod: key, reason: result.message }, "pod is unschedulable");
          recorder.event(podReference(pod), "Warning", "FailedScheduling", result.message);
          statusWrites.enqueue(() => markUnschedulable(key, result.message));
          return;
        }
        cache.assume(info, result.node);
        queue.forget(key);
        // Waiting for a slot holds the next decision back: a burst of pods never piles up unbounded bindings.
        await bindings.start(() => bind(pod, result.node));
      };

      const flushing = (async () => {
        while (!signal.aborted) {
          await sleep(clock, options.flushIntervalMs ?? 1_000, signal);
          requeue(parked.due());
        }
      })();
      await runController({ informers: [pods, nodes, namespaces], queue, workers: 1, log, signal, sync });
      await Promise.all([flushing, bindings.idle(), statusWrites.idle()]);
      await recorder.flush();
    },
  };
}
