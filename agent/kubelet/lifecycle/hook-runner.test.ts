import { afterEach, describe, expect, it } from "vitest";
import type { Container } from "../../../src/api/core/v1/container.js";
import { podSchema, type Pod } from "../../../src/api/core/v1/pod.js";
import type { LifecycleHandler } from "../../../src/api/core/v1/probe.js";
import { FakeClock, realClock } from "../../../src/clock.js";
import { createLogger } from "../../../src/log.js";
import { RuntimeError } from "../../runtime/container-runtime.js";
import { HttpGetError, type HttpGetRequest } from "../actions/http-get.js";
import { startHttpServer, type LoopbackServer } from "../testing/loopback-servers.js";
import { ScriptedExec, type ExecReply } from "../testing/scripted-exec.js";
import { RecordingEvents } from "../testing/recording-events.js";
import { HookRunner } from "./hook-runner.js";
import { LifecycleHookError } from "./lifecycle-hooks.js";

const UID = "0b5e-uid";

function makePod(): Pod {
  return podSchema.parse({ apiVersion: "v1", kind: "Pod", metadata: { name: "p", namespace: "default", uid: UID }, spec: { containers: [{ name: "web" }] } });
}

function makeContainer(lifecycle: { postStart?: LifecycleHandler; preStop?: LifecycleHandler }): Container {
  return { name: "web", ports: [{ name: "admin", containerPort: 9000 }], lifecycle };
}

async function flush(): Promise<void> {
  for (let i = 0; i < 10; i++) await new Promise((resolve) => setImmediate(resolve));
}

function harness(reply: ExecReply = { exitCode: 0 }) {
  const clock = new FakeClock(1_700_000_000_000);
  const events = new RecordingEvents();
  const exec = new ScriptedExec(() => reply);
  const httpCalls: HttpGetRequest[] = [];
  let httpReplies: Array<HttpGetError | undefined> = [];
  const hooks = new HookRunner({
    runtime: exec,
    events,
    clock,
    log: createLogger("silent"),
    httpGet: async (request) => {
      httpCalls.push(request);
      const error = httpReplies.shift();
      if (error) throw error;
      return { statusCode: 500, body: "" };
    },
  });
  return {
    clock,
    events,
    exec,
    hooks,
    httpCalls,
    failHttp: (...errors: Array<HttpGetError | undefined>) => {
      httpReplies = errors;
    },
  };
}

/** Settles `promise` and tells whether it has, without waiting for it. */
function track(promise: Promise<void>): { done: () => boolean; error: () => unknown } {
  let done = false;
  let error: unknown;
  promise.then(
    () => (done = true),
    (caught: unknown) => {
      done = true;
      error = caught;
    },
  );
  return { done: () => done, error: () => error };
}

async function rejection(promise: Promise<void>): Promise<LifecycleHookError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(LifecycleHookError);
  return error as LifecycleHookError;
}

describe("HookRunner", () => {
  it("does nothing for a container without hooks", async () => {
    const h = harness();
    await h.hooks.postStart(makePod(), makeContainer({}), "c1", "10.42.0.5");
    await h.hooks.preStop(makePod(), makeContainer({}), "c1", "10.42.0.5", 30);
    expect(h.exec.calls).toEqual([]);
    expect(h.clock.pendingTimers()).toBe(0);
  });

  it("runs an exec postStart in the container", async () => {
    const h = harness();
    await h.hooks.postStart(makePod(), makeContainer({ postStart: { exec: { command: ["touch", "/ready"] } } }), "c1", undefined);
    expect(h.exec.calls).toEqual([{ containerId: "c1", command: ["touch", "/ready"] }]);
    expect(h.events.events).toEqual([]);
  });

  it("fails an exec postStart that exits non-zero with the kubelet's message, and a bare event", async () => {
    const h = harness({ exitCode: 1 });
    const error = await rejection(h.hooks.postStart(makePod(), makeContainer({ postStart: { exec: { command: ["/bin/false"] } } }), "c1", undefined));
    expect(error.message).toBe(
      `Exec lifecycle hook ([/bin/false]) for Container "web" in Pod "p_default(${UID})" failed - error: command '/bin/false' exited with 1: , message: ""`,
    );
    expect(error.hook).toBe("PostStart");
    expect(error.reason).toBe("FailedPostStartHook");
    expect(h.events.events).toEqual([
      {
        involved: { kind: "Pod", apiVersion: "v1", namespace: "default", name: "p", uid: UID, fieldPath: "spec.containers{web}" },
        type: "Warning",
        reason: "FailedPostStartHook",
        message: "PostStartHook failed",
      },
    ]);
  });

  it("puts the command's stderr in the error and all its output in the message", async () => {
    const h = harness({ exitCode: 2, stdout: "out\n", stderr: "err\n" });
    const command = ["sh", "-c", "echo out; echo err >&2; exit 2"];
    const error = await rejection(h.hooks.postStart(makePod(), makeContainer({ postStart: { exec: { command } } }), "c1", undefined));
    expect(error.message).toBe(
      `Exec lifecycle hook ([sh -c echo out; echo err >&2; exit 2]) for Container "web" in Pod "p_default(${UID})" failed - ` +
        `error: command 'sh -c echo out; echo err >&2; exit 2' exited with 2: err\n, message: "out\\nerr\\n"`,
    );
  });

  it("fails an exec hook the engine refuses", async () => {
    const h = harness(new RuntimeError("exec in container c1", "container is not running"));
    const error = await rejection(h.hooks.postStart(makePod(), makeContainer({ postStart: { exec: { command: ["x"] } } }), "c1", undefined));
    expect(error.message).toBe(
      `Exec lifecycle hook ([x]) for Container "web" in Pod "p_default(${UID})" failed - error: exec in container c1: container is not running, message: ""`,
    );
  });

  it("treats any HTTP answer as success, and no answer as failure", async () => {
    const h = harness();
    const container = makeContainer({ postStart: { httpGet: { port: "admin", path: "/started" } } });
    await h.hooks.postStart(makePod(), container, "c1", "10.42.0.5");
    expect(h.httpCalls[0]?.url.href).toBe("http://10.42.0.5:9000/started");
    expect(h.httpCalls[0]?.headers).toContainEqual(["User-Agent", "kube-lifecycle/1.32"]);
    h.failHttp(new HttpGetError('Get "http://10.42.0.5:9000/started": dial tcp 10.42.0.5:9000: connect: connection refused'));
    const error = await rejection(h.hooks.postStart(makePod(), container, "c1", "10.42.0.5"));
    expect(error.message).toBe(
      `HTTP lifecycle hook (/started) for Container "web" in Pod "p_default(${UID})" failed - error: ` +
        'Get "http://10.42.0.5:9000/started": dial tcp 10.42.0.5:9000: connect: connection refused',
    );
  });

  it("retries an HTTPS hook answered in plain HTTP over HTTP, without credentials, and says so", async () => {
    const h = harness();
    h.failHttp(new HttpGetError("Get ...: http: server gave HTTP response to HTTPS client", true));
    const container = makeContainer({
      postStart: { httpGet: { port: 9000, scheme: "HTTPS", httpHeaders: [{ name: "Authorization", value: "Bearer x" }] } },
    });
    await h.hooks.postStart(makePod(), container, "c1", "10.42.0.5");
    expect(h.httpCalls.map((call) => call.url.href)).toEqual(["https://10.42.0.5:9000/", "http://10.42.0.5:9000/"]);
    expect(h.httpCalls[1]?.headers.some(([name]) => name === "Authorization")).toBe(false);
    expect(h.events.lines()).toEqual(["LifecycleHTTPFallback: request to HTTPS lifecycle hook 10.42.0.5:9000 got HTTP response, retry with HTTP succeeded"]);
  });

  it("fails an httpGet hook whose port does not resolve", async () => {
    const h = harness();
    const error = await rejection(h.hooks.postStart(makePod(), makeContainer({ postStart: { httpGet: { port: "nope", path: "/" } } }), "c1", "10.42.0.5"));
    expect(error.message).toBe(`HTTP lifecycle hook (/) for Container "web" in Pod "p_default(${UID})" failed - error: strconv.Atoi: parsing "nope": invalid syntax`);
  });

  it("sleeps for a sleep hook, on its clock", async () => {
    const h = harness();
    const run = track(h.hooks.postStart(makePod(), makeContainer({ postStart: { sleep: { seconds: 3 } } }), "c1", undefined));
    h.clock.advance(2999);
    await flush();
    expect(run.done()).toBe(false);
    h.clock.advance(1);
    await flush();
    expect(run.done()).toBe(true);
    expect(run.error()).toBeUndefined();
  });

  it("refuses a tcpSocket hook, as the kubelet does", async () => {
    const h = harness();
    const error = await rejection(h.hooks.postStart(makePod(), makeContainer({ postStart: { tcpSocket: { port: 80 } } }), "c1", undefined));
    expect(error.message).toBe("Cannot run handler: invalid handler: tcpSocket is not supported as a lifecycle handler");
  });

  it("waits for a preStop that ends within the grace period", async () => {
    const h = harness();
    const run = track(h.hooks.preStop(makePod(), makeContainer({ preStop: { sleep: { seconds: 5 } } }), "c1", undefined, 30));
    h.clock.advance(5000);
    await flush();
    expect(run.done()).toBe(true);
    expect(run.error()).toBeUndefined();
    expect(h.clock.pendingTimers()).toBe(0);
  });

  it("stops waiting for a preStop when the grace period ends, without an error, and ends the hook", async () => {
    const h = harness("hang");
    const run = track(h.hooks.preStop(makePod(), makeContainer({ preStop: { exec: { command: ["drain"] } } }), "c1", undefined, 10));
    await flush();
    h.clock.advance(9999);
    await flush();
    expect(run.done()).toBe(false);
    h.clock.advance(1);
    await flush();
    expect(run.done()).toBe(true);
    expect(run.error()).toBeUndefined();
    expect(h.exec.closedSessions).toBe(1);
    expect(h.events.events).toEqual([]);
    expect(h.clock.pendingTimers()).toBe(0);
  });

  it("abandons a sleep preStop longer than the grace period at the grace period", async () => {
    const h = harness();
    const run = track(h.hooks.preStop(makePod(), makeContainer({ preStop: { sleep: { seconds: 60 } } }), "c1", undefined, 2));
    h.clock.advance(2000);
    await flush();
    expect(run.done()).toBe(true);
    expect(run.error()).toBeUndefined();
    expect(h.clock.pendingTimers()).toBe(0);
  });

  it("reports a failed preStop with FailedPreStopHook", async () => {
    const h = harness({ exitCode: 137 });
    const error = await rejection(h.hooks.preStop(makePod(), makeContainer({ preStop: { exec: { command: ["nginx", "-s", "quit"] } } }), "c1", undefined, 30));
    expect(error.hook).toBe("PreStop");
    expect(error.reason).toBe("FailedPreStopHook");
    expect(error.message).toBe(
      `Exec lifecycle hook ([nginx -s quit]) for Container "web" in Pod "p_default(${UID})" failed - error: command 'nginx -s quit' exited with 137: , message: ""`,
    );
    expect(h.events.lines()).toEqual(["FailedPreStopHook: PreStopHook failed"]);
  });

  it("gives a zero grace period no time at all", async () => {
    const h = harness("hang");
    const run = track(h.hooks.preStop(makePod(), makeContainer({ preStop: { exec: { command: ["drain"] } } }), "c1", undefined, 0));
    h.clock.advance(0);
    await flush();
    expect(run.done()).toBe(true);
  });
});

describe("HookRunner against a loopback server", () => {
  let server: LoopbackServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it("calls an httpGet preStop with the kubelet's User-Agent and the action's headers", async () => {
    server = await startHttpServer((_req, res) => res.writeHead(500).end());
    const hooks = new HookRunner({ runtime: new ScriptedExec(() => ({ exitCode: 0 })), events: new RecordingEvents(), clock: realClock, log: createLogger("silent") });
    const container = makeContainer({ preStop: { httpGet: { port: server.port, host: "127.0.0.1", path: "/drain", httpHeaders: [{ name: "X-Hook", value: "preStop" }] } } });
    await hooks.preStop(makePod(), container, "c1", "10.42.0.5", 5);
    expect(server.requests.map((req) => [req.url, req.headers["user-agent"], req.headers["x-hook"]])).toEqual([["/drain", "kube-lifecycle/1.32", "preStop"]]);
  });
});
