import { isBeingDeleted } from "../workload/pod-state.js";
import { selectorFromLabelSelector, type Selector } from "../../../src/api/labels/index.js";
import { type Clock, realClock } from "../../../src/clock.js";
import { runController } from "../../../src/client/controller/run-controller.js";
import { RestEventRecorder } from "../../../src/client/events/rest-event-recorder.js";
import { controllerIndex, labelsOf } from "../../../src/client/informer/index-functions.js";
import { objectKey } from "../../../src/client/informer/object-key.js";
import { RateLimitingQueue } from "../../../src/client/workqueue/index.js";
import type { Controller, ControllerContext } from "../controller.js";
import { claimObjects } from "../workload/claim.js";
import { controllerRefOf } from "../workload/controller-ref.js";
import { Expectations } from "../workload/expectations.js";
import { podsRef } from "../workload/pod-control.js";
import { isJobFinished } from "./job-conditions.js";
import { hasTrackingFinalizer, type JobPod } from "./job-pods.js";
import { type JobObject, jobsRef, JobSync, removeTrackingFinalizer } from "./job-sync.js";
import { defaultPodFailureBackoff, type PodFailureBackoff } from "./pod-failure-backoff.js";

export interface JobControllerOptions {
  clock?: Clock;
  /** Jobs synced at once (Kubernetes' --concurrent-job-syncs, default 5). */
  workers?: number;
  /** The wait before a failed Job's next pod (default 10 s doubling to 6 min). */
  podFailureBackoff?: PodFailureBackoff;
}

// Queue keys of pods whose tracking finalizer no Job will take off (their Job is gone or done).
const orphanPrefix = "pod:";

/**
 * Kubernetes' Job controller, NonIndexed and Indexed: pods of the template up
 * to parallelism until `completions` succeeded; failures counted exactly
 * once (the job-tracking finalizer), with back-off before new pods, up to
 * backoffLimit (Failed, BackoffLimitExceeded); activeDeadlineSeconds
 * (Failed, DeadlineExceeded); suspend and resume; Complete once done.
 * Not done: podFailurePolicy, successPolicy, backoffLimitPerIndex, managedBy.
 */
export function jobController(options: JobControllerOptions = {}): Controller {
  return {
    name: "job",
    async run({ client, informer, log }: ControllerContext, signal: AbortSignal): Promise<void> {
      const clock = options.clock ?? realClock;
      const recorder = new RestEventRecorder({ client, component: "job-controller", log });
      const jobs = informer<JobObject>(jobsRef);
      const pods = informer<JobPod>(podsRef);
      const queue = new RateLimitingQueue<string>({ clock });
      const expectations = new Expectations(clock);
      const backoffSettings = options.podFailureBackoff ?? defaultPodFailureBackoff;
      const jobSync = new JobSync({ client, recorder, expectations, clock, queue, backoffSettings });

      const ownerOf = (pod: JobPod): JobObject | undefined => {
        const ref = controllerRefOf(pod);
        if (ref === undefined || ref.kind !== "Job") return undefined;
        const job = jobs.lister.get(pod.metadata?.namespace, ref.name);
        return job !== undefined && job.metadata?.uid === ref.uid ? job : undefined;
      };
      const isOrphanedTracked = (pod: JobPod): boolean => {
        if (!hasTrackingFinalizer(pod)) return false;
        const ref = controllerRefOf(pod);
        if (ref !== undefined && (ref.kind !== "Job" || ref.apiVersion !== "batch/v1")) return false;
        const job = ownerOf(pod);
        return job === undefined || isJobFinished(job.status);
      };
      const onPod = (pod: JobPod): string | undefined => {
        if (isOrphanedTracked(pod)) queue.add(orphanPrefix + objectKey(pod));
        const job = ownerOf(pod);
        if (job !== undefined) return objectKey(job);
        if (controllerRefOf(pod) === undefined && !isBeingDeleted(pod)) {
          for (const candidate of jobs.lister.list(pod.metadata?.namespace ?? "")) {
            if (selectorOf(candidate)?.matches(labelsOf(pod))) queue.add(objectKey(candidate));
          }
        }
        return undefined;
      };

      jobs.addEventHandler({
        onAdd: (job) => queue.add(objectKey(job)),
        onUpdate: (_old, job) => queue.add(objectKey(job)),
        onDelete: (job) => {
          const key = objectKey(job);
          expectations.forget(key);
          jobSync.forget(key);
          // Its pods' finalizers must still come off.
          for (const pod of pods.lister.byIndex(controllerIndex, String(job.metadata?.uid ?? ""))) onPod(pod);
        },
      });
      pods.addEventHandler({
        onAdd: (pod) => {
          const key = onPod(pod);
          if (key === undefined) return;
          expectations.creationObserved(key);
          queue.add(key);
        },
        onUpdate: (old, pod) => {
          if (old.metadata?.resourceVersion === pod.metadata?.resourceVersion) return;
          const key = onPod(pod);
          const oldOwner = ownerOf(old);
          if (oldOwner !== undefined && objectKey(oldOwner) !== key) queue.add(objectKey(oldOwner));
          if (key === undefined) return;
          if (isBeingDeleted(pod) && !isBeingDeleted(old)) expectations.deletionObserved(key, String(pod.metadata?.uid ?? ""));
          queue.add(key);
        },
        onDelete: (pod) => {
          const job = ownerOf(pod);
          if (job === undefined) return;
          const key = objectKey(job);
          expectations.deletionObserved(key, String(pod.metadata?.uid ?? ""));
          queue.add(key);
        },
      });

      await runController({
        informers: [jobs, pods],
        queue,
        workers: options.workers ?? 5,
        log,
        signal,
        sync: async (key) => {
          if (key.startsWith(orphanPrefix)) {
            const pod = pods.lister.getByKey(key.slice(orphanPrefix.length));
            if (pod !== undefined && isOrphanedTracked(pod)) await removeTrackingFinalizer(client, pod);
            return;
          }
          const job = jobs.lister.getByKey(key);
          if (job === undefined) {
            expectations.forget(key);
            jobSync.forget(key);
            return;
          }
          const selector = selectorOf(job);
          if (selector === undefined) return;
          const candidates = new Map<string, JobPod>();
          for (const pod of pods.lister.byIndex(controllerIndex, String(job.metadata?.uid ?? ""))) candidates.set(objectKey(pod), pod);
          for (const pod of pods.lister.list(job.metadata?.namespace ?? "", selector)) candidates.set(objectKey(pod), pod);
          const owned = await claimObjects(client, podsRef, job, { apiVersion: "batch/v1", kind: "Job" }, selector, [...candidates.values()], "job-controller");
          await jobSync.sync(key, job, owned);
        },
      });
      await recorder.flush();
    },
  };
}

/** The Job's selector; undefined for one that cannot be used or selects every pod. */
function selectorOf(job: JobObject): Selector | undefined {
  const parsed = selectorFromLabelSelector(job.spec.selector);
  if (!parsed.ok || parsed.value.isEmpty()) return undefined;
  return parsed.value;
}
