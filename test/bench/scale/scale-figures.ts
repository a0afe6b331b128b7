import { percentile } from "../measure.js";
import type { ProbeLatencies } from "./api-probe.js";
import type { PodTimes } from "./pod-tracker.js";
import type { Scenario } from "./scale-workload.js";

/** What one (store, M, N) run measured. */
export interface ScaleFigures {
  engine: "sqlite" | "etcd";
  scenario: Scenario;
  /** Hollow nodes per node process, and their heap (after GC) and RSS per node. */
  nodeProcesses: number;
  nodeHeapKb: number;
  nodeRssKb: number;
  /** From the first join to all nodes Ready. */
  nodesReadyMs: number;
  /** Pods seen created, bound and Running (all of them unless the run's time limit came first). */
  seen: { created: number; bound: number; running: number };
  /** Set when the time limit came first: then the times below are that limit, and the rate is of the pods bound by then. */
  cutOffMs?: number;
  /** From the first Deployment create sent: all pods seen created, bound, Running. */
  allCreatedMs: number;
  allBoundMs: number;
  allRunningMs: number;
  /** Pods bound per second, between the first and the last binding seen. */
  boundPerSecond: number;
  probe: { getP50Ms: number; getP99Ms: number; listP50Ms: number; listP99Ms: number; calls: number; errors: number };
  /** The server's VmHWM at the end of the run. */
  serverPeakRssMb: number;
  /** CPU during the workload (cores): the server's, the node processes', this process' (watch and probe), the whole machine's. */
  serverCores: number;
  nodeProcessesCores: number;
  benchCores: number;
  machineCores: number;
}

/**
 * The pods' times relative to `startMs` (when the first Deployment create
 * was sent); `cutOffAt` when the run stopped before every pod was Running.
 */
export function podFigures(
  times: PodTimes,
  startMs: number,
  cutOffAt?: number,
): Pick<ScaleFigures, "seen" | "cutOffMs" | "allCreatedMs" | "allBoundMs" | "allRunningMs" | "boundPerSecond"> {
  const last = (values: Iterable<number>): number => {
    const all = [...values];
    return all.length === 0 ? Number.NaN : Math.max(...all) - startMs;
  };
  const bound = [...times.boundAt.values()];
  const windowMs = Math.max(...bound) - Math.min(...bound);
  return {
    seen: { created: times.createdAt.size, bound: times.boundAt.size, running: times.runningAt.size },
    ...(cutOffAt !== undefined ? { cutOffMs: cutOffAt - startMs } : {}),
    allCreatedMs: last(times.createdAt.values()),
    allBoundMs: last(bound),
    allRunningMs: last(times.runningAt.values()),
    // One binding is no rate; N bindings in the window are N - 1 intervals.
    boundPerSecond: bound.length > 1 && windowMs > 0 ? ((bound.length - 1) / windowMs) * 1000 : Number.NaN,
  };
}

export function probeFigures(latencies: ProbeLatencies): ScaleFigures["probe"] {
  return {
    getP50Ms: percentile(latencies.get, 0.5),
    getP99Ms: percentile(latencies.get, 0.99),
    listP50Ms: percentile(latencies.list, 0.5),
    listP99Ms: percentile(latencies.list, 0.99),
    calls: latencies.get.length + latencies.list.length,
    errors: latencies.errors,
  };
}
