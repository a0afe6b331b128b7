import { spawn, type ChildProcess } from "node:child_process";
import { stat } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { Lease } from "../../src/api/coordination/v1/lease.js";
import type { Node } from "../../src/api/core/v1/node.js";
import { credentialFileName } from "../../src/join/credential-file.js";
import { joinTokensPath } from "../../src/join/join-api.js";
import { createJoinToken } from "../join/join-support.js";
import { eventually } from "../store/helpers/eventually.js";
import { useKubectlServer } from "../support/server-hooks.js";
import { startTestServer, type TestServer } from "../support/server.js";
import { useTempDir } from "../support/temp-dir.js";
import { useCliBundle } from "../support/cli-bundle.js";

const nodesRef = { group: "", version: "v1", resource: "nodes", namespaced: false };
const leasesRef = { group: "coordination.k8s.io", version: "v1", resource: "leases", namespaced: true };
const nodeName = `skiff-agent-cli-${process.pid}`;

const { server, ok } = useKubectlServer();
const dir = useTempDir("skiff-agent-cli-");
const cli = useCliBundle();

interface RunningAgent {
  child: ChildProcess;
  output(): string;
  /** Sends SIGTERM and resolves with the exit code. */
  stop(): Promise<number | null>;
}

/** `skiff agent ...` as a process of its own, as systemd would run it (plain node: see useCliBundle). */
// Agents a failed or timed-out test left running are killed after the file, not left behind.
const started = new Set<ChildProcess>();
afterAll(() => {
  for (const child of started) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
});

function startAgent(args: string[], env: Record<string, string> = {}): RunningAgent {
  const child = spawn(process.execPath, [cli(), "agent", ...args], {
    env: { ...process.env, SKIFF_TOKEN: "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  started.add(child);
  let text = "";
  child.stdout?.on("data", (chunk: Buffer) => (text += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (text += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return {
    child,
    output: () => text,
    async stop() {
      child.kill("SIGTERM");
      return exited;
    },
  };
}

const readyOf = (node: Node) => node.status?.conditions?.find((condition) => condition.type === "Ready");

describe("skiff agent", () => {
  it("joins with a join token, registers a Ready Node kubectl shows, renews its Lease, and after a restart reuses its credential and its Node", async () => {
    const dataDir = join(dir(), "agent");
    const token = await createJoinToken(server(), { description: "skiff agent test" });
    const common = ["--server", server().admin.server, "--data-dir", dataDir, "--node-name", nodeName, "--node-ip", "127.0.0.1", "--log-level", "info"];
    const first = startAgent([...common, "--node-label", "skiff.dev/test=agent-cli", "--node-taint", "skiff.dev/test=agent:NoSchedule"], { SKIFF_TOKEN: token.token });
    let node: Node;
    try {
      node = await eventually(async () => {
        const current = await server().client.get<Node>(nodesRef, undefined, nodeName);
        expect(readyOf(current)?.status).toBe("True");
        expect(current.spec?.podCIDR).toBeDefined();
        return current;
      }, { timeoutMs: 30_000, intervalMs: 200 });
      expect((await stat(join(dataDir, credentialFileName))).mode & 0o777).toBe(0o600);
      expect(node.metadata.labels).toMatchObject({ "kubernetes.io/hostname": nodeName, "kubernetes.io/os": "linux", "skiff.dev/test": "agent-cli" });
      expect(node.spec?.taints).toEqual([{ key: "skiff.dev/test", value: "agent", effect: "NoSchedule" }]);
      expect(node.status?.nodeInfo?.containerRuntimeVersion).toMatch(/^docker:\/\/\d+\.\d+/);
      expect(node.status?.capacity).toMatchObject({ pods: "110", cpu: expect.stringMatching(/^\d+$/), memory: expect.stringMatching(/^\d+Ki$/) });

      const wide = await ok(["get", "node", nodeName, "-o", "wide"]);
      const [header, row] = wide.trim().split("\n");
      expect(header).toMatch(/^NAME +STATUS +ROLES +AGE +VERSION +INTERNAL-IP +EXTERNAL-IP +OS-IMAGE +KERNEL-VERSION +CONTAINER-RUNTIME$/);
      expect(row).toMatch(new RegExp(`^${nodeName} +Ready +<none> +\\S+ +v\\S+ +127\\.0\\.0\\.1 +<none> +.+ +\\S+ +docker://\\S+$`));
      const described = await ok(["describe", "node", nodeName]);
      expect(described).toMatch(/Ready +True .* KubeletReady +kubelet is posting ready status/);
      expect(described).toMatch(new RegExp(`HolderIdentity: +${nodeName}`));
      expect(described).toMatch(/Taints: +skiff\.dev\/test=agent:NoSchedule/);
      expect(described).toMatch(/Normal +NodeReady .* kubelet +Node \S+ status is now: NodeReady/);

      const firstLease = await server().client.get<Lease>(leasesRef, "kube-node-lease", nodeName);
      expect(firstLease.spec).toMatchObject({ holderIdentity: nodeName, leaseDurationSeconds: 40 });
      await eventually(async () => {
        const renewed = await server().client.get<Lease>(leasesRef, "kube-node-lease", nodeName);
        expect(renewed.spec?.renewTime).not.toBe(firstLease.spec?.renewTime);
      }, { timeoutMs: 20_000, intervalMs: 500 });
    } finally {
      expect(await first.stop()).toBe(0);
    }
    expect(first.output()).toContain(`skiff agent: node ${nodeName} is registered`);

    // Once stopped, the Lease is no longer renewed.
    const leaseAfterStop = await server().client.get<Lease>(leasesRef, "kube-node-lease", nodeName);
    // The token is gone: only the stored credential can let the agent back in.
    await server().client.request({ method: "DELETE", path: `${joinTokensPath}/${token.id}` });
    const second = startAgent(common);
    try {
      await eventually(async () => {
        const renewed = await server().client.get<Lease>(leasesRef, "kube-node-lease", nodeName);
        expect(renewed.spec?.renewTime).not.toBe(leaseAfterStop.spec?.renewTime);
      }, { timeoutMs: 30_000, intervalMs: 200 });
      const again = await server().client.get<Node>(nodesRef, undefined, nodeName);
      expect(again.metadata.uid).toBe(node.metadata.uid);
      expect(again.spec?.podCIDR).toBe(node.spec?.podCIDR);
      expect(readyOf(again)?.lastTransitionTime).toBe(readyOf(node)?.lastTransitionTime);
    } finally {
      expect(await second.stop()).toBe(0);
    }
    expect(second.output()).toContain("reusing the stored node credential");
    await server().client.delete(nodesRef, undefined, nodeName);
  });

  it("waits for a server that does not answer yet, then joins once it does", async () => {
    const dataDir = join(dir(), "server-later");
    // The server's PKI, token store and port exist before the agent starts; the server itself does not run.
    const early = await startTestServer({ dataDir });
    const port = early.server.port;
    const token = await createJoinToken(early);
    await early.stop();
    const name = `${nodeName}-late`;
    const agent = startAgent(["--server", `https://127.0.0.1:${port}`, "--token", token.token, "--data-dir", join(dir(), "agent-late"), "--node-name", name]);
    let late: TestServer | undefined;
    try {
      await eventually(() => expect(agent.output()).toContain("the server does not answer; trying again"), { timeoutMs: 20_000, intervalMs: 100 });
      late = await startTestServer({ dataDir, port });
      await eventually(async () => {
        const node = await late!.client.get<Node>(nodesRef, undefined, name);
        expect(readyOf(node)?.status).toBe("True");
      }, { timeoutMs: 40_000, intervalMs: 200 });
    } finally {
      expect(await agent.stop()).toBe(0);
      await late?.stop();
    }
  }, 90_000);

  it("refuses labels the server would refuse, and a missing --server, with the usage", async () => {
    const agent = startAgent(["--server", server().admin.server, "--token", "x", "--node-label", "node-role.kubernetes.io/control-plane="]);
    expect(await new Promise((resolve) => agent.child.once("exit", resolve))).toBe(2);
    expect(agent.output()).toMatch(/skiff agent: --node-label: a node may not set node-role.kubernetes.io\/control-plane/);
    const noServer = startAgent(["--token", "x"]);
    expect(await new Promise((resolve) => noServer.child.once("exit", resolve))).toBe(2);
    expect(noServer.output()).toMatch(/skiff agent: --server: /);
  });
});
