/** Load shapes for the apiserver benchmark: closed loop (clients back to back) and open loop (a fixed offered rate). */
import { percentile } from "../measure.js";

/** What a run of load measured: completed operations and the latency of each. */
export interface LoadResult {
  completed: number;
  seconds: number;
  latenciesMs: number[];
}

/**
 * `clients` loops, each issuing `op` again as soon as its last one answered,
 * for `durationMs`. `op` gets the loop's index and a number unique across
 * all loops; latency is from issue to answer.
 */
export async function closedLoop(
  durationMs: number,
  clients: number,
  op: (client: number, n: number) => Promise<unknown>,
): Promise<LoadResult> {
  let next = 0;
  const latenciesMs: number[] = [];
  const start = performance.now();
  const end = start + durationMs;
  await Promise.all(
    Array.from({ length: clients }, async (_, client) => {
      while (performance.now() < end) {
        const issued = performance.now();
        await op(client, next++);
        latenciesMs.push(performance.now() - issued);
      }
    }),
  );
  return { completed: latenciesMs.length, seconds: (performance.now() - start) / 1000, latenciesMs };
}

/**
 * Starts `op(n)` on a fixed schedule, `rate` per second for `durationMs`,
 * whether or not earlier ones have answered. Latency runs from each
 * operation's scheduled time to its answer, so time spent waiting behind
 * others (in the server or the client) counts, as a user would see it.
 * Rejects with the first failure once every operation has settled.
 */
export async function openLoop(rate: number, durationMs: number, op: (n: number) => Promise<unknown>): Promise<LoadResult> {
  const total = Math.floor((rate * durationMs) / 1000);
  const intervalMs = 1000 / rate;
  const latenciesMs: number[] = [];
  const failures: unknown[] = [];
  const running: Promise<void>[] = [];
  const start = performance.now();
  for (let n = 0; n < total; ) {
    const now = performance.now();
    // Timers fire late and coarsely: start everything that is due, measured from when it was due.
    for (; n < total && start + n * intervalMs <= now; n++) {
      const due = start + n * intervalMs;
      running.push(
        op(n).then(
          () => void latenciesMs.push(performance.now() - due),
          (error: unknown) => void failures.push(error),
        ),
      );
    }
    if (n < total) await new Promise((resolve) => setTimeout(resolve, Math.max(0, start + n * intervalMs - performance.now())));
  }
  await Promise.all(running);
  if (failures.length > 0) throw failures[0];
  return { completed: latenciesMs.length, seconds: (performance.now() - start) / 1000, latenciesMs };
}

/** A load run reduced to what the table shows. */
export interface LoadFigures {
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  count: number;
}

export function summarize(result: LoadResult): LoadFigures {
  return {
    perSecond: result.completed / result.seconds,
    p50Ms: percentile(result.latenciesMs, 0.5),
    p99Ms: percentile(result.latenciesMs, 0.99),
    count: result.completed,
  };
}
