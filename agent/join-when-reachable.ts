import { realClock, sleep, type Clock } from "../src/clock.js";
import { ensureNodeCredential, type EnsuredNodeCredential, type EnsureNodeCredentialOptions } from "../src/join/ensure-node-credential.js";
import { JoinError } from "../src/join/join-error.js";
import type { Logger } from "../src/log.js";

const firstDelayMs = 1_000;
const maxDelayMs = 30_000;

/**
 * `ensureNodeCredential`, tried again while the server does not answer (a
 * Pi that boots before the server does): 1 s, doubling to 30 s, with
 * jitter. Any other failure (a wrong CA, a refused token) is thrown at
 * once: waiting would not fix it. Aborting `signal` ends the waiting with
 * the last failure.
 */
export async function joinWhenReachable(
  options: EnsureNodeCredentialOptions,
  signal: AbortSignal,
  log: Logger,
  join: (options: EnsureNodeCredentialOptions) => Promise<EnsuredNodeCredential> = ensureNodeCredential,
  clock: Clock = realClock,
): Promise<EnsuredNodeCredential> {
  for (let delay = firstDelayMs; ; delay = Math.min(delay * 2, maxDelayMs)) {
    try {
      return await join(options);
    } catch (error) {
      if (!(error instanceof JoinError) || error.failure !== "unreachable" || signal.aborted) throw error;
      const wait = Math.round(delay * (0.5 + Math.random() / 2));
      log.warn({ err: error, retryInMs: wait }, "the server does not answer; trying again");
      await sleep(clock, wait, signal);
      if (signal.aborted) throw error;
    }
  }
}
