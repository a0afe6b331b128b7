/**
 * Apiserver benchmark (`npm run bench:apiserver`): one run, one table.
 * Every skiff server runs as a child process (the CLI, bundled from the
 * current sources) on a fresh data dir, so its CPU and memory are its own;
 * this process is the load: skiff's REST client over HTTPS keep-alive, and
 * plain node:https for the thousand watches. Rows: create/update/get with 16
 * clients on SQLite and on etcd, mutating calls at a fixed offered rate on
 * SQLite, watch fan-out, and the server's resident memory; each against
 * the target and Kubernetes' SLO or k3s' memory as references.
 *
 * SKIFF_BENCH_SERVER_FLAGS passes node flags to every server, e.g.
 * "--cpu-prof --cpu-prof-dir=/tmp/prof" for one CPU profile per server.
 */
import { execFileSync } from "node:child_process";
import { cpus, release, totalmem } from "node:os";
import { RestClient } from "../../src/client/rest/rest-client.js";
import { startEtcd } from "../support/etcd.js";
import { makeTempDir } from "../store/helpers/temp-dir.js";
import { percentile } from "./measure.js";
import { namespaces } from "./apiserver/bench-pod.js";
import { cpuBetween, type CpuUse, sampleCpu } from "./apiserver/cpu-usage.js";
import { measureCrud } from "./apiserver/crud.js";
import { fillPods } from "./apiserver/fill-pods.js";
import { createUpdatePool, measureOfferedWrites, updatedPods } from "./apiserver/offered-writes.js";
import { apiserverTable, milliseconds, type ApiserverFigures } from "./apiserver/report.js";
import { bundleSkiffCli } from "./apiserver/server-bundle.js";
import { type ServerProcess, startServerProcess, type StoreFlags } from "./apiserver/server-process.js";
import { openFanout } from "./apiserver/watch-fanout.js";
import { workload } from "./apiserver/workload.js";

const namespace = "bench";
const serverNodeFlags = (process.env.SKIFF_BENCH_SERVER_FLAGS ?? "").split(/\s+/).filter((flag) => flag !== "");
const started = performance.now();
const cli = await bundleSkiffCli();
const notes: string[] = [];

/** Runs `work` against a fresh server with `workload.clients` clients, then stops it and removes its data. */
async function onFreshServer<T>(
  label: string,
  store: StoreFlags,
  work: (server: ServerProcess, clients: RestClient[]) => Promise<T>,
): Promise<T> {
  const dir = makeTempDir(`bench-apiserver-${label}`);
  try {
    // The API alone: its pods have no nodes, and the scheduler would keep writing their status.
    const server = await startServerProcess(cli, dir.path, store, serverNodeFlags, ["--controllers", "*,-scheduler"]);
    // One attempt: a failed request is a failed run, not something to retry quietly.
    const clients = Array.from({ length: workload.clients }, () => new RestClient(server.access, { retry: { attempts: 1 } }));
    try {
      await clients[0]?.create(namespaces, undefined, { apiVersion: "v1", kind: "Namespace", metadata: { name: namespace } });
      return await work(server, clients);
    } finally {
      for (const client of clients) client.close();
      await server.stop();
    }
  } finally {
    dir.remove();
  }
}

const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, workload.settleMs));
const megabytes = (bytes: number): number => bytes / (1024 * 1024);

/** Runs `work` and measures the CPU the server, this process and everything else used meanwhile. */
async function withCpu<T>(server: ServerProcess, work: () => Promise<T>): Promise<[T, CpuUse]> {
  const pids = [server.pid, process.pid];
  const before = await sampleCpu(pids);
  const result = await work();
  return [result, cpuBetween(before, await sampleCpu(pids))];
}

/** Other processes' CPU use (cores) above which a phase's figures say more about the machine than about skiff. */
const busyMachineCores = 0.25;

/** "server 0.64, load generator 0.20, other processes 0.05 cores", and a warning if the others were busy. */
function cpuNote(phase: string, use: CpuUse, serverPid: number): string {
  const cores = (n: number | undefined) => (n ?? 0).toFixed(2);
  const note =
    `CPU during ${phase}: server ${cores(use.processCores.get(serverPid))}, load generator ` +
    `${cores(use.processCores.get(process.pid))}, other processes ${cores(use.otherCores)} cores.`;
  return use.otherCores > busyMachineCores
    ? `${note} The machine was busy with other work: rerun on a quiet machine before trusting a FAIL here.`
    : note;
}

// What the rest of the machine (other people's work) is doing as the run starts.
const runStart = await sampleCpu([process.pid]);
await settle();
const othersBeforeRun = cpuBetween(runStart, await sampleCpu([process.pid])).otherCores;

// SQLite: the verbs, then mutating calls at the offered rate on the same (warm) server.
const sqlite = await onFreshServer("sqlite", { engine: "sqlite" }, async (server, clients) => {
  const crud = await measureCrud(clients, namespace, workload.crudSeconds);
  const writer = new RestClient(server.access, { retry: { attempts: 1 } });
  try {
    const pool = await createUpdatePool(clients, namespace);
    const [offered, cpu] = await withCpu(server, () =>
      measureOfferedWrites(writer, pool, namespace, workload.offeredRate, workload.offeredSeconds),
    );
    notes.push(cpuNote("the open loop", cpu, server.pid));
    return { crud, offered };
  } finally {
    writer.close();
  }
});

// etcd: the same verbs, on an etcd of its own.
const etcd = await startEtcd();
const etcdCrud = await onFreshServer("etcd", { engine: "etcd", endpoint: etcd.endpoint }, (_, clients) =>
  measureCrud(clients, namespace, workload.crudSeconds),
).finally(() => etcd.stop());

// SQLite again, fresh: memory idle, with the pods stored, then with the watchers open while they see writes.
const memory = await onFreshServer("memory", { engine: "sqlite" }, async (server, clients) => {
  await settle();
  const idle = await server.memory();
  const [client] = clients;
  if (client === undefined) throw new Error("no clients");
  const fill = await fillPods(clients, namespace, "stored-", workload.storedPods);
  notes.push(`${workload.storedPods} pods stored at ${fill.perSecond.toFixed(0)} creates/s (${workload.clients} clients).`);
  await settle();
  const withPods = await server.memory();

  const fanout = await openFanout(server.access, client, namespace, workload.watchers);
  try {
    const [latencies, cpu] = await withCpu(server, () => fanout.measure(workload.watchedWrites));
    notes.push(cpuNote("the fan-out writes", cpu, server.pid));
    await settle();
    const withWatchers = await server.memory();
    return { idle, withPods, withWatchers, latencies };
  } finally {
    fanout.close();
  }
});

const figures: ApiserverFigures = {
  crud: [
    { engine: "sqlite", figures: sqlite.crud },
    { engine: "etcd", figures: etcdCrud },
  ],
  offered: sqlite.offered,
  fanout: { p50Ms: percentile(memory.latencies.fromAckMs, 0.5), p99Ms: percentile(memory.latencies.fromAckMs, 0.99) },
  memoryMb: {
    idle: megabytes(memory.idle.rssBytes),
    withPods: megabytes(memory.withPods.rssBytes),
    withPodsAndWatchers: megabytes(memory.withWatchers.rssBytes),
  },
};

const early = memory.latencies.fromAckMs.filter((ms) => ms < 0).length;
const cpu = cpus();
console.log(apiserverTable(figures));
console.log(
  [
    "",
    `Run ${new Date().toISOString()}, ${((performance.now() - started) / 1000).toFixed(0)} s: node ${process.version}, ` +
      `${cpu.length} × ${cpu[0]?.model.trim() ?? "unknown CPU"}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, Linux ${release()}, ` +
      `${etcdVersion()}. Server, etcd and this load generator share the machine; other processes used ${othersBeforeRun.toFixed(2)} cores ` +
      `in the ${workload.settleMs / 1000} s before the run.`,
    "Each server: `node <skiff CLI bundled from src> server` as a child process on 127.0.0.1, fresh data dir under the system temp dir, " +
      "SQLite (WAL) or etcd (its own process, fresh data dir); log level warn" +
      (serverNodeFlags.length > 0 ? `; node flags ${serverNodeFlags.join(" ")}.` : "."),
    `Load: skiff's RestClient over HTTPS keep-alive, ${workload.clients} clients each on its own connection, one attempt per request; ` +
      `pods of ~1 KiB (labels, one container with ports, env, resources, a mount, two probes).`,
    `Verbs: each run ${workload.crudSeconds} s in a closed loop on a fresh server: creates of new pods, then PUTs of the pods each client created ` +
      "with its last resourceVersion (an annotation changed), then gets of those pods. Latency is from issue to full answer.",
    `Open loop: ${workload.offeredRate} calls/s scheduled for ${workload.offeredSeconds} s, alternately creates and PUTs (over ${updatedPods} pods), ` +
      "one RestClient (its 64 connections opened beforehand); latency from each call's scheduled time, so queueing counts.",
    `Watch fan-out: ${workload.watchers} chunked HTTP watches of all pods (node:https, one TLS connection each) on a server holding ` +
      `${workload.storedPods} pods; ${workload.watchedWrites} creates one at a time; latency from the create's answer to each watcher's ` +
      `receipt (${early} of ${memory.latencies.fromAckMs.length} events arrived before the answer and count as negative); ` +
      `from issuing the create: p50 ${milliseconds(percentile(memory.latencies.fromIssueMs, 0.5))} ms, ` +
      `p99 ${milliseconds(percentile(memory.latencies.fromIssueMs, 0.99))} ms. Receipt is timed in this one process, which reads all ` +
      `${workload.watchers} streams, so its own work is included.`,
    `Memory: VmRSS of the server process ${workload.settleMs / 1000} s after each step; that server's peak (VmHWM) ` +
      `${megabytes(memory.withWatchers.peakRssBytes).toFixed(1)} MB.`,
    ...notes,
  ].join("\n"),
);

function etcdVersion(): string {
  try {
    const firstLine = execFileSync("/usr/bin/etcd", ["--version"], { encoding: "utf8" }).split("\n")[0] ?? "";
    return firstLine.replace("etcd Version:", "etcd").trim();
  } catch {
    return "etcd version unknown";
  }
}
