import { spawn, execFile, type ChildProcessWithoutNullStreams } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { runExec } from "../../src/cli/commands/exec.js";
import { execInPod, type TerminalSize } from "../../src/client/pod-streams/pod-exec.js";
import { eventually } from "../store/helpers/eventually.js";
import { useTempDir } from "../support/temp-dir.js";
import { useCliBundle } from "../support/cli-bundle.js";
import { busybox, collect, useDockerAgent } from "./docker-agent-hooks.js";

// kubectl exec and skiff exec through the real server, the agent's tunnel and real Docker.
const run = promisify(execFile);
const agent = useDockerAgent({ clusterCidr: "10.42.80.0/20", name: "exec-e2e" });
const { ok, kubectl, createPod, runningPod, kubeconfigArgs, server } = agent;
const dir = useTempDir("skiff-exec-e2e-");
const cli = useCliBundle();

/** `skiff exec ARGS` in this process: its exit code, stdout and stderr. */
async function skiffExec(args: string[], stdin?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const input = new PassThrough();
  input.end(stdin ?? "");
  const io = { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) }, stdin: input };
  const code = await runExec([...kubeconfigArgs(), ...args], io);
  return { code, stdout, stderr };
}

/** Some text of a few hundred KiB, in lines. */
const bulk = Array.from({ length: 3000 }, (_, i) => `${i} ${randomBytes(48).toString("hex")}`).join("\n") + "\n";

/**
 * `command` under util-linux `script`, so it has a terminal: 30 rows by 100
 * columns to begin with; the terminal's path is written to `ttyFile` so the
 * test can resize it (stty -F), which signals SIGWINCH to the command.
 */
function inTerminal(command: string, ttyFile: string): ChildProcessWithoutNullStreams {
  return spawn("script", ["-qefc", `stty rows 30 cols 100; tty > ${ttyFile}; exec ${command}`, "/dev/null"]);
}

/** Drives an interactive shell in a terminal: prompt, `stty size` before and after a resize, then exit 3. */
async function sizeAndResize(child: ChildProcessWithoutNullStreams, ttyFile: string): Promise<{ code: number | null; output: string }> {
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const out = collect(child.stdout);
  // busybox ash prompts, then asks the terminal where its cursor is (ESC [6n), which nobody answers here.
  await out.waitFor(/\/ # /);
  child.stdin.write("stty size\r");
  await out.waitFor(/\n30 100\r\n/);
  const tty = (await readFile(ttyFile, "utf8")).trim();
  await run("stty", ["-F", tty, "rows", "40", "cols", "120"]);
  // The size reaches the container asynchronously: ask until it shows.
  await eventually(
    async () => {
      child.stdin.write("stty size\r");
      await out.waitFor(/\n40 120\r\n/, 1_000);
    },
    { timeoutMs: 15_000, intervalMs: 0 },
  );
  child.stdin.write("exit 3\r");
  const code = await exited;
  child.stdin.end();
  return { code, output: out.text() };
}

beforeAll(async () => {
  await Promise.all([
    createPod("shell", { containers: [busybox("main", "exec sleep 3600")] }),
    createPod("pair", { containers: [busybox("left", "exec sleep 3600"), busybox("right", "echo right > /tmp/who; exec sleep 3600")] }),
  ]);
  await Promise.all([runningPod("shell"), runningPod("pair")]);
}, 90_000);

describe("kubectl exec on real Docker", () => {
  it("keeps stdout and stderr apart", async () => {
    expect(await kubectl(["exec", "shell", "--", "sh", "-c", "echo a; echo b >&2; echo c"])).toEqual({ code: 0, stdout: "a\nc\n", stderr: "b\n" });
  });

  it("exits with the command's exit code", async () => {
    expect(await kubectl(["exec", "shell", "--", "sh", "-c", "echo partial; exit 42"])).toEqual({
      code: 42,
      stdout: "partial\n",
      stderr: "command terminated with exit code 42\n",
    });
    const missing = await kubectl(["exec", "shell", "--", "no-such-command"]);
    // As with dockershim: Docker's own words in the output, and the shell's 126.
    expect(missing).toMatchObject({ code: 126, stderr: "command terminated with exit code 126\n" });
    expect(missing.stdout).toContain('exec: "no-such-command": executable file not found in $PATH');
  });

  it("pipes stdin with -i, a few hundred KiB of it, to its end", async () => {
    expect(bulk.length).toBeGreaterThan(300_000);
    expect(await ok(["exec", "-i", "shell", "--", "wc", "-c"], bulk)).toMatch(new RegExp(`^\\s*${bulk.length}\\n$`));
    expect(await ok(["exec", "-i", "shell", "--", "cat"], bulk)).toBe(bulk);
  });

  it("picks a container with -c", async () => {
    expect(await ok(["exec", "pair", "-c", "right", "--", "cat", "/tmp/who"])).toBe("right\n");
    const defaulted = await kubectl(["exec", "pair", "--", "cat", "/tmp/who"]);
    expect(defaulted.stderr).toContain('Defaulted container "left" out of: left, right');
    expect(defaulted.stderr).toContain("No such file or directory");
  });

  it("gives -it a TTY of the terminal's size, follows a resize, and exits with the shell's code", async () => {
    const ttyFile = join(dir(), "kubectl-tty");
    const kubectlCommand = ["kubectl", ...kubeconfigArgs(), "exec", "-it", "shell", "--", "sh"].join(" ");
    const { code, output } = await sizeAndResize(inTerminal(kubectlCommand, ttyFile), ttyFile);
    expect(output).toMatch(/\n30 100\r\n[^]*\n40 120\r\n/);
    expect(code).toBe(3);
  });
});

describe("skiff exec on real Docker", () => {
  it("keeps stdout and stderr apart, exits with the command's code, and pipes stdin", async () => {
    expect(await skiffExec(["shell", "--", "sh", "-c", "echo a; echo b >&2"])).toEqual({ code: 0, stdout: "a\n", stderr: "b\n" });
    expect(await skiffExec(["shell", "--", "sh", "-c", "exit 42"])).toEqual({ code: 42, stdout: "", stderr: "command terminated with exit code 42\n" });
    expect(await skiffExec(["-i", "shell", "--", "cat"], bulk)).toEqual({ code: 0, stdout: bulk, stderr: "" });
    expect(await skiffExec(["pair", "-c", "right", "--", "cat", "/tmp/who"])).toEqual({ code: 0, stdout: "right\n", stderr: "" });
  });

  it("gives -it a TTY of the terminal's size and follows a resize", async () => {
    const ttyFile = join(dir(), "skiff-tty");
    const skiffCommand = ["node", cli(), "exec", "-it", ...kubeconfigArgs(), "shell", "--", "sh"].join(" ");
    const { code, output } = await sizeAndResize(inTerminal(skiffCommand, ttyFile), ttyFile);
    expect(output).toMatch(/\n30 100\r\n[^]*\n40 120\r\n/);
    expect(code).toBe(3);
  });
});

describe("the client library's exec with a TTY on real Docker", () => {
  it("sends the terminal's size on channel 4, first and on each change", async () => {
    let size: TerminalSize = { Width: 90, Height: 25 };
    let changed: () => void = () => undefined;
    const stdin = new PassThrough();
    let output = "";
    const session = execInPod(
      server().client.config,
      { namespace: "default", pod: "shell", container: "", command: ["sh"], tty: true },
      {
        stdin,
        stdout: (chunk) => (output += chunk.toString("utf8")),
        stderr: () => undefined,
        terminalSize: {
          current: () => size,
          onChange(listener) {
            changed = listener;
            return () => (changed = () => undefined);
          },
        },
      },
    );
    const shows = (pattern: RegExp) => eventually(() => expect(output).toMatch(pattern), { timeoutMs: 10_000, intervalMs: 50 });
    await shows(/\/ # /);
    stdin.write("stty size\r");
    await shows(/\n25 90\r?\n/);
    size = { Width: 132, Height: 50 };
    changed();
    await eventually(
      async () => {
        stdin.write("stty size\r");
        await eventually(() => expect(output).toMatch(/\n50 132\r?\n/), { timeoutMs: 1_000, intervalMs: 50 });
      },
      { timeoutMs: 10_000, intervalMs: 0 },
    );
    stdin.write("exit 5\r");
    expect(await session).toMatchObject({ kind: "exited", code: 5 });
  });
});
