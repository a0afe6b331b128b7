import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { RestClient } from "../../../src/client/rest/rest-client.js";
import { cpuBetween, sampleCpu } from "../apiserver/cpu-usage.js";
import { clusterProbeCalls, startApiProbe } from "./api-probe.js";
import { PodTracker } from "./pod-tracker.js";
import { startScaleCluster } from "./scale-cluster.js";
import { podFigures, probeFigures, type ScaleFigures } from "./scale-figures.js";
import { deploymentOf, deploymentsFor, workload, type Scenario } from "./scale-workload.js";

const deploymentsRef = { group: "apps", version: "v1", resource: "deployments", namespaced: true };
const settleMs = 3_000;
const megabytes = (bytes: number): number => bytes / 1e6;

/**
 * One run: a fresh server on `engine` with `scenario.nodes` hollow nodes
 * Ready; then Deployments totalling `scenario.pods` replicas, created at
 * once, while a watch times every pod and a probe times GETs and LISTs;
 * done when the watch has seen every pod Running, or when the run's time
 * limit is up (the figures then say how far it got).
 */
export async function runScenario(bundles: { cli: string; hollow: string }, engine: "sqlite" | "etcd", scenario: Scenario): Promise<ScaleFigures> {
  const dir = await mkdtemp(join(tmpdir(), `skiff-bench-scale-${engine}-`));
  const cluster = await startScaleCluster({ ...bundles, engine, nodes: scenario.nodes, dir });
  try {
    await new Promise((resolve) => setTimeout(resolve, settleMs));
    const { client, server, fleets } = cluster;
    const tracker = await PodTracker.start(client, workload.namespace);
    const deployments = deploymentsFor(scenario.pods);
    const probe = startApiProbe(clusterProbeCalls(client, "hollow-0", workload.namespace, `app=${deployments[0]?.name ?? ""}`), workload.probePerSecond);
    const pids = [server.pid, ...fleets.map((fleet) => fleet.pid), process.pid];
    const cpuBefore = await sampleCpu(pids);
    const start = performance.now();
    const progress = setInterval(() => console.error(`  ${tracker.progress()} at ${((performance.now() - start) / 1000).toFixed(0)} s`), 5_000);
    const limitMs = workload.runLimitBaseMs + 10 * scenario.pods;
    let complete: boolean;
    try {
      await createAll(client, deployments);
      complete = await tracker.untilRunning(scenario.pods, limitMs - (performance.now() - start));
    } finally {
      clearInterval(progress);
      await tracker.stop();
    }
    const cpu = cpuBetween(cpuBefore, await sampleCpu(pids));
    const latencies = await probe.stop();
    const memory = await server.memory();
    const heapBytes = fleets.reduce((sum, fleet) => sum + fleet.started.heapBytes - fleet.started.baselineHeapBytes, 0);
    const fleetRss = await Promise.all(fleets.map(async (fleet) => (await fleet.memory()).rssBytes));
    return {
      engine,
      scenario,
      nodeProcesses: fleets.length,
      nodeHeapKb: heapBytes / scenario.nodes / 1024,
      nodeRssKb: fleetRss.reduce((sum, rss) => sum + rss, 0) / scenario.nodes / 1024,
      nodesReadyMs: cluster.nodesReadyMs,
      ...podFigures(tracker.times, start, complete ? undefined : performance.now()),
      probe: probeFigures(latencies),
      serverPeakRssMb: megabytes(memory.peakRssBytes),
      serverCores: cpu.processCores.get(server.pid) ?? 0,
      nodeProcessesCores: fleets.reduce((sum, fleet) => sum + (cpu.processCores.get(fleet.pid) ?? 0), 0),
      benchCores: cpu.processCores.get(process.pid) ?? 0,
      machineCores: cpu.machineCores,
    };
  } finally {
    await cluster.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

async function createAll(client: RestClient, deployments: Array<{ name: string; replicas: number }>): Promise<void> {
  let next = 0;
  const creator = async (): Promise<void> => {
    for (let item = deployments[next++]; item !== undefined; item = deployments[next++]) {
      await client.create(deploymentsRef, workload.namespace, deploymentOf(item.name, item.replicas));
    }
  };
  await Promise.all(Array.from({ length: Math.min(workload.createConcurrency, deployments.length) }, creator));
}
