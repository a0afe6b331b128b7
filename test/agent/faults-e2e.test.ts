import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Node } from "../../src/api/core/v1/node.js";
import type { Pod } from "../../src/api/core/v1/pod.js";
import type { ResourceRef } from "../../src/client/rest/paths.js";
import type { ApiObject } from "../../src/client/rest/rest-client.js";
import { StatusError } from "../../src/errors/status.js";
import { createJoinToken } from "../join/join-support.js";
import { eventually } from "../store/helpers/eventually.js";
import { kubectlRunner, type Kubectl } from "../support/kubectl.js";
import { startPrivateDockerd, type PrivateDockerd } from "../support/private-dockerd.js";
import { startTestServer, type TestServer } from "../support/server.js";
import { startTestAgent, type TestAgent } from "../support/test-agent.js";

const podsRef: ResourceRef = { group: "", version: "v1", resource: "pods", namespaced: true };
const secretsRef: ResourceRef = { group: "", version: "v1", resource: "secrets", namespaced: true };
const nodesRef: ResourceRef = { group: "", version: "v1", resource: "nodes", namespaced: false };
// A range of its own, so this file's pods never overlap another test file's.
const clusterCidr = "10.42.96.0/20";
const nodeName = `faults-${process.pid}`;
const podNetwork = `skiff-faults-${process.pid}`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
// A long-running container that ends at once on SIGTERM (a shell as PID 1 ignores it otherwise), so dockerd stops quickly.
const sleeper = "trap 'exit 0' TERM; sleep 3600 & wait";

let dockerd: PrivateDockerd | undefined;
let server: TestServer | undefined;
let serverDir = "";
let agentDir = "";
let kubectl: Kubectl | undefined;
let agent: TestAgent | undefined;

const api = (): TestServer => {
  if (!server) throw new Error("the test server is not running");
  return server;
};
const engine = (): PrivateDockerd => {
  if (!dockerd) throw new Error("the private dockerd is not running");
  return dockerd;
};

/** The agent in this process, on the private dockerd. */
async function startAgent(token: string): Promise<void> {
  agent = await startTestAgent({ server: api(), token, dataDir: agentDir, nodeName, podNetwork, dockerHost: engine().host });
}

async function stopAgent(): Promise<void> {
  await agent?.stop();
  agent = undefined;
}

async function startServerOn(port?: number): Promise<void> {
  server = await startTestServer({ dataDir: serverDir, clusterCidr, ...(port ? { port } : {}) });
}

/** Ids of a pod's containers (sandbox included) on the private engine; only the running ones unless `all`. */
async function containerIds(uid: string, all = false): Promise<string[]> {
  const out = await engine().docker(["ps", ...(all ? ["-a"] : []), "-q", "--no-trunc", "--filter", `label=io.kubernetes.pod.uid=${uid}`]);
  return out.split("\n").filter((id) => id !== "").sort();
}

const podNamed = (name: string): Promise<Pod> => api().client.get<Pod>(podsRef, "default", name);
const running = (pod: Pod) => pod.status?.phase === "Running" && (pod.status.containerStatuses ?? []).every((c) => c.state?.running);
const gone = (name: string) => podNamed(name).then(() => false, (error: unknown) => error instanceof StatusError && error.code === 404);

async function nodeReady(): Promise<{ status?: string; reason?: string }> {
  const node = await api().client.get<Node>(nodesRef, undefined, nodeName);
  const ready = node.status?.conditions?.find((c) => c.type === "Ready");
  return { ...(ready?.status ? { status: ready.status } : {}), ...(ready?.reason ? { reason: ready.reason } : {}) };
}

/** A pod on this file's node: one busybox container running `script`. */
async function createPod(name: string, script: string, extra: { restartPolicy?: string; env?: unknown[] } = {}): Promise<string> {
  const created = await api().client.create<Pod>(podsRef, "default", {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name },
    spec: {
      nodeName,
      terminationGracePeriodSeconds: 1,
      ...(extra.restartPolicy ? { restartPolicy: extra.restartPolicy } : {}),
      containers: [
        {
          name: "main",
          image: "skiff-test/busybox:1",
          imagePullPolicy: "Never",
          command: ["sh", "-c", script],
          ...(extra.env ? { env: extra.env } : {}),
        },
      ],
    },
  } as unknown as ApiObject);
  return created.metadata.uid ?? "";
}

async function waitRunning(name: string, timeoutMs = 30_000): Promise<Pod> {
  return eventually(async () => {
    const pod = await podNamed(name);
    expect(running(pod), `${name}: ${JSON.stringify(pod.status?.containerStatuses)}`).toBe(true);
    return pod;
  }, { timeoutMs, intervalMs: 250 });
}

beforeAll(async () => {
  dockerd = await startPrivateDockerd(`faults-${process.pid}`, ["skiff-test/busybox:1", "skiff-test/pause:1"]);
  serverDir = await mkdtemp(join(tmpdir(), "skiff-faults-server-"));
  agentDir = await mkdtemp(join(tmpdir(), "skiff-faults-agent-"));
  await startServerOn();
  kubectl = await kubectlRunner(api().server.kubeconfigPath);
  await startAgent((await createJoinToken(api(), { description: "faults e2e" })).token);
}, 60_000);

afterAll(async () => {
  await stopAgent();
  await dockerd?.destroy();
  await server?.stop();
  await rm(serverDir, { recursive: true, force: true });
  await rm(agentDir, { recursive: true, force: true });
}, 60_000);

describe("the agent's faults on real Docker", () => {
  const uids = new Map<string, string>();

  it("a Secret missing at start: CreateContainerConfigError naming it, retried until the Secret exists, then Running", async () => {
    uids.set("steady", await createPod("steady", sleeper));
    uids.set("needs-secret", await createPod("needs-secret", `echo $PASSWORD; ${sleeper}`, {
      env: [{ name: "PASSWORD", valueFrom: { secretKeyRef: { name: "late-secret", key: "password" } } }],
    }));
    const waiting = await eventually(async () => {
      const state = (await podNamed("needs-secret")).status?.containerStatuses?.[0]?.state?.waiting;
      expect(state?.reason).toBe("CreateContainerConfigError");
      return state;
    }, { timeoutMs: 30_000, intervalMs: 250 });
    expect(waiting?.message).toContain("late-secret");
    // kubectl shows the reason as the pod's status.
    expect((await kubectl?.(["get", "pod", "needs-secret", "--no-headers"]))?.stdout).toContain("CreateContainerConfigError");

    await api().client.create(secretsRef, "default", { apiVersion: "v1", kind: "Secret", metadata: { name: "late-secret" }, stringData: { password: "hunter2" } });
    await waitRunning("needs-secret");
    await waitRunning("steady");
    await eventually(async () => expect((await kubectl?.(["logs", "needs-secret"]))?.stdout).toBe("hunter2\n"), { timeoutMs: 10_000, intervalMs: 250 });
  }, 60_000);

  it("restarting the agent: pods deleted meanwhile are cleaned up, a container that exited is restarted, running ones are adopted", async () => {
    uids.set("deleted", await createPod("deleted", sleeper));
    uids.set("forced", await createPod("forced", sleeper));
    uids.set("exits", await createPod("exits", sleeper));
    await Promise.all(["deleted", "forced", "exits"].map((name) => waitRunning(name)));
    const steadyIds = await containerIds(uids.get("steady") ?? "");
    const exits = await podNamed("exits");
    const exitedId = exits.status?.containerStatuses?.[0]?.containerID?.slice("docker://".length) ?? "";
    expect(steadyIds).toHaveLength(2);

    await stopAgent();
    await api().client.delete(podsRef, "default", "deleted");
    // A force deletion removes the pod from the server at once: only the runtime remembers it.
    await api().client.delete(podsRef, "default", "forced", { gracePeriodSeconds: 0 });
    expect(await gone("forced")).toBe(true);
    await engine().docker(["kill", exitedId]);
    await startAgent("");

    await eventually(async () => {
      expect(await gone("deleted")).toBe(true);
      expect(await containerIds(uids.get("deleted") ?? "", true)).toEqual([]);
      expect(await containerIds(uids.get("forced") ?? "", true)).toEqual([]);
    }, { timeoutMs: 30_000, intervalMs: 500 });
    const restarted = await eventually(async () => {
      const pod = await podNamed("exits");
      expect(running(pod)).toBe(true);
      expect(pod.status?.containerStatuses?.[0]?.restartCount).toBe(1);
      return pod;
    }, { timeoutMs: 30_000, intervalMs: 250 });
    expect(restarted.status?.containerStatuses?.[0]?.lastState?.terminated?.exitCode).toBe(137);
    expect(restarted.status?.containerStatuses?.[0]?.containerID).not.toBe(`docker://${exitedId}`);
    expect(await containerIds(uids.get("steady") ?? "")).toEqual(steadyIds);
    expect((await podNamed("steady")).status?.containerStatuses?.[0]?.restartCount).toBe(0);
  }, 60_000);

  it("the server unreachable for a while: containers run on untouched, and the pods' status is written again afterwards", async () => {
    uids.set("finishes", await createPod("finishes", "sleep 6; exit 0", { restartPolicy: "Never" }));
    await waitRunning("finishes");
    const before = new Map<string, string[]>();
    for (const name of ["steady", "needs-secret", "exits"]) before.set(name, await containerIds(uids.get(name) ?? ""));
    const port = Number(new URL(api().admin.server).port);

    await api().stop();
    server = undefined;
    await sleep(15_000);
    // Meanwhile the short pod's container ended; the others ran on.
    for (const [name, ids] of before) expect(await containerIds(uids.get(name) ?? ""), name).toEqual(ids);
    await startServerOn(port);

    const finished = await eventually(async () => {
      const pod = await podNamed("finishes");
      expect(pod.status?.phase).toBe("Succeeded");
      return pod;
    }, { timeoutMs: 45_000, intervalMs: 500 });
    expect(finished.status?.containerStatuses?.[0]?.state?.terminated).toMatchObject({ exitCode: 0, reason: "Completed" });
    for (const [name, ids] of before) {
      expect(await containerIds(uids.get(name) ?? ""), name).toEqual(ids);
      expect((await podNamed(name)).status?.phase).toBe("Running");
    }
    await eventually(async () => expect(await nodeReady()).toEqual({ status: "True", reason: "KubeletReady" }), { timeoutMs: 20_000, intervalMs: 500 });
  }, 90_000);

  it("restarting dockerd: the node is NotReady while it is down, then Ready, and every pod comes back to its desired state", async () => {
    const before = new Map<string, { count: number; ids: string[] }>();
    for (const name of ["steady", "needs-secret", "exits"]) {
      const count = (await podNamed(name)).status?.containerStatuses?.[0]?.restartCount ?? -1;
      before.set(name, { count, ids: await containerIds(uids.get(name) ?? "") });
    }
    await engine().stop();
    await eventually(async () => expect(await nodeReady()).toEqual({ status: "False", reason: "KubeletNotReady" }), { timeoutMs: 30_000, intervalMs: 500 });
    await engine().start();
    await eventually(async () => expect((await nodeReady()).status).toBe("True"), { timeoutMs: 30_000, intervalMs: 500 });

    for (const [name, { count, ids }] of before) {
      await eventually(async () => {
        const pod = await podNamed(name);
        const status = pod.status?.containerStatuses?.[0];
        expect(running(pod), `${name}: ${JSON.stringify(pod.status?.containerStatuses)}`).toBe(true);
        // Docker stops every container as it shuts down: new ones run in a new sandbox, and the count goes up.
        // While dockerd stops it still serves requests, so the agent may restart a container once more in that
        // window (the kubelet would too): at least one restart, not exactly one.
        expect(status?.restartCount ?? 0).toBeGreaterThan(count);
        expect(status?.lastState?.terminated).toBeDefined();
        const now = await containerIds(uids.get(name) ?? "");
        expect(now).toHaveLength(2);
        for (const id of now) expect(ids).not.toContain(id);
      }, { timeoutMs: 45_000, intervalMs: 500 });
    }
    // A pod that had finished stays finished: restartPolicy Never.
    expect((await podNamed("finishes")).status?.phase).toBe("Succeeded");
    expect(await containerIds(uids.get("finishes") ?? "")).toEqual([]);
  }, 120_000);
});
