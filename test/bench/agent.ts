/**
 * Agent benchmark (`npm run bench:agent`): one run, one table. A skiff
 * server and a `skiff agent` run as processes of their own on this host's
 * Docker Engine (the CLI bundled from the current sources); this process
 * creates N pods bound to the agent's node at once and times them to
 * Running as a watch sees it, for N = 1, 10, 30. Beside them, in the same
 * run and on the same engine: `docker run -d` of the same containers, N at
 * once, and Docker Swarm (`docker service create --replicas N`). Then the
 * agent's resident memory with no pods and with 30, and its CPU while
 * idle with 30 pods running.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { cpus, release, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import type { Node } from "../../src/api/core/v1/node.js";
import { RestClient, type ApiObject } from "../../src/client/rest/rest-client.js";
import { createdJoinTokenSchema, joinTokensPath } from "../../src/join/join-api.js";
import { startAgentProcess } from "./agent/agent-process.js";
import { dockerRunStartup } from "./agent/docker-run-baseline.js";
import { podStartup, type PodStartup } from "./agent/pod-startup.js";
import type { Startup } from "./agent/startup.js";
import { agentTable, type AgentFigures } from "./agent/report.js";
import { swarmStartup } from "./agent/swarm-baseline.js";
import { cpuBetween, sampleCpu } from "./apiserver/cpu-usage.js";
import { bundleSkiffCli } from "./apiserver/server-bundle.js";
import { startServerProcess } from "./apiserver/server-process.js";

const image = "skiff-test/busybox:1";
const pauseImage = "skiff-test/pause:1";
const command = ["sleep", "3600"];
const counts = [1, 10, 30];
const nodeName = "bench-node";
const namespace = "default";
const idleSeconds = 30;
const settleMs = 3_000;
const podsRef = { group: "", version: "v1", resource: "pods", namespaced: true };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const started = performance.now();
const cli = await bundleSkiffCli();
const dir = await mkdtemp(join(tmpdir(), "skiff-bench-agent-"));
const server = await startServerProcess(cli, join(dir, "server"), { engine: "sqlite" });
const client = new RestClient(server.access);
const agentProcess = await (async () => {
  const answer = await client.request<unknown>({ method: "POST", path: joinTokensPath, body: JSON.stringify({ ttlSeconds: 600 }), contentType: "application/json" });
  const { token } = createdJoinTokenSchema.parse(answer);
  return startAgentProcess(cli, { server: server.access.server, token, dataDir: join(dir, "agent"), nodeName, pauseImage });
})();

try {
  await waitForReadyNode();
  await sleep(settleMs);
  const idleMb = (await agentProcess.memory()).rssBytes / 1e6;

  const skiff: PodStartup[] = [];
  for (const count of counts) skiff.push(await podStartup(client, namespace, nodeName, image, command, count));
  const dockerRun: Startup[] = [];
  for (const count of counts) dockerRun.push(await dockerRunStartup(image, command, count, `skiff-bench=docker-run-${process.pid}`));
  const swarm = await swarmStartup(image, command, counts);

  // Memory and idle CPU with 30 pods running.
  const held = counts[counts.length - 1]!;
  await holdPods(held);
  await sleep(settleMs);
  const withPodsMb = (await agentProcess.memory()).rssBytes / 1e6;
  const before = await sampleCpu([agentProcess.pid]);
  await sleep(idleSeconds * 1000);
  const idle = cpuBetween(before, await sampleCpu([agentProcess.pid]));

  const figures: AgentFigures = {
    rows: counts.map((count, n) => ({ count, skiff: skiff[n]!, dockerRun: dockerRun[n]!, ...(Array.isArray(swarm) ? { swarm: swarm[n]! } : {}) })),
    ...(typeof swarm === "string" ? { swarmSkipped: swarm } : {}),
    memoryMb: { idle: idleMb, withPods: withPodsMb },
    idleCpuPercent: (idle.processCores.get(agentProcess.pid) ?? 0) * 100,
    podsForMemory: held,
  };
  console.log(agentTable(figures));
  console.log();
  console.log(
    [
      `Run ${new Date().toISOString()}, ${((performance.now() - started) / 1000).toFixed(0)} s: node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? "?"}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, Linux ${release()}.`,
      `Pods: one container (${image}, ${command.join(" ")}, imagePullPolicy Never) and skiff's sandbox (${pauseImage}); docker run and Swarm run the same container without a sandbox.`,
      "Every figure is from one run; N pods (containers, tasks) are asked for at once; \"from the common start\" is from the moment all were asked for, as the baselines are timed; docker run -d returns once its container started; Swarm tasks are polled every 50 ms.",
      typeof swarm === "string" ? `Swarm: not measured: ${swarm}.` : "Swarm: a one-node swarm on loopback, made for this run and left after it.",
      `Idle CPU: the agent's user + system time over ${idleSeconds} s with ${held} pods running and nothing changing.`,
    ].join("\n"),
  );
} finally {
  await agentProcess.stop();
  await deleteHeldPods();
  await server.stop();
  await rm(dir, { recursive: true, force: true });
}

async function waitForReadyNode(): Promise<void> {
  const deadline = performance.now() + 60_000;
  for (;;) {
    const node = await client.get<Node>({ group: "", version: "v1", resource: "nodes", namespaced: false }, undefined, nodeName).catch(() => undefined);
    if (node?.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True")) return;
    if (performance.now() > deadline) throw new Error(`node ${nodeName} not Ready within 60 s:\n${agentProcess.output()}`);
    await sleep(200);
  }
}


async function holdPods(count: number): Promise<void> {
  for (let n = 0; n < count; n++) {
    const pod: ApiObject = {
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: `held-${n}` },
      spec: { nodeName, terminationGracePeriodSeconds: 1, automountServiceAccountToken: false, containers: [{ name: "main", image, imagePullPolicy: "Never", command }] },
    };
    await client.create(podsRef, namespace, pod);
  }
  const deadline = performance.now() + 120_000;
  for (;;) {
    const list = await client.list(podsRef, namespace);
    if (list.items.filter((pod) => (pod as { status?: { phase?: string } }).status?.phase === "Running").length >= count) return;
    if (performance.now() > deadline) throw new Error(`${count} held pods not Running within 120 s`);
    await sleep(500);
  }
}

/** The agent is stopped by now: its pods' containers are removed by label, as nothing else will. */
async function deleteHeldPods(): Promise<void> {
  const { removeLabelled } = await import("./agent/docker-run-baseline.js");
  await removeLabelled(`io.kubernetes.pod.namespace=${namespace}`).catch(() => undefined);
}
