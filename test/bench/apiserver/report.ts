import { formatTable } from "../measure.js";
import type { CrudFigures } from "./crud.js";
import type { LoadFigures } from "./load.js";
import { references, targets, workload } from "./workload.js";

/** Everything one run of the apiserver benchmark measured. */
export interface ApiserverFigures {
  crud: { engine: string; figures: CrudFigures }[];
  /** The open-loop run of mutating calls on SQLite. */
  offered: LoadFigures;
  fanout: { p50Ms: number; p99Ms: number };
  memoryMb: { idle: number; withPods: number; withPodsAndWatchers: number };
}

const header = ["measurement", "engine", "rate (/s)", "p50 (ms)", "p99 (ms)", "RSS (MB)", "target", "result", "vs reference"];

/** A latency limit a row's p99 is checked against. */
interface Limit {
  text: string;
  met(p99Ms: number): boolean;
}

const slo = (ms: number): Limit => ({ text: `p99 ≤ ${ms / 1000} s (K8s SLO)`, met: (p99) => p99 <= ms });
const below = (ms: number): Limit => ({ text: `p99 < ${ms} ms`, met: (p99) => p99 < ms });

/** The one table of the run: figures, targets with pass/fail, and ratios to the references. */
export function apiserverTable(f: ApiserverFigures): string {
  const c = workload.clients;
  const mutating = references.kubernetesMutatingP99Ms;
  const rows: string[][] = [];
  for (const { engine, figures } of f.crud) {
    rows.push(
      latencyRow(`create, ${c} clients`, engine, figures.create, slo(mutating), mutating),
      latencyRow(`update (PUT with resourceVersion), ${c} clients`, engine, figures.update, slo(mutating), mutating),
      latencyRow(`get, ${c} clients`, engine, figures.get, slo(references.kubernetesGetP99Ms), references.kubernetesGetP99Ms),
    );
  }
  rows.push(
    latencyRow(
      `create+update offered at ${workload.offeredRate}/s (open loop)`,
      "sqlite",
      f.offered,
      below(targets.offeredP99Ms),
      mutating,
    ),
    [
      `watch fan-out, ${count(workload.watchers)} watchers (ack → event)`,
      "sqlite",
      "",
      milliseconds(f.fanout.p50Ms),
      milliseconds(f.fanout.p99Ms),
      "",
      below(targets.fanoutP99Ms).text,
      mark(below(targets.fanoutP99Ms).met(f.fanout.p99Ms)),
      "",
    ],
    memoryRow("RSS idle", f.memoryMb.idle),
    memoryRow(`RSS with ${count(workload.storedPods)} pods`, f.memoryMb.withPods, targets.rssWithPodsMb),
    memoryRow(`RSS with ${count(workload.storedPods)} pods + ${count(workload.watchers)} watchers`, f.memoryMb.withPodsAndWatchers),
    ["k3s server RSS (reference, not measured)", "sqlite", "", "", "", references.k3sRssMb.toFixed(0), "", "", ""],
    ["K8s SLO, mutating calls (reference, not measured)", "", "", "", `≤ ${mutating.toFixed(0)}`, "", "", "", ""],
  );
  return formatTable(header, rows);
}

/** A row of rate and latencies; p99 is checked against `limit` and compared with `referenceMs`. */
function latencyRow(name: string, engine: string, figures: LoadFigures, limit: Limit, referenceMs: number): string[] {
  return [
    name,
    engine,
    figures.perSecond.toFixed(0),
    milliseconds(figures.p50Ms),
    milliseconds(figures.p99Ms),
    "",
    limit.text,
    mark(limit.met(figures.p99Ms)),
    ratio(figures.p99Ms, referenceMs, "K8s SLO"),
  ];
}

function memoryRow(name: string, mb: number, limitMb?: number): string[] {
  return [
    name,
    "sqlite",
    "",
    "",
    "",
    mb.toFixed(1),
    limitMb === undefined ? "" : `< ${limitMb} MB`,
    limitMb === undefined ? "" : mark(mb < limitMb),
    ratio(mb, references.k3sRssMb, "k3s"),
  ];
}

/** Two decimals below 10 ms, where they carry information; one above. */
export function milliseconds(ms: number): string {
  return ms < 10 ? ms.toFixed(2) : ms.toFixed(1);
}

export function ratio(value: number, reference: number, name: string): string {
  const r = value / reference;
  return `${r < 0.01 ? r.toFixed(4) : r.toFixed(2)}× ${name}`;
}

export function mark(pass: boolean): string {
  return pass ? "✓ pass" : "✗ FAIL";
}

function count(n: number): string {
  return n.toLocaleString("en-US");
}
