/**
 * Scale benchmark (`npm run bench:scale [-- --quick | --size MxN] [--store sqlite|etcd]`):
 * one run, one table. For each store (SQLite, then etcd) and each size
 * (M hollow nodes, N pods: (100, 3,000) and (1,000, 30,000); `--quick`:
 * (20, 200)), a fresh skiff server runs as a process of its own (the CLI
 * bundled from the current sources) and M hollow nodes — the agent's own
 * code over the fake runtime, each with its own join, credential and
 * WebSocket — run in a few node processes. Deployments totalling N
 * replicas are created at once; a watch times each pod to created, bound
 * and Running, a probe client times GETs and LISTs meanwhile, and the
 * server's peak RSS and CPU are read from /proc.
 */
import { cpus, release, totalmem } from "node:os";
import { parseArgs } from "node:util";
import { z } from "zod";
import { bundleHollowProcess, bundleSkiffCli } from "./apiserver/server-bundle.js";
import type { ScaleFigures } from "./scale/scale-figures.js";
import { scaleTable } from "./scale/scale-report.js";
import { runScenario } from "./scale/scale-run.js";
import { fullScenarios, quickScenarios, workload } from "./scale/scale-workload.js";

const flagsSchema = z.object({
  quick: z.boolean().default(false),
  store: z.enum(["sqlite", "etcd", "both"]).default("both"),
  /** One size instead of the two: `--size 100x3000` (M nodes x N pods). */
  size: z
    .string()
    .regex(/^\d+x\d+$/, "--size is <nodes>x<pods>, e.g. 100x3000")
    .transform((text) => {
      const [nodes = 0, pods = 0] = text.split("x").map(Number);
      return { nodes, pods };
    })
    .refine((size) => size.nodes >= 1 && size.nodes <= 1_024 && size.pods >= 1, "--size: 1 to 1,024 nodes (the pod CIDR's /24s), at least 1 pod")
    .optional(),
});
const { values } = parseArgs({ options: { quick: { type: "boolean" }, store: { type: "string" }, size: { type: "string" } }, strict: true });
const flags = flagsSchema.parse(values);
const engines = flags.store === "both" ? (["sqlite", "etcd"] as const) : ([flags.store] as const);
const scenarios = flags.size ? [flags.size] : flags.quick ? quickScenarios : fullScenarios;

const started = performance.now();
const bundles = { cli: await bundleSkiffCli(), hollow: await bundleHollowProcess() };
const runs: ScaleFigures[] = [];
for (const engine of engines) {
  for (const scenario of scenarios) {
    console.error(`scale: ${engine}, ${scenario.nodes} nodes, ${scenario.pods} pods…`);
    runs.push(await runScenario(bundles, engine, scenario));
  }
}

const cpu = cpus();
console.log(scaleTable(runs));
console.log(
  [
    "",
    `Run ${new Date().toISOString()}, ${((performance.now() - started) / 1000).toFixed(0)} s: node ${process.version}, ` +
      `${cpu.length} × ${cpu[0]?.model.trim() ?? "unknown CPU"}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, Linux ${release()}. ` +
      "Server, etcd, the node processes and this process share the machine; CPU during each workload (cores; machine = all processes, " +
      "other users' included): " +
      runs
        .map((f) => `${f.engine} ${f.scenario.nodes}/${f.scenario.pods} machine ${f.machineCores.toFixed(2)}, server ${f.serverCores.toFixed(2)}, ` +
          `node processes ${f.nodeProcessesCores.toFixed(2)}, this process ${f.benchCores.toFixed(2)}`)
        .join("; ") +
      ".",
    "Each server: `node <skiff CLI bundled from src> server` on 127.0.0.1, fresh data dir, SQLite (WAL) or an etcd of its own, log level warn, " +
      `--cluster-cidr ${workload.clusterCidr}; all its controllers and the scheduler on.`,
    `Hollow nodes: ${workload.nodesPerProcess} per node process at most, each joined with a join token for its own credential, ` +
      "its own HTTPS client and WebSocket tunnel, node registration, status and Lease every 10 s, kubelet pod workers and status writes, " +
      "over the fake runtime (images present at once, containers Running at once, pod IPs from the node's pod CIDR). Heap per node: " +
      "the process' heap after a full GC with its nodes running, less before, divided by its nodes; RSS per node: the processes' RSS " +
      "at the end of the run over the nodes.",
    `Workload: Deployments of ${workload.replicasPerDeployment} replicas (one container, requests 10m CPU / 16Mi, ` +
      `no service account token), ${workload.createConcurrency} creates at a time. Times are from the first create sent to the last ` +
      "pod a watch of the namespace saw created / with spec.nodeName / Running; pods bound per second = bindings seen between the first and " +
      "the last binding, over that window.",
    `API probe: one client, GET of a Node and LIST of one Deployment's pods (label selector) alternately, ${workload.probePerSecond} calls/s ` +
      "in all, each kind one at a time, timed from issue to full answer; " +
      runs.map((f) => `${f.engine} ${f.scenario.nodes}/${f.scenario.pods}: ${f.probe.calls} calls, ${f.probe.errors} errors`).join(", ") +
      ". Server peak RSS: VmHWM at the end of the run (all pods Running, or the cut-off).",
  ].join("\n"),
);
