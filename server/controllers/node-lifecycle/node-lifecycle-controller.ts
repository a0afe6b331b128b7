import type { Lease } from "../../../src/api/coordination/v1/lease.js";
import type { Node } from "../../../src/api/core/v1/node.js";
import type { Pod } from "../../../src/api/core/v1/pod.js";
import { realClock, type Clock } from "../../../src/clock.js";
import { runController } from "../../../src/client/controller/run-controller.js";
import { RestEventRecorder } from "../../../src/client/events/rest-event-recorder.js";
import { isNotFound, type ApiObject, type RestClient } from "../../../src/client/rest/rest-client.js";
import { DeadlineQueue } from "../../../src/client/workqueue/deadline-queue.js";
import { RateLimitingQueue } from "../../../src/client/workqueue/index.js";
import { rfc3339 } from "../../apiserver/strategy/system-metadata.js";
import type { Controller, ControllerContext } from "../controller.js";
import { NodeHealth } from "./node-health.js";
import { indexPodsByNode, leasesRef, nodeLeaseNamespace, nodesRef, podsByNodeIndex, podsRef } from "./node-refs.js";
import { readyConditionOf, readyStatusOf, silencedConditions, type ReadyStatus } from "./node-status.js";
import { desiredTaints } from "./node-taints.js";
import { notReadyPatch } from "./pod-readiness.js";
import { ReadinessCensus } from "./readiness-census.js";

export const defaultNodeMonitorGracePeriodMs = 40_000;
export const defaultNodeStartupGracePeriodMs = 60_000;

export interface NodeLifecycleOptions {
  /** How long a node may go without renewing its Lease or posting its status before it is Unknown (Kubernetes' --node-monitor-grace-period, 40 s). */
  monitorGracePeriodMs?: number;
  /** The same for a node that never posted a Ready condition (Kubernetes' --node-startup-grace-period, 60 s). */
  startupGracePeriodMs?: number;
  clock?: Clock;
}

type NodeObject = ApiObject & Pick<Node, "metadata" | "spec" | "status">;
type LeaseObject = ApiObject & Pick<Lease, "metadata" | "spec">;
type PodObject = ApiObject & Pick<Pod, "metadata" | "spec" | "status">;

const fieldManager = "node-lifecycle-controller";
/** How soon a node whose NoExecute taint was held back (every other node seemed gone too) is looked at again (Kubernetes' node monitor period). */
const heldBackRecheckMs = 5_000;
const nameOf = (object: ApiObject): string => object.metadata?.name ?? "";

/**
 * Kubernetes' node lifecycle controller. A node that neither renews its
 * Lease in kube-node-lease nor posts its Ready heartbeat for the grace
 * period gets its kubelet conditions set to Unknown; each node carries the
 * taints its Ready condition calls for (`not-ready` when False,
 * `unreachable` when Unknown, NoExecute and NoSchedule, removed once it is
 * Ready again; `unschedulable:NoSchedule` while cordoned); the pods of a
 * node that is not Ready are marked not Ready. While no node at all is
 * Ready the NoExecute taints are held back (evicting everything helps no
 * one). Evicting pods from NoExecute-tainted nodes is the taint eviction
 * controller's part.
 *
 * One work-queue key per node; the moment a healthy node's grace runs out
 * is kept in one `DeadlineQueue` for all nodes, not a timer each.
 */
export function nodeLifecycleController(options: NodeLifecycleOptions = {}): Controller {
  const clock = options.clock ?? realClock;
  const monitorGraceMs = options.monitorGracePeriodMs ?? defaultNodeMonitorGracePeriodMs;
  const startupGraceMs = options.startupGracePeriodMs ?? defaultNodeStartupGracePeriodMs;
  return {
    name: "node-lifecycle",
    async run({ client, informer, log }: ControllerContext, signal: AbortSignal): Promise<void> {
      const recorder = new RestEventRecorder({ client, component: "node-controller", log, clock });
      const nodes = informer<NodeObject>(nodesRef);
      const leases = informer<LeaseObject>(leasesRef, { fieldSelector: `metadata.namespace=${nodeLeaseNamespace}` });
      const pods = informer<PodObject>(podsRef);
      indexPodsByNode(pods);
      const queue = new RateLimitingQueue<string>({ clock });
      const deadlines = new DeadlineQueue<string>((name) => queue.add(name), { clock });
      signal.addEventListener("abort", () => deadlines.stop(), { once: true });
      const health = new NodeHealth(clock);
      /** When each node's grace runs out, as its last sync saw it. */
      const expiries = new Map<string, number>();
      const census = new ReadinessCensus();

      const noteNode = (node: NodeObject | undefined, name: string): void => {
        const wasDown = census.allDown();
        if (node === undefined) census.delete(name);
        else census.set(name, readyStatusOf(node.status?.conditions));
        queue.add(name);
        // No node Ready any more, or one again: every node's NoExecute taints change.
        if (census.allDown() !== wasDown) for (const other of nodes.lister.list()) queue.add(nameOf(other));
      };
      nodes.addEventHandler({
        onAdd: (node) => noteNode(node, nameOf(node)),
        onUpdate: (_old, node) => noteNode(node, nameOf(node)),
        onDelete: (node) => noteNode(undefined, nameOf(node)),
      });
      leases.addEventHandler({
        onAdd: (lease) => queue.add(nameOf(lease)),
        onUpdate: (_old, lease) => queue.add(nameOf(lease)),
      });
      // A Ready pod that turns up on a node that is not Ready is marked at the node's next sync.
      const notePod = (pod: PodObject): void => {
        const node = pod.spec?.nodeName;
        if (node && census.statusOf(node) !== undefined && census.statusOf(node) !== "True" && notReadyPatch(pod, "") !== undefined) queue.add(node);
      };
      pods.addEventHandler({ onAdd: notePod, onUpdate: (_old, pod) => notePod(pod) });

      const sync = async (name: string): Promise<void> => {
        const node = nodes.lister.get(undefined, name);
        if (node === undefined) {
          health.forget(name);
          deadlines.cancel(name);
          expiries.delete(name);
          return;
        }
        const conditions = node.status?.conditions ?? [];
        const ready = readyConditionOf(conditions);
        const lease = leases.lister.get(nodeLeaseNamespace, name);
        const lastSeenMs = health.observe(name, { readyHeartbeat: ready?.lastHeartbeatTime, leaseRenewTime: lease?.spec?.renewTime });
        const expiresMs = lastSeenMs + (ready === undefined ? startupGraceMs : monitorGraceMs);
        const now = clock.now();
        expiries.set(name, expiresMs);
        let current: NodeObject = node;
        if (now >= expiresMs) {
          const silenced = silencedConditions(conditions, node.metadata.creationTimestamp, rfc3339(now));
          if (silenced !== undefined) {
            current = await writeConditions(client, node, silenced);
            log.info({ node: name, lastSeenMs }, "the node stopped posting its status: its conditions are Unknown");
            if (ready?.status === "True") {
              recorder.event({ kind: "Node", name, uid: name }, "Normal", "NodeNotReady", `Node ${name} status is now: NodeNotReady`);
            }
          }
        } else {
          deadlines.schedule(name, expiresMs);
        }

        const status = readyStatusOf(current.status?.conditions);
        const inputs = { ready: status, unschedulable: current.spec?.unschedulable === true, evictionsPaused: census.allDownWith(name, status) };
        let taints = desiredTaints(current.spec?.taints ?? [], inputs, rfc3339(now));
        const addsNoExecute = (taints ?? []).some((t) => t.effect === "NoExecute" && !(current.spec?.taints ?? []).some((c) => c.key === t.key && c.effect === t.effect));
        if (addsNoExecute && census.othersAllDown(name, (other) => (expiries.get(other) ?? Number.POSITIVE_INFINITY) > now)) {
          // The others have timed out too, unwritten yet: their syncs follow, and evicting now would empty the cluster. Look again shortly.
          taints = desiredTaints(current.spec?.taints ?? [], { ...inputs, evictionsPaused: true }, rfc3339(now));
          deadlines.schedule(name, now + heldBackRecheckMs);
        }
        if (taints !== undefined) {
          await client.patch(nodesRef, undefined, name, "merge", { metadata: { resourceVersion: current.metadata.resourceVersion }, spec: { taints } }, { fieldManager });
          log.info({ node: name, ready: status, taints: taints.map((t) => `${t.key}:${t.effect}`) }, "set the node's taints");
        }
        if (status === "False" || status === "Unknown") await markPodsNotReady(name, status);
      };

      const markPodsNotReady = async (name: string, status: ReadyStatus): Promise<void> => {
        const failures: unknown[] = [];
        for (const pod of pods.lister.byIndex(podsByNodeIndex, name)) {
          const patch = notReadyPatch(pod, rfc3339(clock.now()));
          if (patch === undefined) continue;
          const namespace = pod.metadata.namespace;
          try {
            await client.patch(podsRef, namespace, nameOf(pod), "strategic", patch, { subresource: "status", fieldManager });
          } catch (error) {
            if (!isNotFound(error)) failures.push(error);
            continue;
          }
          const ref = { apiVersion: "v1", kind: "Pod", namespace, name: nameOf(pod), uid: pod.metadata.uid ?? "" };
          recorder.event(ref, "Warning", "NodeNotReady", "Node is not ready");
        }
        if (failures.length > 0) {
          throw new Error(`could not mark ${failures.length} pod(s) on node ${name} (Ready ${status}) not Ready: ${String(failures[0])}`);
        }
      };

      await runController({ informers: [nodes, leases, pods], queue, workers: 2, log, signal, sync });
      deadlines.stop();
      await recorder.flush();
    },
  };
}

/** Writes a node's conditions, at the version read: a node that wrote meanwhile makes it a 409, and the sync runs again. */
async function writeConditions(client: RestClient, node: NodeObject, conditions: NonNullable<Node["status"]>["conditions"]): Promise<NodeObject> {
  const patch = { metadata: { resourceVersion: node.metadata.resourceVersion }, status: { conditions } };
  return client.patch<NodeObject>(nodesRef, undefined, nameOf(node), "merge", patch, { subresource: "status", fieldManager });
}
