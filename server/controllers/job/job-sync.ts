import { isBeingDeleted } from "../workload/pod-state.js";
import type { Job } from "../../../src/api/batch/v1/job.js";
import type { ObjectReference } from "../../../src/api/core/v1/object-reference.js";
import type { Clock } from "../../../src/clock.js";
import type { EventRecorder } from "../../../src/client/events/event-recorder.js";
import type { ResourceRef } from "../../../src/client/rest/paths.js";
import { type ApiObject, isNotFound, type RestClient } from "../../../src/client/rest/rest-client.js";
import type { RateLimitingQueue } from "../../../src/client/workqueue/index.js";
import { controllerRefTo } from "../workload/controller-ref.js";
import type { Expectations } from "../workload/expectations.js";
import { eventReferenceTo, PodControl, podsRef } from "../workload/pod-control.js";
import { podFromTemplate } from "../workload/pod-from-template.js";
import { slowStartBatch } from "../workload/slow-start-batch.js";
import { stableJson } from "../workload/stable-json.js";
import { assignIndex } from "./completion-index.js";
import { ensureCondition, interimType, isJobFinished } from "./job-conditions.js";
import { decideJob } from "./job-decision.js";
import { hasTrackingFinalizer, type JobPod, jobTrackingFinalizer } from "./job-pods.js";
import type { BackoffRecord, PodFailureBackoff } from "./pod-failure-backoff.js";

export const jobsRef: ResourceRef = { group: "batch", version: "v1", resource: "jobs", namespaced: true };
const fieldManager = "job-controller";

/** A Job as the controller reads it from its cache (the server has defaulted it). */
export type JobObject = ApiObject & Pick<Job, "spec"> & { status?: Job["status"] };
type JobStatus = NonNullable<Job["status"]>;

export interface JobSyncDeps {
  client: RestClient;
  recorder: EventRecorder;
  expectations: Expectations;
  clock: Clock;
  queue: RateLimitingQueue<string>;
  backoffSettings: PodFailureBackoff;
}

/**
 * One Job's sync, once its pods are claimed: act on `decideJob`, then
 * count finished pods exactly once — their uids into
 * status.uncountedTerminatedPods, their finalizers off, then into
 * succeeded/failed — and write the terminal condition once nothing is left
 * uncounted or terminating. Every status write names the resourceVersion
 * it read, so a stale cache is a 409 and a retry, never a double count.
 */
export class JobSync {
  private readonly pods: PodControl;
  private readonly backoffs = new Map<string, BackoffRecord>();

  constructor(private readonly deps: JobSyncDeps) {
    this.pods = new PodControl(deps.client, deps.recorder, fieldManager);
  }

  forget(key: string): void {
    this.backoffs.delete(key);
  }

  async sync(key: string, job: JobObject, pods: JobPod[]): Promise<void> {
    if (isJobFinished(job.status)) return;
    const { clock, expectations, recorder } = this.deps;
    const nowMs = clock.now();
    const nowIso = new Date(nowMs).toISOString().replace(/\.\d{3}Z$/, "Z");
    const owner = eventReferenceTo(job, "batch/v1", "Job");
    const suspended = job.spec.suspend === true;
    const status: JobStatus = structuredClone(job.status ?? {});
    if (!suspended && status.startTime === undefined) status.startTime = nowIso;
    const satisfied = expectations.satisfied(key);
    const decision = decideJob({
      spec: job.spec,
      status,
      deleting: isBeingDeleted(job),
      pods,
      nowMs,
      backoff: this.backoffs.get(key) ?? { failuresAfterLastSuccess: 0 },
      backoffSettings: this.deps.backoffSettings,
      expectationsSatisfied: satisfied,
    });
    let failure: unknown;

    if (decision.outcome === undefined && satisfied && !isBeingDeleted(job)) this.suspendConditions(status, suspended, nowIso, owner);
    if (decision.podsToDelete.length > 0) {
      expectations.expect(key, 0, decision.podsToDelete.map((pod) => String(pod.metadata?.uid ?? "")));
      await Promise.all(
        decision.podsToDelete.map(async (pod) => {
          try {
            if (!(await this.pods.delete(pod, owner))) expectations.deletionObserved(key, String(pod.metadata?.uid ?? ""));
          } catch (error) {
            expectations.deletionObserved(key, String(pod.metadata?.uid ?? ""));
            failure ??= error;
          }
        }),
      );
    }
    if (decision.create > 0) failure ??= await this.createPods(key, job, decision.create, decision.indexes, owner);

    // Counting, step 1: the finished pods' uids go into the status before their finalizers come off.
    // An Indexed Job's successes go straight into completedIndexes (an index counts once, whichever pod did it).
    const newlyUncountedSucceeded = decision.completedIndexes === undefined ? decision.newlySucceeded.map(uidOf) : [];
    if (decision.completedIndexes !== undefined) {
      status.completedIndexes = decision.completedIndexes.text;
      status.succeeded = decision.completedIndexes.count;
    }
    const uncounted = {
      succeeded: unique([...(status.uncountedTerminatedPods?.succeeded ?? []), ...newlyUncountedSucceeded]),
      failed: unique([...(status.uncountedTerminatedPods?.failed ?? []), ...decision.newlyFailed.map(uidOf)]),
    };
    status.uncountedTerminatedPods = uncountedField(uncounted.succeeded, uncounted.failed);
    status.active = decision.active;
    status.ready = decision.ready;
    status.terminating = decision.terminating;
    let interimAdded = false;
    if (decision.outcome !== undefined && failure === undefined) {
      const { reason, message } = decision.outcome;
      const result = ensureCondition(status.conditions, interimType(decision.outcome), "True", reason, message, nowIso);
      status.conditions = result.conditions;
      interimAdded = result.changed;
    }
    let current = job;
    if (decision.newlySucceeded.length > 0 || decision.newlyFailed.length > 0 || interimAdded) {
      current = await this.writeStatus(current, status);
    }
    this.backoffs.set(key, decision.backoff);

    // Step 2: finalizers off. Step 3: what is off (or gone) moves from uncounted into the counters.
    const released = await this.removeFinalizers(decision.finalizersToRemove);
    if (released.error !== undefined) failure ??= released.error;
    const stillHeld = new Set(pods.filter((pod) => hasTrackingFinalizer(pod) && !released.uids.has(uidOf(pod))).map(uidOf));
    const countedSucceeded = uncounted.succeeded.filter((uid) => !stillHeld.has(uid));
    const countedFailed = uncounted.failed.filter((uid) => !stillHeld.has(uid));
    status.succeeded = (status.succeeded ?? 0) + countedSucceeded.length;
    status.failed = (status.failed ?? 0) + countedFailed.length;
    const left = [...uncounted.succeeded, ...uncounted.failed].filter((uid) => stillHeld.has(uid));
    status.uncountedTerminatedPods = uncountedField(
      uncounted.succeeded.filter((uid) => stillHeld.has(uid)),
      uncounted.failed.filter((uid) => stillHeld.has(uid)),
    );
    const finished = decision.outcome !== undefined && failure === undefined && left.length === 0 && decision.terminating === 0;
    if (finished && decision.outcome !== undefined) {
      const { type, reason, message } = decision.outcome;
      status.conditions = ensureCondition(status.conditions, type, "True", reason, message, nowIso).conditions;
      if (type === "Complete") status.completionTime = nowIso;
    }
    if (changed(current.status, status)) await this.writeStatus(current, status);
    if (finished && decision.outcome !== undefined) {
      if (decision.outcome.type === "Complete") recorder.event(owner, "Normal", "Completed", "Job completed");
      else recorder.event(owner, "Warning", decision.outcome.reason, decision.outcome.message);
      this.forget(key);
    }
    if (decision.requeueAfterMs !== undefined) this.deps.queue.addAfter(key, decision.requeueAfterMs);
    if (failure !== undefined) throw failure;
  }

  /** Kubernetes' Suspended condition: True while suspended; False (and a fresh start time) on resume. */
  private suspendConditions(status: JobStatus, suspended: boolean, nowIso: string, owner: ObjectReference): void {
    if (suspended) {
      const result = ensureCondition(status.conditions, "Suspended", "True", "JobSuspended", "Job suspended", nowIso);
      status.conditions = result.conditions;
      if (result.changed) this.deps.recorder.event(owner, "Normal", "Suspended", "Job suspended");
      return;
    }
    const result = ensureCondition(status.conditions, "Suspended", "False", "JobResumed", "Job resumed", nowIso);
    if (!result.changed) return;
    status.conditions = result.conditions;
    // activeDeadlineSeconds counts the time a Job is continuously active.
    status.startTime = nowIso;
    this.deps.recorder.event(owner, "Normal", "Resumed", "Job resumed");
  }

  /** Creates `count` pods (for Indexed Jobs, one for each of `indexes`), slow start. */
  private async createPods(key: string, job: JobObject, count: number, indexes: readonly number[], owner: ObjectReference): Promise<unknown> {
    const { expectations } = this.deps;
    expectations.expect(key, count);
    const base = podFromTemplate(job.spec.template, job.metadata?.namespace ?? "", job.metadata?.name ?? "", controllerRefTo(job, { apiVersion: "batch/v1", kind: "Job" }));
    (base.metadata as Record<string, unknown>).finalizers = [jobTrackingFinalizer];
    const result = await slowStartBatch(count, async (i) => {
      const pod = structuredClone(base);
      const index = indexes[i];
      if (index !== undefined) assignIndex(pod, job.metadata?.name ?? "", index);
      await this.pods.create(pod, owner);
    });
    for (let skipped = result.succeeded; skipped < count; skipped++) expectations.creationObserved(key);
    return result.error;
  }

  /** Takes the tracking finalizer off each pod; the uids done (or gone), and the first failure. */
  private async removeFinalizers(pods: readonly JobPod[]): Promise<{ uids: Set<string>; error?: unknown }> {
    const uids = new Set<string>();
    let error: unknown;
    await Promise.all(
      pods.map(async (pod) => {
        try {
          await removeTrackingFinalizer(this.deps.client, pod);
          uids.add(uidOf(pod));
        } catch (failure) {
          error ??= failure;
        }
      }),
    );
    return error === undefined ? { uids } : { uids, error };
  }

  private async writeStatus(job: JobObject, status: JobStatus): Promise<JobObject> {
    return this.deps.client.update<JobObject>(jobsRef, job.metadata?.namespace, { ...job, status }, { subresource: "status", fieldManager });
  }
}

/**
 * Removes the tracking finalizer with a JSON patch that first tests it is
 * where it was read (no resourceVersion: the kubelet's status writes must
 * not make this fail). A pod already gone is done.
 */
export async function removeTrackingFinalizer(client: RestClient, pod: JobPod): Promise<void> {
  const finalizers = Array.isArray(pod.metadata?.finalizers) ? (pod.metadata.finalizers as string[]) : [];
  const index = finalizers.indexOf(jobTrackingFinalizer);
  if (index < 0) return;
  const path = `/metadata/finalizers/${index}`;
  const patch = [
    { op: "test", path: "/metadata/uid", value: pod.metadata?.uid },
    { op: "test", path, value: jobTrackingFinalizer },
    { op: "remove", path },
  ];
  try {
    await client.patch(podsRef, pod.metadata?.namespace, pod.metadata?.name ?? "", "json", patch, { fieldManager });
  } catch (error) {
    if (!isNotFound(error)) throw error;
  }
}

function uidOf(pod: JobPod): string {
  return String(pod.metadata?.uid ?? "");
}

/** status.uncountedTerminatedPods with empty lists left out, as Kubernetes writes it. */
function uncountedField(succeeded: string[], failed: string[]): JobStatus["uncountedTerminatedPods"] {
  return { ...(succeeded.length > 0 ? { succeeded } : {}), ...(failed.length > 0 ? { failed } : {}) };
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

/** Whether the status to write differs from what the server has (key order aside). */
function changed(before: Job["status"] | undefined, after: JobStatus): boolean {
  return stableJson(before ?? {}) !== stableJson(after);
}
