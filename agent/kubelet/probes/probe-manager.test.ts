import { describe, expect, it } from "vitest";
import type { Container } from "../../../src/api/core/v1/container.js";
import { podSchema, type Pod } from "../../../src/api/core/v1/pod.js";
import { FakeClock } from "../../../src/clock.js";
import { createLogger } from "../../../src/log.js";
import { RuntimeError } from "../../runtime/container-runtime.js";
import { HttpGetError, type HttpGetRequest, type HttpGetResponse } from "../actions/http-get.js";
import { ScriptedExec, type ExecReply } from "../testing/scripted-exec.js";
import { DialError } from "../actions/tcp-dial.js";
import { ProbeManager } from "./probe-manager.js";
import { RecordingEvents } from "../testing/recording-events.js";

const UID = "8f2c1d7e-uid";
const POD_IP = "10.42.0.5";

function makePod(container: Partial<Container>, deleting = false): Pod {
  return podSchema.parse({
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name: "p", namespace: "default", uid: UID, ...(deleting ? { deletionTimestamp: "2026-11-23T00:00:00Z" } : {}) },
    spec: { containers: [{ name: "web", image: "skiff-test/busybox:1", ...container }] },
  });
}

/** Lets every pending promise callback and stream event run. */
async function flush(): Promise<void> {
  for (let i = 0; i < 10; i++) await new Promise((resolve) => setImmediate(resolve));
}

function harness(reply: (command: string[]) => ExecReply = () => ({ exitCode: 0 })) {
  const clock = new FakeClock(1_700_000_000_000);
  const events = new RecordingEvents();
  const exec = new ScriptedExec((_id, command) => reply(command));
  const httpCalls: HttpGetRequest[] = [];
  let httpReply: () => HttpGetResponse | HttpGetError = () => ({ statusCode: 200, body: "ok" });
  const tcpCalls: string[] = [];
  let tcpReply: () => DialError | undefined = () => undefined;
  const grpcCalls: string[] = [];
  const probes = new ProbeManager({
    runtime: exec,
    events,
    clock,
    log: createLogger("silent"),
    httpGet: async (request) => {
      httpCalls.push(request);
      const answer = httpReply();
      if (answer instanceof Error) throw answer;
      return answer;
    },
    tcpDial: async (host, port) => {
      tcpCalls.push(`${host}:${port}`);
      const error = tcpReply();
      if (error) throw error;
    },
    grpcHealthCheck: async (host, port, service) => {
      grpcCalls.push(`${host}:${port}/${service}`);
      return service === "ready" ? { serving: true, message: "service healthy" } : { serving: false, message: 'service unhealthy (responded with "NOT_SERVING")' };
    },
  });
  const changes: string[] = [];
  probes.onChange((podUid) => changes.push(podUid));
  const h = {
    clock,
    events,
    exec,
    probes,
    changes,
    httpCalls,
    tcpCalls,
    grpcCalls,
    setExec: (next: (command: string[]) => ExecReply) => {
      exec.reply = (_id, command) => next(command);
    },
    setHttp: (next: () => HttpGetResponse | HttpGetError) => {
      httpReply = next;
    },
    setTcp: (next: () => DialError | undefined) => {
      tcpReply = next;
    },
    /** Moves time in half-second steps, letting checks finish between them. */
    advance: async (ms: number) => {
      let done = 0;
      do {
        // Checks due now start and settle before time moves on.
        clock.advance(0);
        await flush();
        const step = Math.min(500, ms - done);
        clock.advance(step);
        await flush();
        done += step;
      } while (done < ms);
    },
    run: (pod: Pod, containerId = "c1") =>
      probes.update(pod, [{ name: "web", containerId, startedAt: new Date(clock.now()) }], POD_IP),
    state: () => probes.state(UID, "web"),
  };
  return h;
}

const execProbe = (extra: Record<string, number> = {}) => ({ exec: { command: ["cat", "/tmp/healthy"] }, ...extra });

describe("ProbeManager", () => {
  it("reports a running container without probes as started, ready and live, and sets no timer", () => {
    const h = harness();
    h.run(makePod({}));
    expect(h.state()).toEqual({ started: true, ready: true, live: true });
    expect(h.clock.pendingTimers()).toBe(0);
  });

  it("knows nothing of a container that is not running", () => {
    const h = harness();
    h.run(makePod({}));
    h.probes.update(makePod({}), [], POD_IP);
    expect(h.state()).toBeUndefined();
    expect(h.probes.state("other", "web")).toBeUndefined();
  });

  it("keeps readiness false until the first success, which comes after initialDelaySeconds", async () => {
    const h = harness();
    h.run(makePod({ readinessProbe: execProbe({ initialDelaySeconds: 5, periodSeconds: 10 }) }));
    expect(h.state()).toEqual({ started: true, ready: false, live: true });
    await h.advance(4500);
    expect(h.exec.calls).toHaveLength(0);
    await h.advance(500);
    expect(h.exec.calls).toEqual([{ containerId: "c1", command: ["cat", "/tmp/healthy"] }]);
    expect(h.state()).toEqual({ started: true, ready: true, live: true });
    expect(h.changes).toEqual([UID]);
    await h.advance(9500);
    expect(h.exec.calls).toHaveLength(1);
    await h.advance(500);
    expect(h.exec.calls).toHaveLength(2);
    expect(h.changes).toEqual([UID]);
  });

  it("uses Kubernetes' defaults: a check every 10 s, failureThreshold 3", async () => {
    const h = harness(() => ({ exitCode: 1 }));
    h.run(makePod({ livenessProbe: execProbe() }));
    await h.advance(0);
    expect(h.exec.calls).toHaveLength(1);
    await h.advance(9500);
    expect(h.exec.calls).toHaveLength(1);
    await h.advance(500);
    expect(h.exec.calls).toHaveLength(2);
    expect(h.state()?.live).toBe(true);
    await h.advance(10_000);
    expect(h.state()?.live).toBe(false);
  });

  it("needs successThreshold successes in a row before ready", async () => {
    const replies: ExecReply[] = [{ exitCode: 0 }, { exitCode: 1 }, { exitCode: 0 }, { exitCode: 0 }];
    const h = harness(() => replies.shift() ?? { exitCode: 0 });
    h.run(makePod({ readinessProbe: execProbe({ periodSeconds: 1, successThreshold: 2 }) }));
    await h.advance(0);
    expect(h.state()?.ready).toBe(false);
    await h.advance(1000); // failure breaks the run
    await h.advance(1000);
    expect(h.state()?.ready).toBe(false);
    await h.advance(1000);
    expect(h.state()?.ready).toBe(true);
  });

  it("turns a ready container unready only after failureThreshold failures in a row, and ready again on success", async () => {
    let healthy = true;
    const h = harness(() => (healthy ? { exitCode: 0 } : { exitCode: 1, stdout: "cat: can't open '/tmp/healthy': No such file or directory\n" }));
    h.run(makePod({ readinessProbe: execProbe({ periodSeconds: 2, failureThreshold: 2 }) }));
    await h.advance(0);
    expect(h.state()?.ready).toBe(true);
    healthy = false;
    await h.advance(2000);
    expect(h.state()?.ready).toBe(true);
    await h.advance(2000);
    expect(h.state()?.ready).toBe(false);
    expect(h.events.lines()).toEqual([
      "Unhealthy: Readiness probe failed: cat: can't open '/tmp/healthy': No such file or directory\n",
      "Unhealthy: Readiness probe failed: cat: can't open '/tmp/healthy': No such file or directory\n",
    ]);
    healthy = true;
    await h.advance(2000);
    expect(h.state()?.ready).toBe(true);
    expect(h.changes).toEqual([UID, UID, UID]);
  });

  it("marks a container not live after failureThreshold liveness failures in a row, then stops probing it", async () => {
    const replies: ExecReply[] = [{ exitCode: 1 }, { exitCode: 0 }, { exitCode: 1 }, { exitCode: 1 }, { exitCode: 1 }];
    const h = harness(() => replies.shift() ?? { exitCode: 1 });
    h.run(makePod({ livenessProbe: execProbe({ periodSeconds: 1 }) }));
    await h.advance(3000); // fail, succeed (run broken), fail, fail
    expect(h.state()?.live).toBe(true);
    await h.advance(1000);
    expect(h.state()).toEqual({ started: true, ready: true, live: false });
    expect(h.changes).toEqual([UID]);
    const calls = h.exec.calls.length;
    await h.advance(5000);
    expect(h.exec.calls.length).toBe(calls);
    expect(h.clock.pendingTimers()).toBe(0);
  });

  it("starts over for a new container id: live again, initialDelaySeconds again", async () => {
    const h = harness(() => ({ exitCode: 1 }));
    const pod = makePod({ livenessProbe: execProbe({ periodSeconds: 1, failureThreshold: 1, initialDelaySeconds: 3 }) });
    h.run(pod, "c1");
    await h.advance(3000);
    expect(h.state()?.live).toBe(false);
    h.run(pod, "c1"); // the same container again changes nothing
    expect(h.state()?.live).toBe(false);
    h.run(pod, "c2");
    expect(h.state()).toEqual({ started: true, ready: true, live: true });
    const calls = h.exec.calls.length;
    await h.advance(2500);
    expect(h.exec.calls.length).toBe(calls);
    await h.advance(500);
    expect(h.exec.calls.at(-1)?.containerId).toBe("c2");
    expect(h.state()?.live).toBe(false);
  });

  it("gates liveness and readiness behind the startup probe", async () => {
    let started = false;
    const h = harness((command) => ({ exitCode: command[0] === "startup" && !started ? 1 : 0 }));
    h.run(
      makePod({
        startupProbe: { exec: { command: ["startup"] }, periodSeconds: 1, failureThreshold: 30 },
        livenessProbe: { exec: { command: ["liveness"] }, periodSeconds: 1 },
        readinessProbe: { exec: { command: ["readiness"] }, periodSeconds: 1 },
      }),
    );
    expect(h.state()).toEqual({ started: false, ready: false, live: true });
    await h.advance(5000);
    expect(h.exec.calls.map((call) => call.command[0])).toEqual(Array(6).fill("startup"));
    expect(h.state()).toEqual({ started: false, ready: false, live: true });
    started = true;
    await h.advance(1000);
    expect(h.state()).toEqual({ started: true, ready: false, live: true });
    await h.advance(0);
    expect(h.state()).toEqual({ started: true, ready: true, live: true });
    await h.advance(3000);
    const after = h.exec.calls.slice(7).map((call) => call.command[0]);
    expect(after).not.toContain("startup");
    expect(after).toContain("liveness");
    expect(after).toContain("readiness");
  });

  it("is ready as soon as started when there is a startup probe but no readiness probe", async () => {
    const h = harness();
    h.run(makePod({ startupProbe: execProbe({ initialDelaySeconds: 2 }) }));
    expect(h.state()).toEqual({ started: false, ready: false, live: true });
    await h.advance(2000);
    expect(h.state()).toEqual({ started: true, ready: true, live: true });
    expect(h.clock.pendingTimers()).toBe(0);
  });

  it("marks a container that never starts not live after startup's failureThreshold", async () => {
    const h = harness(() => ({ exitCode: 1 }));
    h.run(makePod({ startupProbe: execProbe({ periodSeconds: 1, failureThreshold: 3 }), livenessProbe: execProbe() }));
    await h.advance(1000);
    expect(h.state()?.live).toBe(true);
    await h.advance(1000);
    expect(h.events.lines()).toEqual(Array(3).fill("Unhealthy: Startup probe failed: "));
    expect(h.state()).toEqual({ started: false, ready: false, live: false });
    expect(h.clock.pendingTimers()).toBe(0);
  });

  it("fails an exec probe that outlives timeoutSeconds, and closes its session", async () => {
    const h = harness(() => "hang");
    h.run(makePod({ livenessProbe: { exec: { command: ["sleep", "5"] }, timeoutSeconds: 2, failureThreshold: 1 } }));
    await h.advance(1500);
    expect(h.events.events).toEqual([]);
    await h.advance(500);
    expect(h.events.lines()).toEqual(['Unhealthy: Liveness probe failed: command "sleep 5" timed out']);
    expect(h.exec.closedSessions).toBe(1);
    expect(h.state()?.live).toBe(false);
  });

  it("bounds an exec the engine never even creates", async () => {
    const h = harness(() => "stall");
    h.run(makePod({ readinessProbe: { exec: { command: ["true"] }, periodSeconds: 5 } }));
    await h.advance(1000);
    expect(h.events.lines()).toEqual(['Unhealthy: Readiness probe failed: command "true" timed out']);
    await h.advance(5000);
    expect(h.exec.calls).toHaveLength(2);
  });

  it("records events against the container, as kubectl describe shows them", async () => {
    const h = harness(() => ({ exitCode: 1 }));
    h.run(makePod({ livenessProbe: execProbe() }));
    await h.advance(0);
    expect(h.events.events[0]).toEqual({
      involved: { kind: "Pod", apiVersion: "v1", namespace: "default", name: "p", uid: UID, fieldPath: "spec.containers{web}" },
      type: "Warning",
      reason: "Unhealthy",
      message: "Liveness probe failed: ",
    });
  });

  it("drops a probe that could not run (tried three times) and says it errored", async () => {
    const h = harness(() => new RuntimeError("exec in container c1", "container is not running"));
    h.run(makePod({ livenessProbe: execProbe({ failureThreshold: 1 }) }));
    await h.advance(0);
    expect(h.exec.calls).toHaveLength(3);
    expect(h.events.lines()).toEqual([
      "Unhealthy: Liveness probe errored and resulted in unknown state: exec in container c1: container is not running",
    ]);
    expect(h.state()?.live).toBe(true);
  });

  it("resolves httpGet ports by name, and reports a name the container lacks as the kubelet does", async () => {
    const h = harness();
    h.run(
      makePod({
        ports: [{ name: "http", containerPort: 8080 }],
        readinessProbe: { httpGet: { port: "http", path: "/healthz", httpHeaders: [{ name: "X-Probe", value: "1" }] } },
        livenessProbe: { httpGet: { port: "metrics" } },
      }),
    );
    await h.advance(0);
    expect(h.httpCalls.map((call) => call.url.href)).toEqual(["http://10.42.0.5:8080/healthz"]);
    expect(h.httpCalls[0]?.headers).toContainEqual(["X-Probe", "1"]);
    expect(h.state()?.ready).toBe(true);
    expect(h.events.lines()).toEqual([
      'Unhealthy: Liveness probe errored and resulted in unknown state: strconv.Atoi: parsing "metrics": invalid syntax',
    ]);
  });

  it("fails an httpGet probe on a status of 400 or more, without the body", async () => {
    const h = harness();
    h.setHttp(() => ({ statusCode: 500, body: "secret stack trace" }));
    h.run(makePod({ livenessProbe: { httpGet: { port: 8080 }, failureThreshold: 1 } }));
    await h.advance(0);
    expect(h.events.lines()).toEqual(["Unhealthy: Liveness probe failed: HTTP probe failed with statuscode: 500"]);
    expect(h.state()?.live).toBe(false);
  });

  it("counts a redirect it did not follow as success, with a ProbeWarning", async () => {
    const h = harness();
    h.setHttp(() => ({ statusCode: 302, body: "moved" }));
    h.run(makePod({ readinessProbe: { httpGet: { port: 8080 } } }));
    await h.advance(0);
    expect(h.events.lines()).toEqual(["ProbeWarning: Readiness probe warning: Probe terminated redirects, Response body: moved"]);
    expect(h.state()?.ready).toBe(true);
  });

  it("fails an httpGet probe that got no response with Go's error text", async () => {
    const h = harness();
    h.setHttp(() => new HttpGetError('Get "http://10.42.0.5:8080/": dial tcp 10.42.0.5:8080: connect: connection refused'));
    h.run(makePod({ readinessProbe: { httpGet: { port: 8080 } } }));
    await h.advance(0);
    expect(h.events.lines()).toEqual([
      'Unhealthy: Readiness probe failed: Get "http://10.42.0.5:8080/": dial tcp 10.42.0.5:8080: connect: connection refused',
    ]);
  });

  it("dials tcpSocket probes at the pod IP (or host) and a named port", async () => {
    const h = harness();
    h.setTcp(() => (h.tcpCalls.at(-1) === "10.42.0.5:5432" ? new DialError("dial tcp 10.42.0.5:5432: connect: connection refused") : undefined));
    h.run(
      makePod({
        ports: [{ name: "db", containerPort: 5432 }],
        readinessProbe: { tcpSocket: { port: "db" } },
        livenessProbe: { tcpSocket: { port: 22, host: "127.0.0.1" } },
      }),
    );
    await h.advance(0);
    expect(h.tcpCalls.sort()).toEqual(["10.42.0.5:5432", "127.0.0.1:22"]);
    expect(h.events.lines()).toEqual(["Unhealthy: Readiness probe failed: dial tcp 10.42.0.5:5432: connect: connection refused"]);
    expect(h.state()).toEqual({ started: true, ready: false, live: true });
  });

  it("checks gRPC health at the pod IP, for the service named", async () => {
    const h = harness();
    h.run(makePod({ readinessProbe: { grpc: { port: 9000, service: "ready" } }, livenessProbe: { grpc: { port: 9000 }, failureThreshold: 1 } }));
    await h.advance(0);
    expect(h.grpcCalls.sort()).toEqual(["10.42.0.5:9000/", "10.42.0.5:9000/ready"]);
    expect(h.events.lines()).toEqual(['Unhealthy: Liveness probe failed: service unhealthy (responded with "NOT_SERVING")']);
    expect(h.state()).toEqual({ started: true, ready: true, live: false });
  });

  it("stops liveness probing once the pod is being deleted, and keeps readiness", async () => {
    const h = harness(() => ({ exitCode: 1 }));
    const spec = { livenessProbe: execProbe({ periodSeconds: 1, failureThreshold: 2 }), readinessProbe: { exec: { command: ["ready"] }, periodSeconds: 1 } };
    h.run(makePod(spec));
    await h.advance(0);
    h.run(makePod(spec, true));
    await h.advance(3000);
    expect(h.state()?.live).toBe(true);
    expect(h.exec.calls.slice(2).every((call) => call.command[0] === "ready")).toBe(true);
  });

  it("sees a changed pod IP at the next check", async () => {
    const h = harness();
    const pod = makePod({ readinessProbe: { tcpSocket: { port: 80 }, periodSeconds: 1 } });
    h.run(pod);
    await h.advance(0);
    h.probes.update(pod, [{ name: "web", containerId: "c1", startedAt: new Date(0) }], "10.42.0.9");
    await h.advance(1000);
    expect(h.tcpCalls).toEqual(["10.42.0.5:80", "10.42.0.9:80"]);
  });

  it("probes the newest of two running containers of one name, and does not start over at each sync", async () => {
    const h = harness(() => ({ exitCode: 0 }));
    const pod = makePod({ readinessProbe: execProbe({ periodSeconds: 1 }) });
    const both = () => [
      { name: "web", containerId: "old", startedAt: new Date(h.clock.now() - 60_000) },
      { name: "web", containerId: "new", startedAt: new Date(h.clock.now() - 1000) },
    ];
    h.probes.update(pod, both(), POD_IP);
    await h.advance(0);
    expect(h.state()?.ready).toBe(true);
    h.probes.update(pod, both(), POD_IP);
    expect(h.state()?.ready).toBe(true);
    expect(new Set(h.exec.calls.map((call) => call.containerId))).toEqual(new Set(["new"]));
  });

  it("forgets a pod: no timers left, no state, no more checks", async () => {
    const h = harness();
    h.run(makePod({ readinessProbe: execProbe({ periodSeconds: 1 }), livenessProbe: execProbe({ periodSeconds: 1 }) }));
    await h.advance(0);
    h.probes.forget(UID);
    expect(h.state()).toBeUndefined();
    expect(h.clock.pendingTimers()).toBe(0);
    const calls = h.exec.calls.length;
    await h.advance(3000);
    expect(h.exec.calls.length).toBe(calls);
  });

  it("ignores a check that ends after its container was replaced", async () => {
    const h = harness();
    h.exec.reply = (containerId) => (containerId === "c1" ? "hang" : { exitCode: 0 });
    const pod = makePod({ livenessProbe: execProbe({ failureThreshold: 1, timeoutSeconds: 30, periodSeconds: 60 }) });
    h.run(pod, "c1");
    await h.advance(0);
    h.run(pod, "c2");
    await h.advance(30_000);
    // c1's check timed out after c1 was replaced: its failure counts for nobody.
    expect(h.exec.calls.map((call) => call.containerId)).toEqual(["c1", "c2"]);
    expect(h.events.lines()).toEqual(['Unhealthy: Liveness probe failed: command "cat /tmp/healthy" timed out']);
    expect(h.state()?.live).toBe(true);
    expect(h.changes).toEqual([]);
  });

  it("lets a listener unsubscribe", async () => {
    const h = harness();
    const seen: string[] = [];
    const off = h.probes.onChange((uid) => seen.push(uid));
    off();
    h.run(makePod({ readinessProbe: execProbe() }));
    await h.advance(0);
    expect(seen).toEqual([]);
    expect(h.changes).toEqual([UID]);
  });
});
