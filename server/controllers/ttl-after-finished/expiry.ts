import type { Job } from "../../../src/api/batch/v1/job.js";
import type { ApiObject } from "../../../src/client/rest/rest-client.js";

/**
 * When a finished Job with ttlSecondsAfterFinished may be deleted (ms since
 * the epoch), as Kubernetes' TTL-after-finished controller reads it: its
 * completion time, else when its Complete/Failed condition became true.
 * Undefined while it has no TTL, is not finished, or is already being deleted.
 */
export function expiresAtMs(job: ApiObject & { spec?: Partial<Job["spec"]>; status?: Job["status"] }): number | undefined {
  const ttl = job.spec?.ttlSecondsAfterFinished;
  if (ttl === undefined || job.metadata?.deletionTimestamp !== undefined) return undefined;
  const finished = job.status?.conditions?.find((c) => (c.type === "Complete" || c.type === "Failed") && c.status === "True");
  if (finished === undefined) return undefined;
  const at = Date.parse(job.status?.completionTime ?? finished.lastTransitionTime ?? "");
  if (Number.isNaN(at)) return undefined;
  return at + ttl * 1000;
}
