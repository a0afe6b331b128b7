/**
 * Scheduler algorithm benchmark (`sh test/bench/run.sh scheduler [nodes] [pods]`):
 * the pure decision loop — filters, scores, assume — over in-memory nodes,
 * no server and no bindings. Pods come as Deployments do (a controller
 * owner each, 100m cpu and 128Mi memory); nodes have 32 cpu, 64Gi, 110 pods.
 * Prints the pods decided per second; it asserts nothing.
 */
import type { Node } from "../../src/api/core/v1/node.js";
import type { Pod } from "../../src/api/core/v1/pod.js";
import { podInfoOf } from "../../server/scheduler/pod-info.js";
import { SchedulerCache } from "../../server/scheduler/scheduler-cache.js";
import { SchedulingAlgorithm } from "../../server/scheduler/scheduling-algorithm.js";

const nodeCount = Number(process.argv[2] ?? 1_000);
const podCount = Number(process.argv[3] ?? 30_000);
const owners = 100;

const node = (name: string): Node => ({
  apiVersion: "v1",
  kind: "Node",
  metadata: { name, labels: { "kubernetes.io/hostname": name, "topology.kubernetes.io/zone": `zone-${name.length % 3}` } },
  status: { allocatable: { cpu: "32", memory: "64Gi", pods: "110" }, conditions: [{ type: "Ready", status: "True" }] },
});

const pod = (i: number): Pod => {
  const owner = `rs-${i % owners}`;
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name: `p-${i}`, namespace: "bench", uid: `uid-${i}`, labels: { app: owner }, ownerReferences: [{ apiVersion: "apps/v1", kind: "ReplicaSet", name: owner, uid: `uid-${owner}`, controller: true }] },
    spec: { containers: [{ name: "c", image: "pause", resources: { requests: { cpu: "100m", memory: "128Mi" } } }] },
  };
};

const cache = new SchedulerCache();
for (let i = 0; i < nodeCount; i++) cache.setNode(node(`node-${i}`));
const pods = Array.from({ length: podCount }, (_, i) => pod(i));
const algorithm = new SchedulingAlgorithm();

const started = process.hrtime.bigint();
const cpuBefore = process.cpuUsage();
let scheduled = 0;
let evaluated = 0;
for (const object of pods) {
  const info = podInfoOf(object);
  const result = algorithm.schedule(info, cache);
  if (result.kind !== "scheduled") continue;
  cache.assume(info, result.node);
  scheduled++;
  evaluated += result.evaluatedNodes;
}
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
const cpu = process.cpuUsage(cpuBefore);
// The machine may be shared: CPU time says what the loop costs, wall time what it got.
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
let busiest = 0;
for (const info of cache.nodes) busiest = Math.max(busiest, info.pods.size);
process.stdout.write(
  [
    `scheduler algorithm: ${scheduled}/${podCount} pods over ${nodeCount} nodes in ${seconds.toFixed(2)} s`,
    `  ${Math.round(scheduled / seconds)} pods/s by the wall clock; ${cpuSeconds.toFixed(2)} s of CPU: ${Math.round(scheduled / cpuSeconds)} pods per CPU-second, ${((cpuSeconds * 1e6) / podCount).toFixed(0)} µs per pod`,
    `  ${Math.round(evaluated / Math.max(scheduled, 1))} nodes filtered per pod`,
    `  most pods on one node: ${busiest} (even spread: ${Math.ceil(podCount / nodeCount)})`,
    `  heap used: ${Math.round(process.memoryUsage().heapUsed / 2 ** 20)} MiB`,
    "",
  ].join("\n"),
);
