import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runExec } from "../../src/cli/commands/exec.js";
import { runLogs } from "../../src/cli/commands/logs.js";
import { UsageError } from "../../src/cli/flags.js";
import type { CommandIo } from "../../src/cli/output/command-io.js";
import type { ApiObject } from "../../src/client/rest/rest-client.js";
import type { ResourceRef } from "../../src/client/rest/paths.js";
import { kubectlRunner, type KubectlResult } from "../support/kubectl.js";
import { ScriptedAgent } from "../support/scripted-agent.js";
import { startTestServer, type TestServer } from "../support/server.js";
import { CapturedIo, runCommand, type CliResult } from "./cli-harness.js";

// skiff logs and exec through a real server and the agent tunnel, with a
// scripted agent in place of Docker, beside the real kubectl.
const pods: ResourceRef = { group: "", version: "v1", resource: "pods", namespaced: true };
const NODE = "node-a";
let server: TestServer;
let agent: ScriptedAgent;
let kubeconfig: string;
let kubectl: (args: string[], stdin?: string) => Promise<KubectlResult>;

const pod = (name: string, nodeName: string | undefined, containers: string[], phase?: string): ApiObject => ({
  apiVersion: "v1",
  kind: "Pod",
  metadata: { name },
  spec: { ...(nodeName ? { nodeName } : {}), containers: containers.map((c) => ({ name: c, image: "skiff-test/busybox:1" })) },
  ...(phase ? { status: { phase } } : {}),
});

beforeAll(async () => {
  server = await startTestServer();
  kubeconfig = server.server.kubeconfigPath;
  kubectl = await kubectlRunner(kubeconfig);
  agent = await ScriptedAgent.connect({
    server: server.server.url,
    caPem: server.server.pki.ca.certPem,
    token: server.server.pki.adminToken,
    node: NODE,
    logs: { main: ["one", "two", "three", "four"], sidecar: ["side 1", "side 2"] },
    followTickMs: 20,
  });
  for (const object of [
    pod("web", NODE, ["main"]),
    pod("duo", NODE, ["main", "sidecar"]),
    pod("starting", NODE, ["late"]),
    pod("pending", undefined, ["main"]),
    pod("orphan", "node-gone", ["main"]),
  ]) {
    await server.client.create(pods, "default", object);
  }
  const done = await server.client.create(pods, "default", pod("done", NODE, ["main"]));
  await server.client.update(pods, "default", { ...done, status: { phase: "Succeeded" } }, { subresource: "status" });
});

afterAll(async () => {
  await agent?.close();
  await server?.stop();
});

const withStdin = (io: CapturedIo, stdin: Readable): CommandIo => ({ stdout: io.stdout, stderr: io.stderr, stdin });
const logs = (args: string[]): Promise<CliResult> => runCommand(runLogs, kubeconfig, args);
const exec = (args: string[]): Promise<CliResult> => runCommand(runExec, kubeconfig, args);

/** skiff's result, checked to be the same as kubectl's for the same arguments. */
async function sameAsKubectl(run: (args: string[]) => Promise<CliResult>, command: string, args: string[]): Promise<CliResult> {
  const ours = await run(args);
  const theirs = await kubectl([command, ...args]);
  expect(ours, `skiff ${command} ${args.join(" ")}`).toEqual(theirs);
  return ours;
}

describe("skiff logs", () => {
  it("prints a pod's log, as kubectl does", async () => {
    expect(await sameAsKubectl(logs, "logs", ["web"])).toEqual({ code: 0, stdout: "one\ntwo\nthree\nfour\n", stderr: "" });
    expect(await sameAsKubectl(logs, "logs", ["pod/web"])).toMatchObject({ stdout: "one\ntwo\nthree\nfour\n" });
  });

  it("prints the container named with -c or as the second argument", async () => {
    expect(await sameAsKubectl(logs, "logs", ["duo", "-c", "sidecar"])).toEqual({ code: 0, stdout: "side 1\nside 2\n", stderr: "" });
    expect(await sameAsKubectl(logs, "logs", ["duo", "sidecar"])).toMatchObject({ stdout: "side 1\nside 2\n" });
  });

  it("defaults to the first container of several and says so", async () => {
    expect(await sameAsKubectl(logs, "logs", ["duo"])).toEqual({
      code: 0,
      stdout: "one\ntwo\nthree\nfour\n",
      stderr: 'Defaulted container "main" out of: main, sidecar\n',
    });
  });

  it("prints the last lines with --tail and passes the other options on", async () => {
    expect(await sameAsKubectl(logs, "logs", ["web", "--tail", "2"])).toMatchObject({ stdout: "three\nfour\n" });
    expect(agent.streams.at(-2)?.request).toMatchObject({ kind: "log", pod: "web", container: "main", tailLines: 2, follow: false });
    await logs(["web", "--since=90s", "--timestamps", "-p", "--limit-bytes=100"]);
    expect(agent.streams.at(-1)?.request).toMatchObject({ sinceSeconds: 90, timestamps: true, previous: true, limitBytes: 100 });
    await logs(["web", "--since-time=2024-05-01T14:00:00+02:00", "--tail=-1"]);
    const request = agent.streams.at(-1)?.request;
    expect(request).toMatchObject({ sinceTime: "2024-05-01T12:00:00Z" });
    expect(request).not.toHaveProperty("tailLines");
  });

  it("follows with -f until interrupted, and the server closes the stream to the agent", async () => {
    const interrupt = new AbortController();
    const io = new CapturedIo(interrupt.signal);
    const running = runLogs(["--kubeconfig", kubeconfig, "-f", "web"], io);
    for (let waited = 0; !io.stdoutText.includes("tick 2\n"); waited += 10) {
      if (waited > 10_000) throw new Error(`no follow output: ${JSON.stringify(io.stdoutText)}`);
      await new Promise((r) => setTimeout(r, 10));
    }
    interrupt.abort();
    expect(await running).toBe(0);
    expect(io.stdoutText.startsWith("one\ntwo\nthree\nfour\ntick 1\ntick 2\n")).toBe(true);
    expect(io.stderrText).toBe("");
    const status = await agent.closedByServer((r) => r.kind === "log" && r.follow);
    expect(status).toMatchObject({ status: "Failure", reason: "ClientClosedRequest" });
  });

  it("reports a pod that is not there as one line", async () => {
    expect(await logs(["nope"])).toEqual({ code: 1, stdout: "", stderr: 'Error from server (NotFound): pods "nope" not found\n' });
  });

  it("refuses a container the pod does not have, as kubectl does", async () => {
    expect(await sameAsKubectl(logs, "logs", ["web", "-c", "nope"])).toEqual({
      code: 1,
      stdout: "",
      stderr: "error: container nope is not valid for pod web\n",
    });
  });

  it("reports the agent's refusal and an agent that is not connected, as kubectl does", async () => {
    expect(await sameAsKubectl(logs, "logs", ["starting"])).toEqual({
      code: 1,
      stdout: "",
      stderr: 'Error from server (BadRequest): container "late" in pod "starting" is waiting to start: ContainerCreating\n',
    });
    expect(await sameAsKubectl(logs, "logs", ["orphan"])).toMatchObject({ code: 1 });
    expect(await sameAsKubectl(logs, "logs", ["pending"])).toEqual({ code: 0, stdout: "", stderr: "" });
  });

  it("rejects bad flags and other kinds", async () => {
    await expect(logs([])).rejects.toThrow(UsageError);
    await expect(logs(["web", "--since=5x"])).rejects.toThrow(/--since: invalid duration "5x"/);
    await expect(logs(["web", "--since=1h", "--since-time=2024-01-01T00:00:00Z"])).rejects.toThrow(UsageError);
    await expect(logs(["web", "--since-time=yesterday"])).rejects.toThrow(/RFC 3339/);
    await expect(logs(["svc/web"])).rejects.toThrow(/"svc\/web" is not a pod/);
  });
});

describe("skiff exec", () => {
  it("runs a command and prints its output, as kubectl does", async () => {
    expect(await sameAsKubectl(exec, "exec", ["web", "--", "echo", "hi", "-h"])).toEqual({ code: 0, stdout: "hi -h\n", stderr: "" });
    expect(agent.streams.at(-2)?.request).toMatchObject({ kind: "exec", container: "main", command: ["echo", "hi", "-h"], stdin: false, tty: false });
    expect(await sameAsKubectl(exec, "exec", ["pod/web", "--", "stderr", "careful"])).toEqual({ code: 0, stdout: "", stderr: "careful\n" });
  });

  it("picks the container with -c, or the first of several with a notice", async () => {
    expect(await sameAsKubectl(exec, "exec", ["duo", "-c", "sidecar", "--", "echo", "side"])).toMatchObject({ code: 0, stdout: "side\n" });
    expect(agent.streams.at(-1)?.request).toMatchObject({ container: "sidecar" });
    expect(await sameAsKubectl(exec, "exec", ["duo", "--", "echo", "first"])).toEqual({
      code: 0,
      stdout: "first\n",
      stderr: 'Defaulted container "main" out of: main, sidecar\n',
    });
  });

  it("passes stdin with -i to cat and ends it when the input ends", async () => {
    const text = "first line\nsecond line\n" + "x".repeat(300_000) + "\n";
    const io = new CapturedIo();
    const code = await runExec(["--kubeconfig", kubeconfig, "-i", "web", "--", "cat"], withStdin(io, Readable.from([Buffer.from(text)])));
    expect({ code, stderr: io.stderrText }).toEqual({ code: 0, stderr: "" });
    expect(io.stdoutText).toBe(text);
    expect((await kubectl(["exec", "-i", "web", "--", "cat"], text)).stdout).toBe(text);
  });

  it("exits with the command's exit code and says so, as kubectl does", async () => {
    expect(await sameAsKubectl(exec, "exec", ["web", "--", "exit", "3"])).toEqual({ code: 3, stdout: "", stderr: "command terminated with exit code 3\n" });
    expect(await sameAsKubectl(exec, "exec", ["web", "--", "nosuch"])).toEqual({
      code: 127,
      stdout: "",
      stderr: "nosuch: command not found\ncommand terminated with exit code 127\n",
    });
  });

  it("reports what the server refuses as one line, as kubectl does", async () => {
    expect(await sameAsKubectl(exec, "exec", ["web", "-c", "nope", "--", "echo"])).toEqual({
      code: 1,
      stdout: "",
      stderr: "Error from server (BadRequest): container nope is not valid for pod web\n",
    });
    expect(await sameAsKubectl(exec, "exec", ["nope", "--", "echo"])).toMatchObject({ code: 1, stderr: 'Error from server (NotFound): pods "nope" not found\n' });
    expect(await sameAsKubectl(exec, "exec", ["pending", "--", "echo"])).toMatchObject({ code: 1 });
    expect(await sameAsKubectl(exec, "exec", ["orphan", "--", "echo"])).toMatchObject({ code: 1 });
    expect(await sameAsKubectl(exec, "exec", ["done", "--", "echo"])).toEqual({
      code: 1,
      stdout: "",
      stderr: "error: cannot exec into a container in a completed pod; current phase is Succeeded\n",
    });
  });

  it("falls back from -t without a terminal, as kubectl does", async () => {
    const io = new CapturedIo();
    expect(await runExec(["--kubeconfig", kubeconfig, "-it", "web", "--", "echo", "hi"], withStdin(io, Readable.from([])))).toBe(0);
    expect({ stdout: io.stdoutText, stderr: io.stderrText }).toEqual({
      stdout: "hi\n",
      stderr: "Unable to use a TTY - input is not a terminal or the right kind of file\n",
    });
    expect(agent.streams.at(-1)?.request).toMatchObject({ stdin: true, tty: false });
    expect(await kubectl(["exec", "-it", "web", "--", "echo", "hi"], "")).toEqual({ code: 0, stdout: io.stdoutText, stderr: io.stderrText });
  });

  it("rejects a missing command and the old form without --", async () => {
    await expect(exec(["web"])).rejects.toThrow(/at least one command/);
    await expect(exec(["web", "echo", "hi"])).rejects.toThrow(/exec POD -- COMMAND/);
  });
});
