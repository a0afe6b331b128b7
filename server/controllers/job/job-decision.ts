import type { Job } from "../../../src/api/batch/v1/job.js";
import { isPodReady } from "../workload/pod-state.js";
import { completionIndexOf, formatIndexes, parseIndexes } from "./completion-index.js";
import { backoffLimitExceeded, completionsReached, deadlineExceeded, type JobOutcome, outcomeOfInterim } from "./job-conditions.js";
import {
  compareForRemoval,
  finishedAtMs,
  hasTrackingFinalizer,
  isActive,
  isFailed,
  isSucceeded,
  isTerminating,
  type JobPod,
} from "./job-pods.js";
import { type BackoffRecord, nextBackoffRecord, type PodFailureBackoff, remainingBackoffMs } from "./pod-failure-backoff.js";

/** Kubernetes' MaxPodCreateDeletePerSync: one sync creates or deletes at most this many pods. */
export const maxPodWritesPerSync = 500;

/** What a Job's sync reads. */
export interface JobInput {
  spec: Job["spec"];
  status: Job["status"] | undefined;
  /** The Job is being deleted: it counts what finished but starts nothing. */
  deleting: boolean;
  /** The Job's pods (claimed). */
  pods: readonly JobPod[];
  nowMs: number;
  backoff: BackoffRecord;
  backoffSettings: PodFailureBackoff;
  /** The cache shows the controller's earlier creations and deletions. */
  expectationsSatisfied: boolean;
}

/** What the sync does, in order: delete, create, count (uncounted → finalizers off → counters), and maybe finish. */
export interface JobDecision {
  podsToDelete: JobPod[];
  create: number;
  /** Indexed Jobs: the completion index of each pod to create. */
  indexes: number[];
  /** Indexed Jobs: status.completedIndexes with the pods that just succeeded (their count is status.succeeded). */
  completedIndexes?: { text: string; count: number };
  /** Pods whose finish is recorded in uncountedTerminatedPods now, before their finalizers come off. */
  newlySucceeded: JobPod[];
  newlyFailed: JobPod[];
  /** Pods whose tracking finalizer comes off (all of them once counted, or once the Job is done). */
  finalizersToRemove: JobPod[];
  backoff: BackoffRecord;
  /** How the Job ends, once its pods are counted and gone; undefined while it runs. */
  outcome?: JobOutcome;
  active: number;
  ready: number;
  terminating: number;
  /** Sync again after this long (a back-off or the active deadline). */
  requeueAfterMs?: number;
}

function startMs(status: Job["status"] | undefined): number | undefined {
  const at = status?.startTime === undefined ? NaN : Date.parse(status.startTime);
  return Number.isNaN(at) ? undefined : at;
}

/**
 * Kubernetes' syncJob, as a pure decision. Finished
 * pods still holding the tracking finalizer are counted exactly once
 * (through status.uncountedTerminatedPods); the Job fails when its failures
 * exceed backoffLimit or it outlives activeDeadlineSeconds (its active pods
 * are then deleted), completes when `completions` pods succeeded (or, with
 * no completions, once one succeeded and none is active); otherwise it keeps
 * min(parallelism, completions left) pods active, creating new ones only
 * after the failure back-off. An Indexed Job keeps one pod per index not
 * yet done (lowest first) and records done indexes in completedIndexes.
 */
export function decideJob(input: JobInput): JobDecision {
  const { spec, status, pods, nowMs } = input;
  const uncountedSucceeded = new Set(status?.uncountedTerminatedPods?.succeeded ?? []);
  const uncountedFailed = new Set(status?.uncountedTerminatedPods?.failed ?? []);
  const uidOf = (pod: JobPod): string => String(pod.metadata?.uid ?? "");
  const tracked = pods.filter(hasTrackingFinalizer);
  const indexed = spec.completionMode === "Indexed";
  const completions = spec.completions ?? 0;
  const validIndex = (pod: JobPod): boolean => {
    const index = completionIndexOf(pod);
    return index !== undefined && index < completions;
  };
  const newlySucceeded = tracked.filter((pod) => isSucceeded(pod) && !uncountedSucceeded.has(uidOf(pod)) && !uncountedFailed.has(uidOf(pod)));
  const newlyFailed = tracked.filter((pod) => isFailed(pod) && !uncountedFailed.has(uidOf(pod)) && !uncountedSucceeded.has(uidOf(pod)));
  // An Indexed Job counts indexes, not pods: a success for an index already done (or out of range) adds nothing.
  const succeededIndexes = parseIndexes(status?.completedIndexes, completions);
  if (indexed) for (const pod of newlySucceeded) if (validIndex(pod)) succeededIndexes.add(completionIndexOf(pod) ?? 0);
  const succeeded = indexed ? succeededIndexes.size : (status?.succeeded ?? 0) + uncountedSucceeded.size + newlySucceeded.length;
  const failed = (status?.failed ?? 0) + uncountedFailed.size + newlyFailed.length;
  const backoff = nextBackoffRecord(
    input.backoff,
    newlySucceeded.map((pod) => finishedAtMs(pod, nowMs)),
    newlyFailed.map((pod) => finishedAtMs(pod, nowMs)),
  );
  const activePods = pods.filter(isActive);
  let active = activePods.length;
  let ready = activePods.filter(isPodReady).length;
  let terminating = pods.filter(isTerminating).length;
  const suspended = spec.suspend === true;
  const decision: JobDecision = { podsToDelete: [], create: 0, indexes: [], newlySucceeded, newlyFailed, finalizersToRemove: [], backoff, active, ready, terminating };
  if (indexed) decision.completedIndexes = { text: formatIndexes(succeededIndexes), count: succeededIndexes.size };
  const requeue = (ms: number): void => {
    decision.requeueAfterMs = Math.min(decision.requeueAfterMs ?? ms, ms);
  };

  let outcome = outcomeOfInterim(status?.conditions);
  if (outcome === undefined) {
    const started = startMs(status);
    const deadlineMs = spec.activeDeadlineSeconds !== undefined && started !== undefined && !suspended ? started + spec.activeDeadlineSeconds * 1000 : undefined;
    if (failed > (spec.backoffLimit ?? 6) || pastBackoffLimitOnFailure(spec, activePods)) outcome = backoffLimitExceeded;
    else if (deadlineMs !== undefined && nowMs >= deadlineMs) outcome = deadlineExceeded;
    else if (deadlineMs !== undefined) requeue(deadlineMs - nowMs);
  }

  if (outcome !== undefined && outcome.type === "Failed") {
    // The Job is done for: whatever still runs is stopped and counts as failed.
    decision.podsToDelete = activePods;
    const deleted = new Set(activePods);
    decision.newlyFailed = [...newlyFailed, ...tracked.filter((pod) => deleted.has(pod) && !uncountedFailed.has(uidOf(pod)))];
    terminating += active;
    active = 0;
    ready = 0;
  } else if (outcome === undefined) {
    if (input.expectationsSatisfied && !input.deleting) {
      const wantActive = suspended ? 0 : wantedActive(spec, succeeded, active);
      // Indexed: pods with no usable index, of an index already done, or a second one of an index go first.
      const misfits = indexed ? misfitIndexedPods(activePods, succeededIndexes, completions) : [];
      const keep = activePods.filter((pod) => !misfits.includes(pod));
      const surplus = Math.max(keep.length - wantActive, 0);
      const remove = [...misfits, ...[...keep].sort(compareForRemoval).slice(0, surplus)].slice(0, maxPodWritesPerSync);
      if (remove.length > 0) {
        decision.podsToDelete = remove;
        active -= remove.length;
        ready -= remove.filter(isPodReady).length;
        terminating += remove.length;
      } else if (wantActive > active) {
        const waitMs = remainingBackoffMs(backoff, input.backoffSettings, nowMs);
        if (waitMs > 0) requeue(waitMs);
        else decision.create = Math.min(wantActive - active, maxPodWritesPerSync);
        if (indexed && decision.create > 0) {
          const taken = new Set(activePods.map(completionIndexOf));
          for (let index = 0; index < completions && decision.indexes.length < decision.create; index++) {
            if (!succeededIndexes.has(index) && !taken.has(index)) decision.indexes.push(index);
          }
          decision.create = decision.indexes.length;
        }
      }
    }
    const complete = spec.completions === undefined ? succeeded > 0 && active === 0 && decision.create === 0 : succeeded >= spec.completions && active === 0;
    if (complete) outcome = completionsReached;
  }
  if (outcome !== undefined) decision.outcome = outcome;
  decision.active = active;
  decision.ready = Math.max(ready, 0);
  decision.terminating = terminating;

  // Counted pods lose the finalizer; once the Job is done, or is being deleted, every pod does.
  const counted = new Set([...decision.newlySucceeded, ...decision.newlyFailed]);
  const releaseAll = outcome !== undefined || input.deleting;
  decision.finalizersToRemove = tracked.filter(
    (pod) => counted.has(pod) || releaseAll || uncountedSucceeded.has(uidOf(pod)) || uncountedFailed.has(uidOf(pod)),
  );
  return decision;
}

/** The active pods of an Indexed Job that must go: no index in range, an index already done, or a duplicate (the later ones). */
function misfitIndexedPods(activePods: readonly JobPod[], succeeded: ReadonlySet<number>, completions: number): JobPod[] {
  const misfits: JobPod[] = [];
  const seen = new Set<number>();
  // The pod most worth keeping comes first for each index (the reverse of the removal order).
  for (const pod of [...activePods].sort((a, b) => compareForRemoval(b, a))) {
    const index = completionIndexOf(pod);
    if (index === undefined || index >= completions || succeeded.has(index) || seen.has(index)) misfits.push(pod);
    else seen.add(index);
  }
  return misfits;
}

/** Kubernetes' wantActive (the same for Indexed Jobs, whose succeeded is the number of indexes done). */
function wantedActive(spec: Job["spec"], succeeded: number, active: number): number {
  const parallelism = spec.parallelism ?? 1;
  // A work-queue Job (no completions) starts nothing new once one pod succeeded; the rest finish on their own.
  if (spec.completions === undefined) return succeeded > 0 ? active : parallelism;
  return Math.max(Math.min(spec.completions - succeeded, parallelism), 0);
}

/** Kubernetes' pastBackoffLimitOnFailure: with restartPolicy OnFailure, container restarts count as failures. */
function pastBackoffLimitOnFailure(spec: Job["spec"], activePods: readonly JobPod[]): boolean {
  if (spec.template.spec.restartPolicy !== "OnFailure") return false;
  let restarts = 0;
  for (const pod of activePods) {
    for (const status of [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])]) restarts += status.restartCount;
  }
  const limit = spec.backoffLimit ?? 6;
  return limit === 0 ? restarts > 0 : restarts >= limit;
}
