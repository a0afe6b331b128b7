import { describe, expect, it } from "vitest";
import type { LogRequest } from "../../src/tunnel/control-message.js";
import { Channel, INITIAL_WINDOW_BYTES } from "../../src/tunnel/protocol.js";
import { failed, succeeded } from "../../src/tunnel/stream-status.js";
import { RuntimeNotFoundError, type LogOptions, type LogSink } from "../runtime/container-runtime.js";
import { container, serverEnd, settle, stubRuntime } from "./testing/stream-harness.js";

const request = (changes: Partial<LogRequest> = {}): LogRequest => ({
  kind: "log",
  namespace: "default",
  pod: "web",
  uid: "u-1",
  container: "main",
  follow: false,
  previous: false,
  timestamps: false,
  ...changes,
});

/** A runtime whose log of every container is "<id> out" on stdout and "<id> err" on stderr; it records what was asked. */
function loggingRuntime(containers = [container("main", 0, "exited"), container("main", 1, "running")]) {
  const asked: Array<{ id: string; options: LogOptions }> = [];
  const runtime = stubRuntime(containers, {
    async containerLogs(id, options, out) {
      asked.push({ id, options });
      await out.write("stdout", Buffer.from(`${id} out\n`));
      await out.write("stderr", Buffer.from(`${id} err\n`));
    },
  });
  return { runtime, asked };
}

describe("serveLog", () => {
  it("streams the current container's stdout and stderr on their channels, with the options mapped", async () => {
    const { runtime, asked } = loggingRuntime();
    const now = 1_700_000_100_000;
    const opened = serverEnd(runtime, () => now).open(request({ timestamps: true, tailLines: 5, limitBytes: 100, sinceSeconds: 60 }));
    expect(await opened.closed).toEqual(succeeded);
    expect(opened.received).toEqual([
      { channel: Channel.Stdout, text: "u-1-main-1 out\n" },
      { channel: Channel.Stderr, text: "u-1-main-1 err\n" },
    ]);
    expect(asked).toEqual([{ id: "u-1-main-1", options: { follow: false, timestamps: true, tailLines: 5, limitBytes: 100, since: new Date(now - 60_000) } }]);

    await serverEnd(runtime).open(request({ sinceTime: "2024-05-01T12:00:00Z" })).closed;
    expect(asked[1]?.options.since).toEqual(new Date("2024-05-01T12:00:00Z"));
  });

  it("serves the attempt before the current one with previous, and refuses as the kubelet does when there is none", async () => {
    const { runtime } = loggingRuntime();
    const previous = serverEnd(runtime).open(request({ previous: true }));
    expect(await previous.closed).toEqual(succeeded);
    expect(previous.output(Channel.Stdout)).toBe("u-1-main-0 out\n");

    const { runtime: once } = loggingRuntime([container("main", 0, "running")]);
    expect(await serverEnd(once).open(request({ previous: true })).closed).toEqual(
      failed(400, "BadRequest", 'previous terminated container "main" in pod "web" not found'),
    );
  });

  it("shows the last run while a restart has not started, and refuses a container that never ran", async () => {
    const { runtime } = loggingRuntime([container("main", 0, "exited"), container("main", 1, "created")]);
    const restarting = serverEnd(runtime).open(request());
    await restarting.closed;
    expect(restarting.output(Channel.Stdout)).toBe("u-1-main-0 out\n");

    const waiting = failed(400, "BadRequest", 'container "main" in pod "web" is waiting to start: ContainerCreating');
    const { runtime: created } = loggingRuntime([container("main", 0, "created")]);
    expect(await serverEnd(created).open(request()).closed).toEqual(waiting);
    const { runtime: none } = loggingRuntime([]);
    expect(await serverEnd(none).open(request()).closed).toEqual(waiting);
  });

  it("names the waiting reason the kubelet's status gives, in the kubelet's words for image pulls", async () => {
    const { runtime } = loggingRuntime([]);
    const reasons: Record<string, string> = { config: "CreateContainerConfigError", pull: "ErrImagePull", backoff: "ImagePullBackOff" };
    const refusal = async (container: string) => (await serverEnd(runtime, undefined, (uid, name) => (uid === "u-1" ? reasons[name] : undefined)).open(request({ container })).closed).message;
    expect(await refusal("config")).toBe('container "config" in pod "web" is waiting to start: CreateContainerConfigError');
    expect(await refusal("pull")).toBe(`container "pull" in pod "web" is waiting to start: image can't be pulled`);
    expect(await refusal("backoff")).toBe('container "backoff" in pod "web" is waiting to start: trying and failing to pull image');
    expect(await refusal("unknown")).toBe('container "unknown" in pod "web" is waiting to start: ContainerCreating');
  });

  it("never serves a container of another pod of the same name (a different uid) or another container", async () => {
    const newer = { uid: "u-2", namespace: "default", name: "web" };
    const { runtime, asked } = loggingRuntime([container("main", 0, "running", newer), container("side", 0, "running")]);
    const opened = serverEnd(runtime).open(request());
    expect(await opened.closed).toMatchObject({ code: 400 });
    expect(asked).toEqual([]);
  });

  it("follows until the server closes the stream, then stops the runtime", async () => {
    let stopped = false;
    const runtime = stubRuntime([container("main", 0, "running")], {
      async containerLogs(_id, options, out, signal) {
        expect(options.follow).toBe(true);
        await out.write("stdout", Buffer.from("line\n"));
        await new Promise<void>((resolve) => signal.addEventListener("abort", () => resolve()));
        stopped = true;
      },
    });
    const opened = serverEnd(runtime).open(request({ follow: true }));
    await settle();
    expect(opened.output(Channel.Stdout)).toBe("line\n");
    opened.stream.abort(failed(499, "ClientClosedRequest", "the client closed the request"));
    await settle();
    expect(stopped).toBe(true);
  });

  it("holds the runtime back while the server's client does not read", async () => {
    const chunk = Buffer.alloc(16 * 1024, "x");
    let written = 0;
    const runtime = stubRuntime([container("main", 0, "running")], {
      async containerLogs(_id, _options, out: LogSink) {
        for (let i = 0; i < 64; i++) {
          await out.write("stdout", chunk);
          written += chunk.length;
        }
      },
    });
    const opened = serverEnd(runtime).open(request(), { hold: true });
    await settle(30);
    // One window in flight, plus the chunk whose write is waiting.
    expect(written).toBeLessThanOrEqual(INITIAL_WINDOW_BYTES);
    expect(written).toBeGreaterThanOrEqual(INITIAL_WINDOW_BYTES - chunk.length);
    while (!(await Promise.race([opened.closed.then(() => true), settle(2).then(() => false)]))) {
      for (const release of opened.held.splice(0)) release();
    }
    expect(written).toBe(64 * chunk.length);
    expect(opened.output(Channel.Stdout).length).toBe(64 * chunk.length);
  });

  it("ends with the runtime's failure", async () => {
    const gone = stubRuntime([container("main", 0, "running")], {
      containerLogs: async () => Promise.reject(new RuntimeNotFoundError("logs of container u-1-main-0", "no such container")),
    });
    expect(await serverEnd(gone).open(request()).closed).toEqual(failed(404, "NotFound", "logs of container u-1-main-0: no such container"));
    const broken = stubRuntime([container("main", 0, "running")], { containerLogs: async () => Promise.reject(new Error("engine down")) });
    expect(await serverEnd(broken).open(request()).closed).toEqual(failed(500, "InternalError", "engine down"));
  });
});
