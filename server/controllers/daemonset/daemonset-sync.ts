import type { ObjectReference } from "../../../src/api/core/v1/object-reference.js";
import type { Clock } from "../../../src/clock.js";
import type { EventRecorder } from "../../../src/client/events/event-recorder.js";
import type { RestClient } from "../../../src/client/rest/rest-client.js";
import type { RateLimitingQueue } from "../../../src/client/workqueue/index.js";
import type { Logger } from "../../../src/log.js";
import { controllerRefTo } from "../workload/controller-ref.js";
import type { Expectations } from "../workload/expectations.js";
import { eventReferenceTo, PodControl } from "../workload/pod-control.js";
import { podFromTemplate } from "../workload/pod-from-template.js";
import { slowStartBatch } from "../workload/slow-start-batch.js";
import { type DaemonPod, podsByNode } from "./daemon-pods.js";
import type { DaemonSetObject } from "./daemonset-controller.js";
import { daemonSetsRef } from "./daemonset-controller.js";
import { daemonSetCounts, type DaemonSetCounts } from "./daemonset-status.js";
import { eligibilityByNode, type NodeObject } from "./eligibility.js";
import type { FailedPodBackoff } from "./failed-pod-backoff.js";
import { planManage } from "./manage-plan.js";
import { pinToNode } from "./node-affinity.js";
import { planRollingUpdate, rollingLimits } from "./rolling-update.js";
import { revisionHashLabel, templateGenerationLabel, templateHash } from "./template-hash.js";
import { daemonPodTolerations } from "./tolerations.js";

/** The annotation Kubernetes' apiserver keeps the template generation in. */
const templateGenerationAnnotation = "deprecated.daemonset.template.generation";
const fieldManager = "daemonset-controller";

export interface DaemonSetSyncDeps {
  client: RestClient;
  recorder: EventRecorder;
  expectations: Expectations;
  backoff: FailedPodBackoff;
  clock: Clock;
  log: Logger;
  queue: RateLimitingQueue<string>;
}

/**
 * One DaemonSet's sync, once its pods are claimed: the manage step, then
 * (with nothing left to create or delete) one rolling-update step, then the status.
 */
export class DaemonSetSync {
  private readonly pods: PodControl;

  constructor(private readonly deps: DaemonSetSyncDeps) {
    this.pods = new PodControl(deps.client, deps.recorder, fieldManager);
  }

  async sync(key: string, ds: DaemonSetObject, owned: DaemonPod[], nodes: NodeObject[]): Promise<void> {
    const { expectations, backoff, clock, queue } = this.deps;
    const uid = String(ds.metadata?.uid ?? "");
    const template = ds.spec.template.spec;
    const hash = templateHash(ds.spec.template);
    const byNode = podsByNode(owned);
    const minReadySeconds = ds.spec.minReadySeconds ?? 0;
    const strategy = ds.spec.updateStrategy;
    const rolling = strategy?.type === "RollingUpdate" ? strategy.rollingUpdate : undefined;
    const eligibility = eligibilityByNode(nodes, template);
    let desired = 0;
    for (const { shouldRun } of eligibility.values()) if (shouldRun) desired++;
    const limits = rollingLimits(rolling, desired);
    let failure: unknown;
    if (expectations.satisfied(key)) {
      const plan = planManage({
        eligibility,
        byNode,
        hash,
        allowsSurge: strategy?.type === "RollingUpdate" && limits.maxSurge > 0,
        minReadySeconds,
        nowMs: clock.now(),
        failedBackoffMs: (node) => backoff.remainingMs(`${uid}/${node}`),
      });
      for (const { pod, node } of plan.failed) {
        backoff.next(`${uid}/${node}`);
        const message = `Found failed daemon pod ${pod.metadata?.namespace ?? ""}/${pod.metadata?.name ?? ""} on node ${node}, will try to kill it`;
        this.deps.recorder.event(this.reference(ds), "Warning", "FailedDaemonPod", message);
      }
      if (plan.requeueAfterMs !== undefined) queue.addAfter(key, plan.requeueAfterMs);
      if (plan.nodesNeedingPods.length > 0 || plan.podsToDelete.length > 0) {
        failure = await this.syncNodes(key, ds, hash, plan.podsToDelete, plan.nodesNeedingPods, new Set(plan.orphaned));
      } else if (rolling !== undefined) {
        const step = planRollingUpdate({
          byNode,
          hash,
          ...limits,
          desired,
          minReadySeconds,
          nowMs: clock.now(),
          shouldRun: (name) => eligibility.get(name)?.shouldRun === true,
        });
        if (step.podsToDelete.length > 0 || step.nodesToCreate.length > 0) {
          failure = await this.syncNodes(key, ds, hash, step.podsToDelete, step.nodesToCreate, new Set());
        }
      }
    }
    const counts = daemonSetCounts(eligibility, byNode, hash, minReadySeconds, clock.now());
    await this.writeStatus(ds, counts);
    // Availability comes with time alone: look again once the ready pods have been ready long enough.
    if (minReadySeconds > 0 && counts.numberReady !== counts.numberAvailable) queue.addAfter(key, minReadySeconds * 1000);
    if (failure !== undefined) throw failure;
  }

  /** Creates pods for `create` nodes (slow start) and deletes `remove`; returns the first failure, after recording expectations right. */
  private async syncNodes(key: string, ds: DaemonSetObject, hash: string, remove: DaemonPod[], create: string[], orphaned: ReadonlySet<DaemonPod>): Promise<unknown> {
    const { expectations } = this.deps;
    expectations.expect(key, create.length, remove.map((pod) => String(pod.metadata?.uid ?? "")));
    const owner = this.reference(ds);
    let failure: unknown;
    await Promise.all(
      remove.map(async (pod) => {
        try {
          // A pod whose node is gone is never stopped by a kubelet: it goes at once (Kubernetes' pod GC does the same).
          const force = orphaned.has(pod) && Boolean(pod.spec?.nodeName);
          const deleted = await this.pods.delete(pod, owner, force);
          if (!deleted) expectations.deletionObserved(key, String(pod.metadata?.uid ?? ""));
        } catch (error) {
          expectations.deletionObserved(key, String(pod.metadata?.uid ?? ""));
          failure ??= error;
        }
      }),
    );
    const generation = templateGenerationOf(ds);
    const base = podFromTemplate(ds.spec.template, ds.metadata?.namespace ?? "", ds.metadata?.name ?? "", controllerRefTo(ds, { apiVersion: "apps/v1", kind: "DaemonSet" }), {
      [revisionHashLabel]: hash,
      ...(generation !== "" ? { [templateGenerationLabel]: generation } : {}),
    });
    const template = ds.spec.template.spec;
    const tolerations = daemonPodTolerations(template.tolerations ?? [], template.hostNetwork === true);
    const result = await slowStartBatch(create.length, async (index) => {
      const pod = structuredClone(base);
      const spec = pod.spec as Record<string, unknown>;
      spec.affinity = pinToNode(template.affinity, create[index] ?? "");
      spec.tolerations = tolerations;
      await this.pods.create(pod, owner);
    });
    // Creations that failed or never started will not be observed.
    for (let skipped = result.succeeded; skipped < create.length; skipped++) expectations.creationObserved(key);
    return failure ?? result.error;
  }

  private async writeStatus(ds: DaemonSetObject, counts: DaemonSetCounts): Promise<void> {
    const observedGeneration = ds.metadata?.generation;
    const current = ds.status;
    const unchanged =
      current !== undefined &&
      current.observedGeneration === observedGeneration &&
      (Object.keys(counts) as Array<keyof DaemonSetCounts>).every((field) => (current[field] ?? 0) === counts[field]);
    if (unchanged) return;
    const status = { ...counts, ...(typeof observedGeneration === "number" ? { observedGeneration } : {}) };
    await this.deps.client.patch(daemonSetsRef, ds.metadata?.namespace, ds.metadata?.name ?? "", "merge", { status }, { subresource: "status", fieldManager });
  }

  private reference(ds: DaemonSetObject): ObjectReference {
    return eventReferenceTo(ds, "apps/v1", "DaemonSet");
  }
}

/**
 * The template generation a pod is labelled with: Kubernetes' apiserver
 * keeps it in an annotation; skiff's does not, so the DaemonSet's
 * generation stands in (it moves with every spec change, the template's included).
 * Pods are matched to the template by their revision hash, never by this.
 */
function templateGenerationOf(ds: DaemonSetObject): string {
  const annotations = ds.metadata?.annotations;
  const annotated = typeof annotations === "object" && annotations !== null ? (annotations as Record<string, unknown>)[templateGenerationAnnotation] : undefined;
  if (typeof annotated === "string") return annotated;
  return typeof ds.metadata?.generation === "number" ? String(ds.metadata.generation) : "";
}
