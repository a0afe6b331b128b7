import { execFile, spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, expect } from "vitest";
import type { Pod } from "../../src/api/core/v1/pod.js";
import type { ResourceRef } from "../../src/client/rest/paths.js";
import type { ApiObject } from "../../src/client/rest/rest-client.js";
import { createJoinToken } from "../join/join-support.js";
import { eventually } from "../store/helpers/eventually.js";
import { useKubectlServer, type KubectlServerHandle } from "../support/server-hooks.js";
import { useTempDir } from "../support/temp-dir.js";
import { startTestAgent, type TestAgent } from "../support/test-agent.js";

const run = promisify(execFile);
export const podsRef: ResourceRef = { group: "", version: "v1", resource: "pods", namespaced: true };

/** A test file's server, kubectl, and one agent composed in-process on real Docker. */
export interface DockerAgentHandle extends KubectlServerHandle {
  nodeName: string;
  /** Creates a pod bound to the agent's node. */
  createPod(name: string, spec: Record<string, unknown>): Promise<Pod>;
  /** Waits until the pod's containers all run, and returns it. */
  runningPod(name: string): Promise<Pod>;
  /** A long-running kubectl with its own pipes, for -f and terminals; killed after the file's tests. */
  spawnKubectl(args: string[]): ChildProcessWithoutNullStreams;
  /** The kubeconfig flags the skiff CLI and kubectl take. */
  kubeconfigArgs(): string[];
}

/**
 * Starts a server (with its own cluster CIDR) and an agent as `skiff agent`
 * composes it, on a pod network named for the file, with the test images.
 * After the file's tests, the agent stops and every container on that
 * network, and the network, are removed.
 */
export function useDockerAgent(options: { clusterCidr: string; name: string; controllers?: string[] }): DockerAgentHandle {
  const handle = useKubectlServer({ clusterCidr: options.clusterCidr, ...(options.controllers ? { controllers: options.controllers } : {}) });
  const dir = useTempDir(`skiff-${options.name}-`);
  const nodeName = `${options.name}-${process.pid}`;
  const podNetwork = `skiff-${options.name}-${process.pid}`;
  let agent: TestAgent | undefined;
  let cacheDir = "";
  const children = new Set<ChildProcessWithoutNullStreams>();

  beforeAll(async () => {
    cacheDir = await mkdtemp(join(tmpdir(), "skiff-kubectl-cache-"));
    const token = await createJoinToken(handle.server(), { description: options.name });
    agent = await startTestAgent({ server: handle.server(), token: token.token, dataDir: join(dir(), "agent"), nodeName, podNetwork });
  });

  afterAll(async () => {
    for (const child of children) child.kill("SIGKILL");
    await agent?.stop();
    const { stdout } = await run("docker", ["ps", "-aq", "--filter", "label=io.kubernetes.pod.namespace=default", "--filter", `network=${podNetwork}`]);
    const ids = stdout.split("\n").filter((id) => id !== "");
    if (ids.length > 0) await run("docker", ["rm", "-f", ...ids]);
    await run("docker", ["network", "rm", podNetwork]).catch(() => undefined);
  });

  const kubeconfigArgs = (): string[] => ["--kubeconfig", handle.kubeconfig()];

  return {
    ...handle,
    nodeName,
    kubeconfigArgs,
    async createPod(name, spec) {
      const pod = { apiVersion: "v1", kind: "Pod", metadata: { name }, spec: { nodeName, terminationGracePeriodSeconds: 1, ...spec } };
      return handle.server().client.create<Pod>(podsRef, "default", pod as unknown as ApiObject);
    },
    runningPod: (name) =>
      eventually(
        async () => {
          const pod = await handle.server().client.get<Pod>(podsRef, "default", name);
          expect(pod.status?.phase).toBe("Running");
          expect((pod.status?.containerStatuses ?? []).every((c) => c.state?.running)).toBe(true);
          return pod;
        },
        { timeoutMs: 60_000, intervalMs: 250 },
      ),
    spawnKubectl(args) {
      const child = spawn("kubectl", [...kubeconfigArgs(), "--cache-dir", cacheDir, ...args]);
      children.add(child);
      child.once("exit", () => children.delete(child));
      return child;
    },
  };
}

/** A busybox container that runs `script` with sh. */
export const busybox = (name: string, script: string): Record<string, unknown> => ({
  name,
  image: "skiff-test/busybox:1",
  imagePullPolicy: "Never",
  command: ["sh", "-c", script],
});

/** What a child process wrote so far, and a wait for a pattern in it. */
export function collect(stream: NodeJS.ReadableStream): { text(): string; waitFor(pattern: RegExp, timeoutMs?: number): Promise<string> } {
  let text = "";
  stream.on("data", (chunk: Buffer) => {
    text += chunk.toString("utf8");
  });
  return {
    text: () => text,
    waitFor: (pattern, timeoutMs = 20_000) =>
      eventually(
        () => {
          expect(text).toMatch(pattern);
          return text;
        },
        { timeoutMs, intervalMs: 100 },
      ),
  };
}
