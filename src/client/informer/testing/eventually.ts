/**
 * Polls `check` until it returns true, letting real I/O run in between;
 * fails with `what` after `timeoutMs` of real time. Tests wait on outcomes
 * this way, never on guessed delays.
 */
export async function eventually(what: string, check: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}
