import { PassThrough } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AgentTunnel } from "../../agent/connection/agent-tunnel.js";
import { acceptPodStream } from "../../agent/streams/accept-pod-stream.js";
import type { StreamRuntime } from "../../agent/streams/stream-runtime.js";
import type { ContainerStatus, ExecSession, LogOptions } from "../../agent/runtime/container-runtime.js";
import type { ResourceRef } from "../../src/client/rest/paths.js";
import type { ApiObject } from "../../src/client/rest/rest-client.js";
import { realClock } from "../../src/clock.js";
import { createLogger } from "../../src/log.js";
import { useKubectlServer } from "../support/server-hooks.js";

// The real kubectl's logs and exec through a real server and the agent's
// tunnel to the agent's stream handlers, over a stub runtime (real Docker
// comes with the Docker runtime).
const NODE = "pi-1";
const nodeUser = { token: "pi-1-token", name: `system:node:${NODE}`, groups: ["system:nodes"] };
const pods: ResourceRef = { group: "", version: "v1", resource: "pods", namespaced: true };
const log = createLogger(process.env.SKIFF_LOG_LEVEL ?? "silent");
const { server, ok, kubectl } = useKubectlServer({ users: [nodeUser] });

/** Containers of the pods made below, by pod uid once known. */
const containers: ContainerStatus[] = [];
const logLines: Record<string, string[]> = {};
const asked: LogOptions[] = [];

const runtime: StreamRuntime = {
  listContainers: async (filter) => containers.filter((c) => c.pod.uid === filter?.podUid),
  async containerLogs(id, options, out, signal) {
    asked.push(options);
    const lines = logLines[id] ?? [];
    for (const line of options.tailLines === undefined ? lines : lines.slice(-options.tailLines)) await out.write("stdout", Buffer.from(`${line}\n`));
    for (let tick = 1; options.follow && !signal.aborted; tick++) {
      await out.write("stdout", Buffer.from(`tick ${tick}\n`));
      await new Promise((r) => setTimeout(r, 50));
    }
  },
  exec: async (_id, options) => scriptedExec(options.command),
};

/** `echo WORDS`, `stderr WORDS`, `cat` (stdin to stdout until it ends), `exit N`. */
function scriptedExec(command: string[]): ExecSession {
  const [name, ...args] = command;
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let exit: (code: number) => void = () => undefined;
  const exitCode = new Promise<number>((resolve) => (exit = resolve));
  const finish = (code: number): void => {
    stdout.end();
    stderr.end();
    exit(code);
  };
  if (name === "echo") {
    stdout.write(`${args.join(" ")}\n`);
    finish(0);
  } else if (name === "stderr") {
    stderr.write(`${args.join(" ")}\n`);
    finish(0);
  } else if (name === "exit") {
    finish(Number(args[0]));
  } else if (name === "cat") {
    // The pipe ends stdout after the last of stdin.
    stdin.pipe(stdout);
    stdin.on("end", () => {
      stderr.end();
      exit(0);
    });
  } else {
    stderr.write(`${name}: not found\n`);
    finish(127);
  }
  return { stdin, stdout, stderr, exitCode, resize: async () => undefined, close: () => finish(137) };
}

function container(pod: ApiObject, name: string, attempt: number, state: ContainerStatus["state"]): ContainerStatus {
  const identity = { uid: String(pod.metadata?.uid), namespace: "default", name: String(pod.metadata?.name) };
  return {
    id: `${identity.name}-${name}-${attempt}`,
    pod: identity,
    sandboxId: `${identity.name}-sandbox`,
    name,
    attempt,
    specHash: "h",
    state,
    image: "skiff-test/busybox:1",
    imageRef: "sha256:1",
    createdAt: new Date(Date.now() + attempt),
  };
}

const podOf = (name: string, names: string[]): ApiObject => ({
  apiVersion: "v1",
  kind: "Pod",
  metadata: { name },
  spec: { nodeName: NODE, containers: names.map((c) => ({ name: c, image: "skiff-test/busybox:1" })) },
});

const stopTunnel = new AbortController();
let tunnelDone: Promise<void>;

beforeAll(async () => {
  const admin = server().client;
  const web = await admin.create(pods, "default", podOf("web", ["main"]));
  const starting = await admin.create(pods, "default", podOf("starting", ["main"]));
  containers.push(container(web, "main", 0, "exited"), container(web, "main", 1, "running"), container(starting, "main", 0, "created"));
  logLines["web-main-0"] = ["crashed once"];
  logLines["web-main-1"] = ["one", "two", "three"];

  const tunnel = new AgentTunnel({
    ...server().admin,
    token: nodeUser.token,
    node: NODE,
    accept: acceptPodStream({ runtime, clock: realClock, log }),
    clock: realClock,
    random: Math.random,
    log,
  });
  tunnelDone = tunnel.run(stopTunnel.signal);
  await tunnel.connected(stopTunnel.signal);
});

afterAll(async () => {
  stopTunnel.abort();
  await tunnelDone;
});

describe("kubectl logs, served by the agent", () => {
  it("prints the running container's log, and the last lines with --tail", async () => {
    expect(await ok(["logs", "web"])).toBe("one\ntwo\nthree\n");
    expect(await ok(["logs", "web", "--tail", "1", "--timestamps"])).toBe("three\n");
    expect(asked.at(-1)).toMatchObject({ tailLines: 1, timestamps: true, follow: false });
  });

  it("prints the previous attempt's log with --previous", async () => {
    expect(await ok(["logs", "web", "--previous"])).toBe("crashed once\n");
  });

  it("refuses as the kubelet does when there is no log yet", async () => {
    const result = await kubectl(["logs", "starting"]);
    expect(result.stderr).toBe('Error from server (BadRequest): container "main" in pod "starting" is waiting to start: ContainerCreating\n');
    const previous = await kubectl(["logs", "starting", "--previous"]);
    expect(previous.stderr).toBe('Error from server (BadRequest): previous terminated container "main" in pod "starting" not found\n');
  });

  it("follows with -f until kubectl gives up", async () => {
    const { stdout } = await kubectl(["logs", "-f", "web", "--request-timeout=2s"]);
    expect(stdout.startsWith("one\ntwo\nthree\ntick 1\ntick 2\n")).toBe(true);
    expect(asked.at(-1)).toMatchObject({ follow: true });
  });
});

describe("kubectl exec, served by the agent", () => {
  it("runs a command with stdout and stderr apart", async () => {
    expect(await ok(["exec", "web", "--", "echo", "hello", "there"])).toBe("hello there\n");
    expect(await kubectl(["exec", "web", "--", "stderr", "careful"])).toEqual({ code: 0, stdout: "", stderr: "careful\n" });
  });

  it("passes stdin with -i until it ends", async () => {
    const text = "first\n" + "x".repeat(300_000) + "\nlast\n";
    expect(await ok(["exec", "-i", "web", "--", "cat"], text)).toBe(text);
  });

  it("exits with the command's exit code", async () => {
    const result = await kubectl(["exec", "web", "--", "exit", "7"]);
    expect(result.code).toBe(7);
    expect(result.stderr).toBe("command terminated with exit code 7\n");
  });

  it("refuses a container that is not running", async () => {
    const result = await kubectl(["exec", "starting", "--", "echo", "hi"]);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('container "main" in pod "starting" is not running');
  });
});
