import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import type { Pod } from "../../src/api/core/v1/pod.js";
import type { ResourceRef } from "../../src/client/rest/paths.js";
import type { ApiObject } from "../../src/client/rest/rest-client.js";
import { StatusError } from "../../src/errors/status.js";
import { createJoinToken } from "../join/join-support.js";
import { eventually } from "../store/helpers/eventually.js";
import { useKubectlServer } from "../support/server-hooks.js";
import { useTempDir } from "../support/temp-dir.js";
import { startTestAgent, type TestAgent } from "../support/test-agent.js";

const run = promisify(execFile);
const podsRef: ResourceRef = { group: "", version: "v1", resource: "pods", namespaced: true };
const configMapsRef: ResourceRef = { group: "", version: "v1", resource: "configmaps", namespaced: true };
// A range no other test file uses (the runtime and bridge tests take /24s of 10.42.192.0/18), so pod networks never overlap on the shared engine.
const clusterCidr = "10.42.160.0/20";
const nodeName = `e2e-${process.pid}`;
const podNetwork = `skiff-e2e-${process.pid}`;

const { server, ok, kubectl } = useKubectlServer({ clusterCidr });
const dir = useTempDir("skiff-agent-e2e-");

let agent: TestAgent | undefined;

/** The agent in this process: real Docker, this file's pod network. */
const startAgent = (token: string): Promise<TestAgent> =>
  startTestAgent({ server: server(), token, dataDir: join(dir(), "agent"), nodeName, podNetwork });

async function stopAgent(): Promise<void> {
  await agent?.stop();
  agent = undefined;
}

/** Ids of the running containers Docker has for a pod, sandbox included. */
async function containerIds(uid: string): Promise<string[]> {
  const { stdout } = await run("docker", ["ps", "-q", "--no-trunc", "--filter", `label=io.kubernetes.pod.uid=${uid}`]);
  return stdout.split("\n").filter((id) => id !== "").sort();
}

async function podNamed(name: string): Promise<Pod> {
  return server().client.get<Pod>(podsRef, "default", name);
}

const running = (pod: Pod) => pod.status?.phase === "Running" && (pod.status.containerStatuses ?? []).every((c) => c.state?.running);

afterAll(async () => {
  await stopAgent();
  const { stdout } = await run("docker", ["ps", "-aq", "--filter", `label=io.kubernetes.pod.namespace=default`, "--filter", `network=${podNetwork}`]);
  const ids = stdout.split("\n").filter((id) => id !== "");
  if (ids.length > 0) await run("docker", ["rm", "-f", ...ids]);
  await run("docker", ["network", "rm", podNetwork]).catch(() => undefined);
});

describe("the agent on real Docker", () => {
  let uid = "";
  let ids: string[] = [];

  it("joins, and runs a pod bound to its node as real containers on the node's pod network, with its status reported", async () => {
    const token = await createJoinToken(server(), { description: "agent e2e" });
    agent = await startAgent(token.token);
    await server().client.create(configMapsRef, "default", { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "greeting" }, data: { word: "ahoy" } });
    const created = await server().client.create<Pod>(podsRef, "default", {
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "hello" },
      spec: {
        nodeName,
        terminationGracePeriodSeconds: 2,
        containers: [
          {
            name: "main",
            image: "skiff-test/busybox:1",
            imagePullPolicy: "Never",
            command: ["sh", "-c", "echo out $WORD; echo err >&2; exec sleep 3600"],
            env: [{ name: "WORD", valueFrom: { configMapKeyRef: { name: "greeting", key: "word" } } }],
          },
        ],
      },
    } as unknown as ApiObject);
    uid = created.metadata.uid ?? "";

    const pod = await eventually(async () => {
      const current = await podNamed("hello");
      expect(running(current)).toBe(true);
      return current;
    }, { timeoutMs: 60_000, intervalMs: 250 });
    const node = await server().client.get<{ spec?: { podCIDR?: string } }>({ group: "", version: "v1", resource: "nodes", namespaced: false }, undefined, nodeName);
    const prefix = (node.spec?.podCIDR ?? "?").split(".").slice(0, 3).join(".");
    expect(pod.status?.podIP?.startsWith(`${prefix}.`)).toBe(true);
    expect(pod.status?.hostIP).toBe("127.0.0.1");
    const status = pod.status?.containerStatuses?.[0];
    expect(status).toMatchObject({ name: "main", ready: true, restartCount: 0, image: "skiff-test/busybox:1" });
    expect(status?.containerID).toMatch(/^docker:\/\/[0-9a-f]{64}$/);
    ids = await containerIds(uid);
    expect(ids).toHaveLength(2);
    expect(ids).toContain(status?.containerID?.slice("docker://".length));
  });

  it("serves kubectl logs and kubectl exec from the containers", async () => {
    // Docker copies stdout and stderr on their own: lines written together may be logged in either order.
    await eventually(async () => expect((await ok(["logs", "hello"])).split("\n").sort()).toEqual(["", "err", "out ahoy"]), { timeoutMs: 10_000, intervalMs: 250 });
    expect(await ok(["exec", "hello", "--", "sh", "-c", "echo in $WORD"])).toBe("in ahoy\n");
    const failed = await kubectl(["exec", "hello", "--", "sh", "-c", "exit 3"]);
    expect(failed.code).toBe(3);
  });

  it("after a restart of the agent, adopts the running containers instead of recreating them", async () => {
    await stopAgent();
    agent = await startAgent("");
    // A full sync after the restart: the pod is Running again by the new agent's own status write.
    await eventually(async () => {
      const pod = await podNamed("hello");
      expect(running(pod)).toBe(true);
      expect(await containerIds(uid)).toEqual(ids);
    }, { timeoutMs: 30_000, intervalMs: 500 });
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(await containerIds(uid)).toEqual(ids);
  });

  it("a deleted pod's containers are stopped and removed, and the agent finishes the deletion", async () => {
    await server().client.delete(podsRef, "default", "hello");
    await eventually(async () => {
      const gone = await podNamed("hello").then(() => false, (error: unknown) => error instanceof StatusError && error.code === 404);
      expect(gone).toBe(true);
    }, { timeoutMs: 30_000, intervalMs: 250 });
    const { stdout } = await run("docker", ["ps", "-aq", "--filter", `label=io.kubernetes.pod.uid=${uid}`]);
    expect(stdout.trim()).toBe("");
  });
});
