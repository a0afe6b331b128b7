/** How a slow-start run ended: how many calls succeeded, and the first failure if one stopped it. */
export interface SlowStartResult {
  succeeded: number;
  error?: unknown;
}

/**
 * Kubernetes' slowStartBatch: runs `count` calls in batches of 1, 2, 4, ...
 * and stops after the first batch with a failure, so a template the
 * server refuses costs one request, not thousands. `fn` gets the index of the call.
 */
export async function slowStartBatch(count: number, fn: (index: number) => Promise<void>, initialBatchSize = 1): Promise<SlowStartResult> {
  let done = 0;
  let succeeded = 0;
  for (let size = Math.min(initialBatchSize, count); size > 0; size = Math.min(2 * size, count - done)) {
    const results = await Promise.allSettled(Array.from({ length: size }, (_, offset) => fn(done + offset)));
    done += size;
    const failure = results.find((result): result is PromiseRejectedResult => result.status === "rejected");
    succeeded += results.filter((result) => result.status === "fulfilled").length;
    if (failure !== undefined) return { succeeded, error: failure.reason };
  }
  return { succeeded };
}
