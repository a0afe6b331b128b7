/**
 * Kubernetes' slowStartBatch: calls `fn` `count` times in batches of 1, 2,
 * 4, ... (starting at `initialBatch`), each batch at once, and stops after
 * the first batch with a failure, so a ReplicaSet whose pods all fail
 * (quota, a bad template) makes one failed call instead of hundreds.
 *
 * @returns how many calls succeeded, and the first failure if any.
 */
export async function slowStartBatch(
  count: number,
  initialBatch: number,
  fn: () => Promise<void>,
): Promise<{ successes: number; error?: unknown }> {
  let remaining = count;
  let successes = 0;
  for (let size = Math.min(remaining, initialBatch); size > 0; size = Math.min(2 * size, remaining)) {
    const results = await Promise.allSettled(Array.from({ length: size }, () => fn()));
    const failed = results.find((result): result is PromiseRejectedResult => result.status === "rejected");
    successes += results.filter((result) => result.status === "fulfilled").length;
    if (failed !== undefined) return { successes, error: failed.reason };
    remaining -= size;
  }
  return { successes };
}
