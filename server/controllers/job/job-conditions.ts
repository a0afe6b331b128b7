import type { Job } from "../../../src/api/batch/v1/job.js";

export type JobCondition = NonNullable<NonNullable<Job["status"]>["conditions"]>[number];

/** How a Job ends: the terminal condition and the interim one Kubernetes (≥ 1.31) writes while pods still wind down. */
export interface JobOutcome {
  type: "Complete" | "Failed";
  reason: string;
  message: string;
}

export const completionsReached: JobOutcome = {
  type: "Complete",
  reason: "CompletionsReached",
  message: "Reached expected number of succeeded pods",
};
export const backoffLimitExceeded: JobOutcome = { type: "Failed", reason: "BackoffLimitExceeded", message: "Job has reached the specified backoff limit" };
export const deadlineExceeded: JobOutcome = { type: "Failed", reason: "DeadlineExceeded", message: "Job was active longer than specified deadline" };

/** The interim condition of an outcome: SuccessCriteriaMet before Complete, FailureTarget before Failed. */
export function interimType(outcome: JobOutcome): "SuccessCriteriaMet" | "FailureTarget" {
  return outcome.type === "Complete" ? "SuccessCriteriaMet" : "FailureTarget";
}

export function findCondition(conditions: readonly JobCondition[] | undefined, type: string): JobCondition | undefined {
  return conditions?.find((condition) => condition.type === type);
}

/** True once the Job has its Complete or Failed condition: nothing more is done for it. */
export function isJobFinished(status: Job["status"] | undefined): boolean {
  return (status?.conditions ?? []).some((c) => (c.type === "Complete" || c.type === "Failed") && c.status === "True");
}

/** The outcome an interim condition already written promises, if any. */
export function outcomeOfInterim(conditions: readonly JobCondition[] | undefined): JobOutcome | undefined {
  const success = findCondition(conditions, "SuccessCriteriaMet");
  if (success?.status === "True") return { type: "Complete", reason: success.reason ?? "", message: success.message ?? "" };
  const failure = findCondition(conditions, "FailureTarget");
  if (failure?.status === "True") return { type: "Failed", reason: failure.reason ?? "", message: failure.message ?? "" };
  return undefined;
}

/**
 * Kubernetes' ensureJobConditionStatus: sets a condition to `status` (a new
 * transition time only when the status changes); a missing condition is
 * added only when True. Returns the new list and whether it changed.
 */
export function ensureCondition(
  conditions: readonly JobCondition[] | undefined,
  type: string,
  status: "True" | "False",
  reason: string,
  message: string,
  nowIso: string,
): { conditions: JobCondition[]; changed: boolean } {
  const list = [...(conditions ?? [])];
  const index = list.findIndex((condition) => condition.type === type);
  const existing = list[index];
  if (existing === undefined) {
    if (status === "False") return { conditions: list, changed: false };
    list.push({ type, status, reason, message, lastProbeTime: nowIso, lastTransitionTime: nowIso });
    return { conditions: list, changed: true };
  }
  if (existing.status === status && existing.reason === reason && existing.message === message) return { conditions: list, changed: false };
  const transition = existing.status === status ? existing.lastTransitionTime : nowIso;
  list[index] = { ...existing, status, reason, message, lastProbeTime: nowIso, ...(transition !== undefined ? { lastTransitionTime: transition } : {}) };
  return { conditions: list, changed: true };
}
