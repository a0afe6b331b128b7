import { formatTable } from "../measure.js";
import type { ScaleFigures } from "./scale-figures.js";
import { kubernetesSlo, targets } from "./scale-workload.js";

const header = [
  "store, nodes / pods",
  "nodes Ready (s)",
  "all created (s)",
  "all bound (s)",
  "all Running (s)",
  "bound (pods/s)",
  "GET p50 / p99 (ms)",
  "LIST p50 / p99 (ms)",
  "server peak RSS (MB)",
  "server CPU (cores)",
  "hollow node heap / RSS (KB)",
];

const seconds = (ms: number): string => (ms / 1000).toFixed(1);
const ms = (value: number): string => (Number.isNaN(value) ? "–" : value < 10 ? value.toFixed(1) : value.toFixed(0));
const count = (n: number): string => n.toLocaleString("en-US");
const mark = (met: boolean): string => (met ? "✓" : "✗");

/** When the last of N pods got there; or, for a run cut off first, how many had by then. */
function reached(f: ScaleFigures, seen: number, lastMs: number): string {
  if (seen >= f.scenario.pods) return seconds(lastMs);
  return `> ${seconds(f.cutOffMs ?? lastMs)} (${count(seen)})`;
}

/** The one table of the run: a row per (store, size), then the targets with ✓/✗. */
export function scaleTable(runs: readonly ScaleFigures[]): string {
  const rows = runs.map((f) => [
    `${f.engine}, ${count(f.scenario.nodes)} / ${count(f.scenario.pods)}`,
    seconds(f.nodesReadyMs),
    reached(f, f.seen.created, f.allCreatedMs),
    reached(f, f.seen.bound, f.allBoundMs),
    reached(f, f.seen.running, f.allRunningMs),
    Number.isNaN(f.boundPerSecond) ? "–" : f.boundPerSecond.toFixed(0),
    `${ms(f.probe.getP50Ms)} / ${ms(f.probe.getP99Ms)}`,
    `${ms(f.probe.listP50Ms)} / ${ms(f.probe.listP99Ms)}`,
    f.serverPeakRssMb.toFixed(0),
    f.serverCores.toFixed(2),
    `${f.nodeHeapKb.toFixed(0)} / ${f.nodeRssKb.toFixed(0)}`,
  ]);
  return [formatTable(header, rows), "", targetTable(runs)].join("\n");
}

function targetTable(runs: readonly ScaleFigures[]): string {
  const rows: string[][] = [];
  for (const f of runs) {
    const size = `${f.engine}, ${count(f.scenario.nodes)} / ${count(f.scenario.pods)}`;
    const atTargetSize = f.scenario.nodes === targets.at.nodes && f.scenario.pods === targets.at.pods;
    rows.push([size, `≥ ${count(targets.boundPerSecond)} pods bound/s`, f.boundPerSecond.toFixed(0), mark(f.boundPerSecond >= targets.boundPerSecond)]);
    if (atTargetSize) {
      const allRunning = f.seen.running >= f.scenario.pods;
      rows.push([size, `all pods Running ≤ ${targets.allRunningMs / 1000} s`, `${reached(f, f.seen.running, f.allRunningMs)} s`, mark(allRunning && f.allRunningMs <= targets.allRunningMs)]);
      // A run cut off short of its pods has not shown its peak: no ✓ for it.
      const rss = `${f.serverPeakRssMb.toFixed(0)} MB${allRunning ? "" : ` (${count(f.seen.created)} pods)`}`;
      rows.push([size, `server RSS < ${targets.serverRssMb} MB`, rss, allRunning ? mark(f.serverPeakRssMb < targets.serverRssMb) : f.serverPeakRssMb < targets.serverRssMb ? "–" : "✗"]);
    }
    rows.push([size, `GET p99 ≤ ${kubernetesSlo.getP99Ms / 1000} s (K8s SLO)`, `${ms(f.probe.getP99Ms)} ms`, mark(f.probe.getP99Ms <= kubernetesSlo.getP99Ms)]);
    rows.push([size, `LIST p99 ≤ ${kubernetesSlo.namespaceListP99Ms / 1000} s (K8s SLO, namespace)`, `${ms(f.probe.listP99Ms)} ms`, mark(f.probe.listP99Ms <= kubernetesSlo.namespaceListP99Ms)]);
  }
  return formatTable(["run", "target", "measured", "result"], rows);
}
