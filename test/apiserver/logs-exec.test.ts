import { spawn } from "node:child_process";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ApiObject } from "../../src/client/rest/rest-client.js";
import type { ResourceRef } from "../../src/client/rest/paths.js";
import { ScriptedAgent } from "../support/scripted-agent.js";
import { useKubectlServer } from "../support/server-hooks.js";

// The real kubectl's logs and exec through a real server and the agent
// tunnel, with a scripted agent in place of Docker.
const pods: ResourceRef = { group: "", version: "v1", resource: "pods", namespaced: true };
const NODE = "node-a";
const { server, kubeconfig, kubectl, ok } = useKubectlServer();
let agent: ScriptedAgent;

const pod = (name: string, nodeName: string | undefined, containers: string[]): ApiObject => ({
  apiVersion: "v1",
  kind: "Pod",
  metadata: { name },
  spec: { ...(nodeName ? { nodeName } : {}), containers: containers.map((c) => ({ name: c, image: "skiff-test/busybox:1" })) },
});

beforeAll(async () => {
  agent = await ScriptedAgent.connect({
    ...server().admin,
    node: NODE,
    logs: { main: ["one", "two", "three", "four"], sidecar: ["side 1", "side 2"] },
  });
  for (const object of [
    pod("web", NODE, ["main"]),
    pod("duo", NODE, ["main", "sidecar"]),
    pod("starting", NODE, ["late"]),
    pod("pending", undefined, ["main"]),
    pod("orphan", "node-gone", ["main"]),
  ]) {
    await server().client.create(pods, "default", object);
  }
});

afterAll(async () => {
  await agent?.close();
});

describe("kubectl logs", () => {
  it("prints a pod's log", async () => {
    expect(await ok(["logs", "web"])).toBe("one\ntwo\nthree\nfour\n");
  });

  it("prints the container named with -c", async () => {
    expect(await ok(["logs", "duo", "-c", "sidecar"])).toBe("side 1\nside 2\n");
  });

  it("prints the last lines with --tail", async () => {
    expect(await ok(["logs", "web", "--tail", "2"])).toBe("three\nfour\n");
    const request = agent.streams.at(-1)?.request;
    expect(request).toMatchObject({ kind: "log", pod: "web", container: "main", tailLines: 2, follow: false });
  });

  it("passes --since, --timestamps, --previous and --limit-bytes on to the agent", async () => {
    await ok(["logs", "web", "--since=1h", "--timestamps", "--previous", "--limit-bytes=100"]);
    expect(agent.streams.at(-1)?.request).toMatchObject({ kind: "log", sinceSeconds: 3600, timestamps: true, previous: true, limitBytes: 100 });
    await ok(["logs", "web", "--since-time=2024-05-01T12:00:00Z"]);
    expect(agent.streams.at(-1)?.request).toMatchObject({ kind: "log", sinceTime: "2024-05-01T12:00:00Z" });
  });

  it("follows with -f until kubectl is stopped, then closes the stream to the agent", async () => {
    const cacheDir = await mkdtemp(join(tmpdir(), "skiff-kubectl-cache-"));
    const args = ["--kubeconfig", kubeconfig(), "--cache-dir", cacheDir, "logs", "-f", "web"];
    const child = spawn("kubectl", args, { stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise((resolve) => child.on("exit", resolve));
    try {
      for (let waited = 0; !output.includes("tick 2\n"); waited += 20) {
        if (waited > 10_000) throw new Error(`no follow output: ${JSON.stringify(output)}`);
        await new Promise((r) => setTimeout(r, 20));
      }
      expect(output.startsWith("one\ntwo\nthree\nfour\ntick 1\ntick 2\n")).toBe(true);
    } finally {
      child.kill("SIGINT");
      await exited;
    }
    const status = await agent.closedByServer((r) => r.kind === "log" && r.follow);
    expect(status).toMatchObject({ status: "Failure", reason: "ClientClosedRequest" });
  });

  it("reports the agent's refusal", async () => {
    const result = await kubectl(["logs", "starting"]);
    expect(result.stderr).toBe('Error from server (BadRequest): container "late" in pod "starting" is waiting to start: ContainerCreating\n');
    expect(result.code).toBe(1);
  });

  it("prints nothing for a pod not yet scheduled, as Kubernetes does", async () => {
    expect(await ok(["logs", "pending"])).toBe("");
  });

  it("says when the node's agent is not connected", async () => {
    const result = await kubectl(["logs", "orphan"]);
    expect(result.stderr).toBe('Error from server (ServiceUnavailable): the agent of node "node-gone" is not connected to this server\n');
    expect(result.code).toBe(1);
  });
});

describe("kubectl exec", () => {
  it("runs a command and prints its output", async () => {
    expect(await ok(["exec", "web", "--", "echo", "hi"])).toBe("hi\n");
    expect(agent.streams.at(-1)?.request).toEqual({
      kind: "exec",
      namespace: "default",
      pod: "web",
      uid: expect.any(String),
      container: "main",
      command: ["echo", "hi"],
      stdin: false,
      stdout: true,
      stderr: true,
      tty: false,
    });
  });

  it("keeps stderr apart from stdout", async () => {
    const result = await kubectl(["exec", "web", "--", "stderr", "careful"]);
    expect(result).toEqual({ code: 0, stdout: "", stderr: "careful\n" });
  });

  it("passes stdin with -i and ends it when kubectl's input ends", async () => {
    const text = "first line\nsecond line\n" + "x".repeat(100_000) + "\n";
    expect(await ok(["exec", "-i", "web", "--", "cat"], text)).toBe(text);
  });

  it("runs in the container named with -c", async () => {
    expect(await ok(["exec", "duo", "-c", "sidecar", "--", "echo", "from", "the", "side"])).toBe("from the side\n");
    expect(agent.streams.at(-1)?.request).toMatchObject({ container: "sidecar" });
  });

  it("exits with the command's exit code", async () => {
    const result = await kubectl(["exec", "web", "--", "exit", "3"]);
    expect(result.code).toBe(3);
    expect(result.stderr).toBe("command terminated with exit code 3\n");
  });

  it("refuses a container the pod does not have", async () => {
    const result = await kubectl(["exec", "web", "-c", "nope", "--", "echo", "hi"]);
    expect(result.stderr).toBe("Error from server (BadRequest): container nope is not valid for pod web\n");
    expect(result.code).toBe(1);
  });

  it("refuses a pod without a node", async () => {
    const result = await kubectl(["exec", "pending", "--", "echo", "hi"]);
    expect(result.stderr).toBe("Error from server (BadRequest): pod pending does not have a host assigned\n");
    expect(result.code).toBe(1);
  });

  it("says when the node's agent is not connected", async () => {
    const result = await kubectl(["exec", "orphan", "--", "echo", "hi"]);
    expect(result.stderr).toBe('Error from server (ServiceUnavailable): the agent of node "node-gone" is not connected to this server\n');
    expect(result.code).toBe(1);
  });
});
