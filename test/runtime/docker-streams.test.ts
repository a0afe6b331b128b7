import { randomUUID } from "node:crypto";
import type { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RuntimeError, RuntimeNotFoundError, type ContainerConfig, type LogOptions } from "../../agent/runtime/container-runtime.js";
import { BUSYBOX, busyboxCommands, dockerTestRuntime, PAUSE, type DockerTestRuntime } from "./docker-fixture.js";

// exec, attach and logs through hijacked and streamed Docker connections.
let t: DockerTestRuntime;

beforeAll(async () => {
  t = await dockerTestRuntime("skiff-test-rts");
});

afterAll(async () => {
  await t?.teardown();
});

async function start(config: Partial<ContainerConfig>, begin = true): Promise<string> {
  const pod = { uid: randomUUID(), namespace: t.namespace, name: `pod-${randomUUID().slice(0, 8)}` };
  const sandbox = {
    pod,
    attempt: 0,
    image: PAUSE,
    hostname: pod.name,
    hostNetwork: false,
    network: t.bridge.name,
    portMappings: [],
    podLabels: {},
  };
  const sandboxId = await t.runtime.runPodSandbox(sandbox);
  const id = await t.runtime.createContainer(
    sandboxId,
    {
      name: "app",
      attempt: 0,
      specHash: "h",
      image: BUSYBOX,
      env: [],
      mounts: [],
      tmpfs: [],
      tty: false,
      stdin: false,
      stdinOnce: false,
      resources: {},
      security: { privileged: false, readOnlyRootFilesystem: false, capabilitiesAdd: [], capabilitiesDrop: [], noNewPrivileges: false },
      ...config,
    },
    sandbox,
  );
  if (begin) await t.runtime.startContainer(id);
  return id;
}

async function readAll(stream: Readable | undefined): Promise<string> {
  if (!stream) return "";
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString("utf8");
}

async function logs(id: string, options: Partial<LogOptions> = {}): Promise<{ stdout: string; stderr: string }> {
  const out = { stdout: "", stderr: "" };
  await t.runtime.containerLogs(
    id,
    { follow: false, timestamps: false, ...options },
    { write: async (stream, chunk) => void (out[stream] += chunk.toString("utf8")) },
    new AbortController().signal,
  );
  return out;
}

async function waitExited(id: string): Promise<void> {
  while ((await t.runtime.containerStatus(id)).state !== "exited") await new Promise((r) => setTimeout(r, 50));
}

describe("exec", () => {
  it("with a TTY: one raw stream, and resize reaches the terminal", async () => {
    const id = await start({ command: busyboxCommands.runForever });
    const session = await t.runtime.exec(id, {
      command: ["sh", "-c", "sleep 1; stty size; tty"],
      tty: true,
      stdin: false,
      stdout: true,
      stderr: true,
    });
    expect(session.stderr).toBeUndefined();
    await session.resize(100, 40);
    const output = await readAll(session.stdout);
    expect(output).toMatch(/40 100\r?\n\/dev\/pts\/\d+/);
    expect(await session.exitCode).toBe(0);
  });

  it("passes stdin, and its end closes the process's stdin", async () => {
    const id = await start({ command: busyboxCommands.runForever });
    const session = await t.runtime.exec(id, {
      command: ["sh", "-c", "cat; echo done >&2; exit 4"],
      tty: false,
      stdin: true,
      stdout: true,
      stderr: true,
    });
    session.stdin?.end("line one\nline two\n");
    const [stdout, stderr] = await Promise.all([readAll(session.stdout), readAll(session.stderr)]);
    expect({ stdout, stderr }).toEqual({ stdout: "line one\nline two\n", stderr: "done\n" });
    expect(await session.exitCode).toBe(4);
  });

  it("closed early: the exit code is not known", async () => {
    const id = await start({ command: busyboxCommands.runForever });
    const session = await t.runtime.exec(id, { command: ["sleep", "5"], tty: false, stdin: false, stdout: true, stderr: true });
    session.close();
    await expect(session.exitCode).rejects.toBeInstanceOf(RuntimeError);
  });

  it("in a container that is not running is a RuntimeError", async () => {
    const id = await start({ command: ["true"] }, false);
    const error = await t.runtime
      .exec(id, { command: ["true"], tty: false, stdin: false, stdout: true, stderr: true })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RuntimeError);
    expect(error).not.toBeInstanceOf(RuntimeNotFoundError);
    expect(String(error)).toMatch(/not running/);
  });
});

describe("attach", () => {
  it("reaches the container's own process; the exit code is the container's", async () => {
    const id = await start({
      command: ["sh", "-c", 'read line; echo "got $line"; echo bye >&2; exit 6'],
      stdin: true,
      stdinOnce: true,
    });
    const session = await t.runtime.attach(id, { tty: false, stdin: true, stdout: true, stderr: true });
    session.stdin?.write("hello\n");
    const [stdout, stderr] = await Promise.all([readAll(session.stdout), readAll(session.stderr)]);
    expect({ stdout, stderr }).toEqual({ stdout: "got hello\n", stderr: "bye\n" });
    expect(await session.exitCode).toBe(6);
  });

  it("to a TTY gets the terminal's raw stream", async () => {
    const id = await start({ command: ["sh", "-c", 'read line; echo "got $line"'], stdin: true, stdinOnce: true, tty: true });
    const session = await t.runtime.attach(id, { tty: true, stdin: true, stdout: true, stderr: false });
    expect(session.stderr).toBeUndefined();
    session.stdin?.write("typed\r");
    expect(await readAll(session.stdout)).toContain("got typed");
    expect(await session.exitCode).toBe(0);
  });
});

describe("logs", () => {
  it("of a TTY container are one stream, stamped line by line", async () => {
    const id = await start({ command: ["sh", "-c", "echo first; echo second"], tty: true });
    await waitExited(id);
    const { stdout, stderr } = await logs(id, { timestamps: true });
    expect(stderr).toBe("");
    const lines = stdout.split("\n").filter(Boolean);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+Z first\r$/);
    expect(lines[1]).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+Z second\r$/);
  });

  it("since a time leave out what came before", async () => {
    const id = await start({ command: ["sh", "-c", "echo early; sleep 2; echo late"] });
    await waitExited(id);
    const all = await logs(id, { timestamps: true });
    const lateAt = all.stdout.split("\n").find((line) => line.endsWith(" late"))?.split(" ")[0];
    expect(lateAt).toBeDefined();
    const since = new Date(new Date(lateAt!).getTime() - 500);
    expect((await logs(id, { since })).stdout).toBe("late\n");
  });

  it("followed, deliver lines as they are written", async () => {
    const id = await start({ command: ["sh", "-c", "i=0; while :; do i=$((i+1)); echo tick $i; sleep 0.2; done"] });
    const abort = new AbortController();
    let seen = "";
    const following = t.runtime.containerLogs(
      id,
      { follow: true, timestamps: false, tailLines: 0 },
      {
        write: async (_stream, chunk) => {
          seen += chunk.toString("utf8");
          if (seen.split("\n").length > 3) abort.abort();
        },
      },
      abort.signal,
    );
    await following;
    expect(seen).toMatch(/^tick \d+\ntick \d+\ntick \d+\n/);
  });
});
