import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import type { ExecRequest } from "../../src/tunnel/control-message.js";
import { Channel, INITIAL_WINDOW_BYTES } from "../../src/tunnel/protocol.js";
import { exitCodeStatus, failed, succeeded } from "../../src/tunnel/stream-status.js";
import type { ExecOptions, ExecSession } from "../runtime/container-runtime.js";
import { container, serverEnd, settle, stubRuntime } from "./testing/stream-harness.js";

const request = (changes: Partial<ExecRequest> = {}): ExecRequest => ({
  kind: "exec",
  namespace: "default",
  pod: "web",
  uid: "u-1",
  container: "main",
  command: ["sh"],
  stdin: false,
  stdout: true,
  stderr: true,
  tty: false,
  ...changes,
});

/** An exec session driven by the test: it writes the process's output and ends it with `exit`. */
function fakeSession(options: ExecOptions) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const stdin = new PassThrough();
  const sizes: Array<[number, number]> = [];
  let exit: (code: number) => void = () => undefined;
  let closed = false;
  const session: ExecSession = {
    stdout,
    resize: async (width, height) => void sizes.push([width, height]),
    exitCode: new Promise<number>((resolve) => (exit = resolve)),
    close: () => void (closed = true),
  };
  if (options.stdin) session.stdin = stdin;
  if (!options.tty) session.stderr = stderr;
  return {
    session,
    stdout,
    stderr,
    stdin,
    sizes,
    isClosed: () => closed,
    exit(code: number) {
      stdout.end();
      stderr.end();
      exit(code);
    },
  };
}

function execRuntime(state: "running" | "exited" = "running") {
  const sessions: Array<ReturnType<typeof fakeSession> & { id: string; options: ExecOptions }> = [];
  const runtime = stubRuntime([container("main", 0, "exited"), container("main", 1, state)], {
    async exec(id, options) {
      const made = fakeSession(options);
      sessions.push({ ...made, id, options });
      return made.session;
    },
  });
  const session = async () => {
    for (let i = 0; i < 50 && sessions.length === 0; i++) await settle(1);
    return sessions[0]!;
  };
  return { runtime, session };
}

describe("serveExec", () => {
  it("runs the command in the current container, stdout and stderr apart, and ends with its exit code", async () => {
    const { runtime, session } = execRuntime();
    const opened = serverEnd(runtime).open(request({ command: ["ls", "-l"] }));
    const s = await session();
    expect(s.id).toBe("u-1-main-1");
    expect(s.options).toEqual({ command: ["ls", "-l"], tty: false, stdin: false, stdout: true, stderr: true });
    s.stdout.write("out\n");
    s.stderr.write("err\n");
    s.exit(3);
    expect(await opened.closed).toEqual(exitCodeStatus(3));
    expect(opened.output(Channel.Stdout)).toBe("out\n");
    expect(opened.output(Channel.Stderr)).toBe("err\n");
  });

  it("ends with Success for exit code 0, after all output", async () => {
    const { runtime, session } = execRuntime();
    const opened = serverEnd(runtime).open(request());
    const s = await session();
    s.stdout.write("a".repeat(100_000));
    s.exit(0);
    expect(await opened.closed).toEqual(succeeded);
    expect(opened.output(Channel.Stdout)).toHaveLength(100_000);
  });

  it("passes stdin on, ends it on eof, and applies terminal sizes", async () => {
    const { runtime, session } = execRuntime();
    const opened = serverEnd(runtime).open(request({ stdin: true, tty: true, stderr: false }));
    // Sent before the session is up: it waits for it.
    opened.stream.write(Channel.Resize, Buffer.from(JSON.stringify({ Width: 80, Height: 24 })));
    opened.stream.write(Channel.Stdin, Buffer.from("hello "));
    const s = await session();
    let input = "";
    s.stdin.on("data", (chunk: Buffer) => (input += chunk.toString()));
    const ended = new Promise((resolve) => s.stdin.on("end", resolve));
    opened.stream.write(Channel.Stdin, Buffer.from("world"));
    opened.stream.write(Channel.Resize, Buffer.from("not json"));
    opened.stream.write(Channel.Resize, Buffer.from(JSON.stringify({ Width: 120, Height: 40 })));
    opened.stream.endInput();
    await ended;
    expect(input).toBe("hello world");
    expect(s.sizes).toEqual([
      [80, 24],
      [120, 40],
    ]);
    s.exit(0);
    expect(await opened.closed).toEqual(succeeded);
  });

  it("stops reading the process's output while the server's client does not read, and goes on after", async () => {
    const { runtime, session } = execRuntime();
    const opened = serverEnd(runtime).open(request(), { hold: true });
    const s = await session();
    const chunk = Buffer.alloc(32 * 1024, "y");
    let accepted = 0;
    for (let i = 0; i < 40; i++) if (s.stdout.write(chunk)) accepted++;
    await settle(30);
    // The stream took a window's worth; the rest waits in the runtime's pipe.
    expect(s.stdout.isPaused()).toBe(true);
    expect(opened.received.reduce((n, r) => n + r.text.length, 0)).toBeLessThanOrEqual(INITIAL_WINDOW_BYTES);
    s.exit(0);
    while (!(await Promise.race([opened.closed.then(() => true), settle(2).then(() => false)]))) {
      for (const release of opened.held.splice(0)) release();
    }
    expect(opened.output(Channel.Stdout)).toHaveLength(40 * chunk.length);
    expect(accepted).toBeLessThan(40);
  });

  it("ends the session when the server closes the stream", async () => {
    const { runtime, session } = execRuntime();
    const opened = serverEnd(runtime).open(request());
    const s = await session();
    opened.stream.abort(failed(499, "ClientClosedRequest", "the client closed the request"));
    await settle();
    expect(s.isClosed()).toBe(true);
    expect(s.stdout.destroyed).toBe(true);
  });

  it("refuses a container that is not running, or not there", async () => {
    const { runtime } = execRuntime("exited");
    expect(await serverEnd(runtime).open(request()).closed).toEqual(failed(400, "BadRequest", 'container "main" in pod "web" is not running'));
    expect(await serverEnd(runtime).open(request({ container: "side" })).closed).toEqual(failed(404, "NotFound", 'container not found ("side")'));
    expect(await serverEnd(runtime).open(request({ uid: "u-9" })).closed).toMatchObject({ code: 404 });
  });

  it("ends with the runtime's failure to start the command", async () => {
    const runtime = stubRuntime([container("main", 0, "running")]);
    expect(await serverEnd(runtime).open(request()).closed).toEqual(failed(500, "InternalError", "no exec in this stub"));
  });
});
