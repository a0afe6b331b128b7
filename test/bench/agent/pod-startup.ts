import type { Pod } from "../../../src/api/core/v1/pod.js";
import type { ResourceRef } from "../../../src/client/rest/paths.js";
import type { ApiObject, RestClient } from "../../../src/client/rest/rest-client.js";
import { watch } from "../../../src/client/watch/watch.js";
import { startupOf, type Startup } from "./startup.js";

const pods: ResourceRef = { group: "", version: "v1", resource: "pods", namespaced: true };
const limitMs = 180_000;

export interface PodStartup {
  /** From the moment all creates were sent, as the baselines are timed. */
  fromStart: Startup;
  /** From each pod's create acknowledged (the measure). */
  fromAck: Startup;
}

/**
 * Creates `count` pods bound to `node` at once and times each to Running as
 * a watch sees it; then deletes them and waits until they are gone.
 */
export async function podStartup(client: RestClient, namespace: string, node: string, image: string, command: readonly string[], count: number): Promise<PodStartup> {
  const list = await client.list(pods, namespace);
  const stop = new AbortController();
  const timer = setTimeout(() => stop.abort(), limitMs);
  const runningAt = new Map<string, number>();
  const allRunning = (async () => {
    const events = watch<Pod & ApiObject>(client, pods, namespace, { resourceVersion: list.metadata.resourceVersion, signal: stop.signal });
    for await (const event of events) {
      if (event.type === "BOOKMARK" || event.type === "DELETED") continue;
      const name = event.object.metadata.name ?? "";
      if (event.object.status?.phase === "Running" && !runningAt.has(name)) runningAt.set(name, performance.now());
      if (runningAt.size === count) return;
    }
  })();
  const names = Array.from({ length: count }, (_, n) => `startup-${count}-${n}`);
  const start = performance.now();
  const ackAt = new Map<string, number>();
  await Promise.all(
    names.map(async (name) => {
      await client.create(pods, namespace, podOf(name, node, image, command));
      ackAt.set(name, performance.now());
    }),
  );
  try {
    await allRunning;
  } finally {
    clearTimeout(timer);
    stop.abort();
  }
  if (runningAt.size < count) throw new Error(`${runningAt.size} of ${count} pods Running within ${limitMs} ms`);
  await Promise.all(names.map((name) => client.delete(pods, namespace, name, { gracePeriodSeconds: 0 })));
  await waitUntilGone(client, namespace);
  return {
    fromStart: startupOf(names.map((name) => runningAt.get(name)! - start)),
    fromAck: startupOf(names.map((name) => runningAt.get(name)! - ackAt.get(name)!)),
  };
}

async function waitUntilGone(client: RestClient, namespace: string): Promise<void> {
  const deadline = performance.now() + limitMs;
  while ((await client.list(pods, namespace)).items.length > 0) {
    if (performance.now() > deadline) throw new Error(`pods in ${namespace} not gone within ${limitMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

function podOf(name: string, node: string, image: string, command: readonly string[]): ApiObject {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name },
    spec: {
      nodeName: node,
      terminationGracePeriodSeconds: 1,
      automountServiceAccountToken: false,
      containers: [{ name: "main", image, imagePullPolicy: "Never", command: [...command] }],
    },
  };
}
