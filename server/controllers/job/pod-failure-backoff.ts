/** The Job controller's pod back-off settings: Kubernetes waits 10 s after a failure, doubling up to 6 min. */
export interface PodFailureBackoff {
  initialMs: number;
  maxMs: number;
}

export const defaultPodFailureBackoff: PodFailureBackoff = { initialMs: 10_000, maxMs: 6 * 60_000 };

/** Failures since the Job's last success, and when the last of them happened. */
export interface BackoffRecord {
  failuresAfterLastSuccess: number;
  lastFailureMs?: number;
}

/**
 * Kubernetes' newBackoffRecord: pods that just finished move the record.
 * A success resets it; failures after the last success (by finish time) count on.
 */
export function nextBackoffRecord(record: BackoffRecord, succeededAtMs: readonly number[], failedAtMs: readonly number[]): BackoffRecord {
  const failures = [...failedAtMs].sort((a, b) => a - b);
  if (succeededAtMs.length === 0) {
    if (failures.length === 0) return record;
    return { failuresAfterLastSuccess: record.failuresAfterLastSuccess + failures.length, lastFailureMs: failures[failures.length - 1] };
  }
  const lastSuccess = Math.max(...succeededAtMs);
  const after = failures.filter((at) => at > lastSuccess);
  if (after.length === 0) return { failuresAfterLastSuccess: 0 };
  return { failuresAfterLastSuccess: after.length, lastFailureMs: after[after.length - 1] };
}

/**
 * How long the Job must still wait before it creates a pod again: the
 * initial delay doubled for every failure after the first, capped, less the
 * time since the last failure (0 when no wait is left).
 */
export function remainingBackoffMs(record: BackoffRecord, settings: PodFailureBackoff, nowMs: number): number {
  if (record.failuresAfterLastSuccess === 0 || record.lastFailureMs === undefined) return 0;
  let delay = settings.initialMs;
  for (let i = 1; i < record.failuresAfterLastSuccess && delay < settings.maxMs; i++) delay = Math.min(delay * 2, settings.maxMs);
  return Math.max(delay - (nowMs - record.lastFailureMs), 0);
}
