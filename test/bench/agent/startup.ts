import { median } from "../measure.js";

/** How long N containers (or pods) took to run, all asked for at once. */
export interface Startup {
  count: number;
  /** From the moment all were asked for, to each one seen running: median and last. */
  p50Ms: number;
  allMs: number;
}

/** Startup figures from each one's time to running, measured from one common start. */
export function startupOf(runningAfterMs: readonly number[]): Startup {
  return { count: runningAfterMs.length, p50Ms: median(runningAfterMs), allMs: Math.max(...runningAfterMs) };
}
