import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Pod } from "../../src/api/core/v1/pod.js";
import type { ResourceRef } from "../../src/client/rest/paths.js";
import { watch } from "../../src/client/watch/watch.js";
import { eventually } from "../store/helpers/eventually.js";
import { useDockerAgent } from "./docker-agent-hooks.js";

// Issue 6 end to end: the scheduler, the Deployment and ReplicaSet
// controllers and a real agent on real Docker, driven by the real kubectl
// (Jobs and DaemonSets: job-e2e.test.ts).
const run = promisify(execFile);
const podsRef: ResourceRef = { group: "", version: "v1", resource: "pods", namespaced: true };
// Every controller, the scheduler included: the pods are bound by it, not by the test.
const agent = useDockerAgent({ clusterCidr: "10.42.144.0/20", name: "workloads-e2e", controllers: ["*"] });

const deployment = (image: string): string => `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 3
  strategy: {type: RollingUpdate, rollingUpdate: {maxUnavailable: 1, maxSurge: 1}}
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      terminationGracePeriodSeconds: 1
      containers:
      - name: main
        image: ${image}
        imagePullPolicy: Never
        command: [sh, -c, "trap 'exit 0' TERM; httpd -f -p 8080 & wait"]
        readinessProbe: {tcpSocket: {port: 8080}, periodSeconds: 1}
`;

const isReady = (pod: Pod): boolean =>
  pod.metadata.deletionTimestamp === undefined && (pod.status?.conditions ?? []).some((c) => c.type === "Ready" && c.status === "True");

/**
 * Follows the Deployment's pods by watch, every event, and keeps the fewest
 * ready pods seen at any moment since `start`.
 */
function watchReadiness(): { follow(): void; start(): void; fewestReady(): number; stop(): void; ready(): number } {
  const abort = new AbortController();
  const pods = new Map<string, Pod>();
  let fewest = Infinity;
  let counting = false;
  const readyNow = (): number => [...pods.values()].filter(isReady).length;
  // Called from a hook: the server only runs once the file's hooks have started it.
  const follow = (): void => void (async () => {
    const client = agent.server().client;
    const list = await client.list<Pod>(podsRef, "default", { labelSelector: "app=web" });
    for (const pod of list.items) pods.set(pod.metadata.uid ?? "", pod);
    const events = watch<Pod>(client, podsRef, "default", { labelSelector: "app=web", resourceVersion: list.metadata?.resourceVersion ?? "0", signal: abort.signal });
    for await (const event of events) {
      if (event.type === "BOOKMARK") continue;
      const uid = event.object.metadata.uid ?? "";
      if (event.type === "DELETED") pods.delete(uid);
      else pods.set(uid, event.object);
      if (counting) fewest = Math.min(fewest, readyNow());
    }
  })().catch(() => undefined);
  return {
    follow,
    start: () => {
      counting = true;
      fewest = readyNow();
    },
    fewestReady: () => fewest,
    ready: readyNow,
    stop: () => abort.abort(),
  };
}

async function podImages(): Promise<string[]> {
  const list = await agent.server().client.list<Pod>(podsRef, "default", { labelSelector: "app=web" });
  return list.items.filter((p) => p.metadata.deletionTimestamp === undefined).map((p) => p.spec.containers[0]?.image ?? "");
}

describe("workloads on a real agent", () => {
  const readiness = watchReadiness();
  beforeAll(async () => {
    await agent.ok(["apply", "-f", "-"], deployment("skiff-test/busybox:1"));
    await agent.ok(["rollout", "status", "deployment/web", "--timeout=120s"]);
    readiness.follow();
  }, 150_000);
  afterAll(() => readiness.stop());

  it("schedules the Deployment's pods onto the node and runs them", async () => {
    const list = await agent.server().client.list<Pod>(podsRef, "default", { labelSelector: "app=web" });
    expect(list.items).toHaveLength(3);
    for (const pod of list.items) {
      expect(pod.spec.nodeName).toBe(agent.nodeName);
      expect(pod.status?.phase).toBe("Running");
    }
  });

  it("rolls from one image tag to another without ever having fewer than replicas - maxUnavailable pods ready", async () => {
    await eventually(() => expect(readiness.ready()).toBe(3), { timeoutMs: 10_000, intervalMs: 100 });
    readiness.start();
    await agent.ok(["set", "image", "deployment/web", "main=skiff-test/busybox:2"]);
    await agent.ok(["rollout", "status", "deployment/web", "--timeout=120s"]);
    expect(readiness.fewestReady()).toBeGreaterThanOrEqual(2);
    await eventually(async () => expect(await podImages()).toEqual(["skiff-test/busybox:2", "skiff-test/busybox:2", "skiff-test/busybox:2"]), { timeoutMs: 30_000, intervalMs: 250 });
  }, 150_000);

  it("rolls back with rollout undo to the previous template", async () => {
    readiness.start();
    await agent.ok(["rollout", "undo", "deployment/web"]);
    await agent.ok(["rollout", "status", "deployment/web", "--timeout=120s"]);
    expect(readiness.fewestReady()).toBeGreaterThanOrEqual(2);
    await eventually(async () => expect(await podImages()).toEqual(["skiff-test/busybox:1", "skiff-test/busybox:1", "skiff-test/busybox:1"]), { timeoutMs: 30_000, intervalMs: 250 });
    const history = await agent.ok(["rollout", "history", "deployment/web"]);
    expect(history).toMatch(/REVISION/);
    // "deployment.apps/web", the header, then a line per revision.
    expect(history.trim().split("\n").slice(2).map((line) => line.split(/\s+/)[0])).toEqual(["2", "3"]);
  }, 150_000);

  it("brings back a pod whose container was killed, and replaces a deleted pod", async () => {
    const client = agent.server().client;
    const [victim] = (await client.list<Pod>(podsRef, "default", { labelSelector: "app=web" })).items;
    const containerId = (victim?.status?.containerStatuses?.[0]?.containerID ?? "").replace("docker://", "");
    await run("docker", ["kill", containerId]);
    await eventually(
      async () => {
        const pod = await client.get<Pod>(podsRef, "default", victim!.metadata.name ?? "");
        expect(pod.status?.containerStatuses?.[0]?.restartCount).toBeGreaterThanOrEqual(1);
        expect(isReady(pod)).toBe(true);
      },
      { timeoutMs: 60_000, intervalMs: 250 },
    );

    await agent.ok(["delete", "pod", victim!.metadata.name ?? "", "--wait=false"]);
    await eventually(
      async () => {
        const pods = (await client.list<Pod>(podsRef, "default", { labelSelector: "app=web" })).items.filter(isReady);
        expect(pods).toHaveLength(3);
        expect(pods.map((p) => p.metadata.name)).not.toContain(victim!.metadata.name);
      },
      { timeoutMs: 60_000, intervalMs: 250 },
    );
  }, 150_000);
});
