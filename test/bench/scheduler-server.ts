/**
 * Scheduler against a real server (`sh test/bench/run.sh scheduler-server [nodes] [pods]`):
 * an in-process skiff server (SQLite) with the scheduler on; N fake Ready
 * nodes made through the API, then M pods created by 64 concurrent clients.
 * An informer counts pods as they are seen bound. Prints the create rate,
 * the bind rate over the whole run, and how long after the last create the
 * last binding was seen. Asserts nothing.
 */
import type { Pod } from "../../src/api/core/v1/pod.js";
import { resourceInformer } from "../../src/client/informer/resource-informer.js";
import { createLogger } from "../../src/log.js";
import { startTestServer } from "../support/server.js";
import { addReadyNode, podManifest, podsRef } from "../scheduler/scheduler-support.js";

const nodeCount = Number(process.argv[2] ?? 100);
const podCount = Number(process.argv[3] ?? 3_000);
const clients = 64;

async function inParallel(count: number, work: (i: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: clients }, async () => {
    while (next < count) await work(next++);
  }));
}

const server = await startTestServer({ controllers: process.argv[4] === "off" ? ["*", "-scheduler"] : ["*"] });
const abort = new AbortController();
try {
  await inParallel(nodeCount, (i) => addReadyNode(server.client, `bench-${i}`, { cpu: "32", memory: "64Gi", pods: 110 }));
  let bound = 0;
  let lastBoundAt = 0;
  const seen = new Set<string>();
  const informer = resourceInformer<Pod & { metadata: { name?: string } }>(server.client, podsRef, "default", { log: createLogger("silent") });
  const count = (pod: Pod): void => {
    const name = pod.metadata.name ?? "";
    if (!pod.spec.nodeName || seen.has(name)) return;
    seen.add(name);
    bound++;
    lastBoundAt = performance.now();
  };
  informer.addEventHandler({ onAdd: count, onUpdate: (_old, pod) => count(pod) });
  void informer.run(abort.signal);
  await informer.waitForSync(abort.signal);

  const started = performance.now();
  await inParallel(podCount, (i) => server.client.create(podsRef, "default", podManifest(`p-${i}`, { cpu: "100m", memory: "128Mi" })));
  const created = performance.now();
  const deadline = created + 300_000;
  while (bound < podCount && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
  const createSeconds = (created - started) / 1000;
  const bindSeconds = (lastBoundAt - started) / 1000;
  process.stdout.write(
    [
      `scheduler in a real server: ${nodeCount} nodes, ${podCount} pods (SQLite, in process, ${clients} creating clients)`,
      `  created in ${createSeconds.toFixed(1)} s: ${Math.round(podCount / createSeconds)} creates/s`,
      `  ${bound} bound within ${bindSeconds.toFixed(1)} s of the first create: ${Math.round(bound / bindSeconds)} bound/s overall`,
      `  the last binding seen ${((lastBoundAt - created) / 1000).toFixed(2)} s after the last create`,
      `  server process RSS ${Math.round(process.memoryUsage().rss / 2 ** 20)} MiB (bench client included)`,
      "",
    ].join("\n"),
  );
} finally {
  abort.abort();
  await server.stop();
}
