import { describe, expect, it } from "vitest";
import { FakeClock } from "../../../src/clock.js";
import { ImagePullError, RuntimeError, RuntimeNotFoundError, type ContainerConfig, type ContainerEvent, type SandboxConfig } from "../container-runtime.js";
import { FakeRuntime } from "./fake-runtime.js";

const pod = { uid: "u1", namespace: "default", name: "web" };
const sandboxConfig = (hostNetwork = false): SandboxConfig => ({ pod, attempt: 0, image: "pause", hostname: "web", hostNetwork, portMappings: [], podLabels: {} });
const containerConfig = (name: string, image = "busybox"): ContainerConfig => ({
  name,
  attempt: 0,
  specHash: "h1",
  image,
  env: [],
  mounts: [],
  tmpfs: [],
  tty: false,
  stdin: false,
  stdinOnce: false,
  resources: {},
  security: { privileged: false, readOnlyRootFilesystem: false, capabilitiesAdd: [], capabilitiesDrop: [], noNewPrivileges: false },
});

function setup(): { clock: FakeClock; runtime: FakeRuntime; events: ContainerEvent[] } {
  const clock = new FakeClock(Date.parse("2026-01-01T00:00:00Z"));
  const runtime = new FakeRuntime({ clock, podCidr: "10.42.3.0/24" });
  runtime.images.addLocal("busybox");
  runtime.images.addLocal("pause");
  const events: ContainerEvent[] = [];
  runtime.onContainerEvent((e) => events.push(e));
  return { clock, runtime, events };
}

async function running(runtime: FakeRuntime, name = "main"): Promise<{ sandboxId: string; id: string }> {
  const sandboxId = await runtime.runPodSandbox(sandboxConfig());
  const id = await runtime.createContainer(sandboxId, containerConfig(name), sandboxConfig());
  await runtime.startContainer(id);
  return { sandboxId, id };
}

describe("FakeRuntime", () => {
  it("gives sandboxes IPs from the pod CIDR and takes them back when they stop", async () => {
    const { runtime } = setup();
    const a = await runtime.runPodSandbox(sandboxConfig());
    const b = await runtime.runPodSandbox(sandboxConfig());
    const host = await runtime.runPodSandbox(sandboxConfig(true));
    const ips = (await runtime.listPodSandboxes()).map((s) => [s.id, s.ip, s.state]);
    expect(ips).toEqual([
      [a, "10.42.3.2", "ready"],
      [b, "10.42.3.3", "ready"],
      [host, undefined, "ready"],
    ]);
    await runtime.stopPodSandbox(a);
    await runtime.stopPodSandbox(a);
    const c = await runtime.runPodSandbox(sandboxConfig());
    expect((await runtime.listPodSandboxes()).find((s) => s.id === c)?.ip).toBe("10.42.3.2");
    await runtime.removePodSandbox(a);
    await runtime.removePodSandbox(a);
    expect((await runtime.listPodSandboxes()).map((s) => s.id)).toEqual([b, host, c]);
  });

  it("runs a scripted process: exits with its code after its time, with reason, finishedAt and a die event", async () => {
    const { clock, runtime, events } = setup();
    runtime.processes = (config) => (config.name === "job" ? { exit: { code: 3, afterMs: 2_000, message: "bad input" } } : {});
    const { id } = await running(runtime, "job");
    expect((await runtime.containerStatus(id)).state).toBe("running");
    clock.advance(2_000);
    expect(await runtime.containerStatus(id)).toMatchObject({
      state: "exited",
      exitCode: 3,
      reason: "Error",
      message: "bad input",
      startedAt: new Date("2026-01-01T00:00:00Z"),
      finishedAt: new Date("2026-01-01T00:00:02Z"),
      attempt: 0,
      specHash: "h1",
      name: "job",
      pod,
    });
    expect(events.filter((e) => e.containerId === id).map((e) => e.type)).toEqual(["start", "die"]);
  });

  it("reports OOM kills as exit 137, reason OOMKilled, with an oom event", async () => {
    const { clock, runtime, events } = setup();
    runtime.processes = () => ({ oomAfterMs: 100 });
    const { id } = await running(runtime);
    clock.advance(100);
    expect(await runtime.containerStatus(id)).toMatchObject({ exitCode: 137, reason: "OOMKilled" });
    expect(events.map((e) => e.type)).toEqual(["start", "start", "oom", "die"]);
  });

  it("stops with SIGTERM at once, or with SIGKILL after the timeout for a process that ignores it; stop is idempotent", async () => {
    const { clock, runtime } = setup();
    const polite = await running(runtime, "polite");
    await runtime.stopContainer(polite.id, 30);
    await runtime.stopContainer(polite.id, 30);
    expect((await runtime.containerStatus(polite.id)).exitCode).toBe(143);

    runtime.processes = () => ({ ignoresSigterm: true });
    const stubborn = await running(runtime, "stubborn");
    let stopped = false;
    const stopping = runtime.stopContainer(stubborn.id, 5).then(() => (stopped = true));
    clock.advance(4_999);
    await Promise.resolve();
    expect(stopped).toBe(false);
    clock.advance(1);
    await stopping;
    expect((await runtime.containerStatus(stubborn.id)).exitCode).toBe(137);
  });

  it("answers unknown ids with RuntimeNotFoundError and refuses work while down", async () => {
    const { runtime } = setup();
    await expect(runtime.containerStatus("nope")).rejects.toBeInstanceOf(RuntimeNotFoundError);
    await expect(runtime.startContainer("nope")).rejects.toBeInstanceOf(RuntimeNotFoundError);
    await expect(runtime.removeContainer("nope")).rejects.toBeInstanceOf(RuntimeNotFoundError);
    const sandboxId = await runtime.runPodSandbox(sandboxConfig());
    await expect(runtime.createContainer(sandboxId, containerConfig("x", "absent"), sandboxConfig())).rejects.toBeInstanceOf(RuntimeNotFoundError);
    runtime.down = true;
    await expect(runtime.ping()).rejects.toBeInstanceOf(RuntimeError);
    await expect(runtime.listContainers()).rejects.toBeInstanceOf(RuntimeError);
  });

  it("lists containers by pod and by sandbox, and removes a sandbox's containers with it", async () => {
    const { runtime } = setup();
    const { sandboxId, id } = await running(runtime);
    expect((await runtime.listContainers({ podUid: "u1" })).map((c) => c.id)).toEqual([id]);
    expect(await runtime.listContainers({ podUid: "other" })).toEqual([]);
    expect((await runtime.listContainers({ sandboxId })).map((c) => c.id)).toEqual([id]);
    await runtime.stopPodSandbox(sandboxId);
    expect((await runtime.containerStatus(id)).state).toBe("exited");
    await runtime.removePodSandbox(sandboxId);
    expect(await runtime.listContainers()).toEqual([]);
  });

  it("pulls what the registry has, with credentials where it wants them", async () => {
    const { runtime } = setup();
    runtime.images.setRemote("private/app:1", { auth: { username: "u", password: "p" } });
    await expect(runtime.pullImage("missing:1", [])).rejects.toBeInstanceOf(ImagePullError);
    await expect(runtime.pullImage("private/app:1", [])).rejects.toThrow(/authentication required/);
    expect(await runtime.imageStatus("private/app:1")).toBeUndefined();
    const info = await runtime.pullImage("private/app:1", [{ serverAddress: "r", username: "u", password: "p" }]);
    expect(info.ref).toMatch(/^docker-pullable:\/\/private\/app@sha256:[0-9a-f]{64}$/);
    expect(await runtime.imageStatus("private/app:1")).toEqual(info);
  });

  it("fails a start the engine cannot run, leaving the container exited with ContainerCannotRun", async () => {
    const { runtime } = setup();
    runtime.processes = () => ({ cannotRun: "exec: \"nope\": executable file not found" });
    const sandboxId = await runtime.runPodSandbox(sandboxConfig());
    const id = await runtime.createContainer(sandboxId, containerConfig("main"), sandboxConfig());
    await expect(runtime.startContainer(id)).rejects.toBeInstanceOf(RuntimeError);
    expect(await runtime.containerStatus(id)).toMatchObject({ state: "exited", exitCode: 128, reason: "ContainerCannotRun" });
  });

  it("serves scripted logs (tail, timestamps) and exec answers", async () => {
    const { runtime } = setup();
    runtime.processes = () => ({ logs: [{ stream: "stdout", text: "one\n" }, { stream: "stderr", text: "two\n" }, { stream: "stdout", text: "three\n" }] });
    runtime.execHandler = (_id, command) => ({ stdout: command.join(" "), exitCode: 4 });
    const { id } = await running(runtime);
    const chunks: string[] = [];
    await runtime.containerLogs(id, { follow: false, timestamps: false, tailLines: 2 }, { write: async (stream, chunk) => void chunks.push(`${stream}:${chunk.toString()}`) }, new AbortController().signal);
    expect(chunks).toEqual(["stderr:two\n", "stdout:three\n"]);
    const session = await runtime.exec(id, { command: ["echo", "hi"], tty: false, stdin: false, stdout: true, stderr: true });
    let out = "";
    for await (const chunk of session.stdout!) out += String(chunk);
    expect(out).toBe("echo hi");
    expect(await session.exitCode).toBe(4);
  });
});
