import { humanDuration } from "../../../../src/format/human-duration.js";
import { numberAt, recordAt, intAt, timeAt } from "../json-reader.js";
import type { ResourcePrinter } from "../table-types.js";
import { ageColumn, column, nameColumn, templateColumns } from "./columns.js";
import { ageOf, containerCells, formatLabelSelector, hasTrueCondition, isDeleting, nameOf, templatePodSpec } from "./cells.js";

/** Jobs: STATUS from the job's conditions, COMPLETIONS, and how long the job ran (DURATION). */
export const jobPrinter: ResourcePrinter = {
  columns: [
    nameColumn,
    column("Status", "string", "Status of the job."),
    column("Completions", "string", "The number of pods which reached phase Succeeded."),
    column("Duration", "string", "Time required to complete the job."),
    ageColumn,
    ...templateColumns("A label query over pods that should match the pod count."),
  ],
  cells(job, now) {
    return [
      nameOf(job),
      jobStatus(job),
      completions(job),
      jobDuration(job, now),
      ageOf(job, now),
      ...containerCells(templatePodSpec(job)),
      formatLabelSelector(recordAt(job, "spec", "selector")),
    ];
  },
};

/** `succeeded/completions`; without completions `succeeded/1`, or `succeeded/1 of P` for parallel work queues. */
function completions(job: unknown): string {
  const succeeded = intAt(job, "status", "succeeded");
  const wanted = numberAt(job, "spec", "completions");
  if (wanted !== undefined) return `${succeeded}/${wanted}`;
  const parallelism = intAt(job, "spec", "parallelism");
  return parallelism > 1 ? `${succeeded}/1 of ${parallelism}` : `${succeeded}/1`;
}

/** Start to completion, or start to now while running; empty before the job starts. */
function jobDuration(job: unknown, now: number): string {
  const start = timeAt(job, "status", "startTime");
  if (start === undefined) return "";
  const end = timeAt(job, "status", "completionTime") ?? now;
  return humanDuration(end - start);
}

/** The first that holds, in kubectl's order of precedence. */
function jobStatus(job: unknown): string {
  if (hasTrueCondition(job, "Complete")) return "Complete";
  if (hasTrueCondition(job, "Failed")) return "Failed";
  if (isDeleting(job)) return "Terminating";
  if (hasTrueCondition(job, "Suspended")) return "Suspended";
  if (hasTrueCondition(job, "FailureTarget")) return "FailureTarget";
  if (hasTrueCondition(job, "SuccessCriteriaMet")) return "SuccessCriteriaMet";
  return "Running";
}
