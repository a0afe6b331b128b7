import type { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { RuntimeError, RuntimeNotFoundError, type ContainerConfig } from "../../agent/runtime/container-runtime.js";
import { busyboxCommands } from "./docker-fixture.js";
import { useDockerPods } from "./docker-pods.js";

// exec, attach and logs through hijacked and streamed Docker connections.
const pods = useDockerPods("skiff-test-rts");

/** Creates and (unless told not to) starts a busybox container in a pod of its own. */
function start(config: Partial<ContainerConfig>, begin = true): Promise<string> {
  return pods.start(config, { begin });
}

async function readAll(stream: Readable | undefined): Promise<string> {
  if (!stream) return "";
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString("utf8");
}

describe("exec", () => {
  it("with a TTY: one raw stream, and resize reaches the terminal", async () => {
    const id = await start({ command: busyboxCommands.runForever });
    const session = await pods.t.runtime.exec(id, {
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
    const session = await pods.t.runtime.exec(id, {
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
    const session = await pods.t.runtime.exec(id, { command: ["sleep", "5"], tty: false, stdin: false, stdout: true, stderr: true });
    session.close();
    await expect(session.exitCode).rejects.toBeInstanceOf(RuntimeError);
  });

  it("in a container that is not running is a RuntimeError", async () => {
    const id = await start({ command: ["true"] }, false);
    const error = await pods.t.runtime
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
    const session = await pods.t.runtime.attach(id, { tty: false, stdin: true, stdout: true, stderr: true });
    session.stdin?.write("hello\n");
    const [stdout, stderr] = await Promise.all([readAll(session.stdout), readAll(session.stderr)]);
    expect({ stdout, stderr }).toEqual({ stdout: "got hello\n", stderr: "bye\n" });
    expect(await session.exitCode).toBe(6);
  });

  it("to a TTY gets the terminal's raw stream", async () => {
    const id = await start({ command: ["sh", "-c", 'read line; echo "got $line"'], stdin: true, stdinOnce: true, tty: true });
    const session = await pods.t.runtime.attach(id, { tty: true, stdin: true, stdout: true, stderr: false });
    expect(session.stderr).toBeUndefined();
    session.stdin?.write("typed\r");
    expect(await readAll(session.stdout)).toContain("got typed");
    expect(await session.exitCode).toBe(0);
  });
});

describe("logs", () => {
  it("of a TTY container are one stream, stamped line by line", async () => {
    const id = await start({ command: ["sh", "-c", "echo first; echo second"], tty: true });
    await pods.exited(id);
    const { stdout, stderr } = await pods.logs(id, { timestamps: true });
    expect(stderr).toBe("");
    const lines = stdout.split("\n").filter(Boolean);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+Z first\r$/);
    expect(lines[1]).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+Z second\r$/);
  });

  it("since a time leave out what came before", async () => {
    const id = await start({ command: ["sh", "-c", "echo early; sleep 2; echo late"] });
    await pods.exited(id);
    const all = await pods.logs(id, { timestamps: true });
    const lateAt = all.stdout.split("\n").find((line) => line.endsWith(" late"))?.split(" ")[0];
    expect(lateAt).toBeDefined();
    const since = new Date(new Date(lateAt!).getTime() - 500);
    expect((await pods.logs(id, { since })).stdout).toBe("late\n");
  });

  it("followed, deliver lines as they are written", async () => {
    const id = await start({ command: ["sh", "-c", "i=0; while :; do i=$((i+1)); echo tick $i; sleep 0.2; done"] });
    const abort = new AbortController();
    let seen = "";
    const following = pods.t.runtime.containerLogs(
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
