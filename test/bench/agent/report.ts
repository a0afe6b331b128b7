import { formatTable } from "../measure.js";
import type { PodStartup } from "./pod-startup.js";
import type { Startup } from "./startup.js";

/** Everything one run of the agent benchmark measured. */
export interface AgentFigures {
  rows: Array<{ count: number; skiff: PodStartup; dockerRun: Startup; swarm?: Startup }>;
  /** Why Swarm was not measured, when it was not. */
  swarmSkipped?: string;
  memoryMb: { idle: number; withPods: number };
  idleCpuPercent: number;
  podsForMemory: number;
}

export const targets = { vsDockerRunAt30: 1.25, rssWithPodsMb: 60, idleCpuPercent: 1 };
/** The k3s agent's resident memory, for reference (as the issue gives it). */
export const k3sAgentRssMb = 270;

const header = ["measurement", "pods", "skiff (ms)", "docker run -d (ms)", "Swarm (ms)", "skiff ÷ docker run", "skiff ÷ Swarm", "target", "result"];

const ms = (value: number): string => value.toFixed(0);
const ratio = (a: number, b: number | undefined): string => (b === undefined ? "" : `${(a / b).toFixed(2)}×`);
const mark = (met: boolean): string => (met ? "✓ pass" : "✗ FAIL");

/** The one table of the run. */
export function agentTable(f: AgentFigures): string {
  const rows: string[][] = [];
  for (const { count, skiff, dockerRun, swarm } of f.rows) {
    const all = skiff.fromStart.allMs;
    const checked = count === 30;
    const met = all <= targets.vsDockerRunAt30 * dockerRun.allMs && (swarm === undefined || all < swarm.allMs);
    rows.push(
      ["all running (from the common start)", String(count), ms(all), ms(dockerRun.allMs), swarm ? ms(swarm.allMs) : "n/a", ratio(all, dockerRun.allMs), ratio(all, swarm?.allMs), checked ? `≤ ${targets.vsDockerRunAt30}× docker run, < Swarm` : "", checked ? mark(met) : ""],
      ["median pod running (from the common start)", String(count), ms(skiff.fromStart.p50Ms), ms(dockerRun.p50Ms), swarm ? ms(swarm.p50Ms) : "n/a", ratio(skiff.fromStart.p50Ms, dockerRun.p50Ms), ratio(skiff.fromStart.p50Ms, swarm?.p50Ms), "", ""],
      ["pod create acknowledged → Running: median / last", String(count), `${ms(skiff.fromAck.p50Ms)} / ${ms(skiff.fromAck.allMs)}`, "", "", "", "", "", ""],
    );
  }
  rows.push(
    ["agent RSS, MB (idle, no pods)", "0", f.memoryMb.idle.toFixed(1), "", "", "", "", "", ""],
    [`agent RSS, MB (k3s agent: ~${k3sAgentRssMb})`, String(f.podsForMemory), f.memoryMb.withPods.toFixed(1), "", "", `${(f.memoryMb.withPods / k3sAgentRssMb).toFixed(2)}× k3s`, "", `< ${targets.rssWithPodsMb} MB`, mark(f.memoryMb.withPods < targets.rssWithPodsMb)],
    ["agent idle CPU, % of a core", String(f.podsForMemory), f.idleCpuPercent.toFixed(2), "", "", "", "", `< ${targets.idleCpuPercent} %`, mark(f.idleCpuPercent < targets.idleCpuPercent)],
  );
  return formatTable(header, rows);
}
