/** How long `eventually` keeps trying, and how long it waits between tries. */
export interface EventuallyOptions {
  timeoutMs: number;
  intervalMs: number;
}

/**
 * Runs `attempt` until it returns without throwing, and returns what it
 * returned; once `timeoutMs` has passed, the last error is thrown. An
 * assertion (`expect`) inside `attempt` makes it a wait for a condition.
 *
 * @example
 * await eventually(async () => expect(await store.compactedRevision()).toBe(10), { timeoutMs: 5_000, intervalMs: 10 });
 */
export async function eventually<T>(attempt: () => T | Promise<T>, options: EventuallyOptions): Promise<T> {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    try {
      return await attempt();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, options.intervalMs));
    }
  }
}
