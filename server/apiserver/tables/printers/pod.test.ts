import { describe, expect, it } from "vitest";
import { podPrinter } from "./pod.js";

const now = Date.parse("2024-05-01T12:00:00Z");
const ago = (ms: number): string => new Date(now - ms).toISOString();
const MINUTE = 60_000;

const running = { running: { startedAt: ago(4 * MINUTE) } };
const waiting = (reason: string) => ({ waiting: { reason } });
const terminated = (fields: Record<string, unknown>) => ({ terminated: { finishedAt: ago(MINUTE), ...fields } });

interface PodOptions {
  phase?: string;
  reason?: string;
  containers?: string[];
  initContainers?: Array<{ name: string; restartPolicy?: string }>;
  containerStatuses?: unknown[];
  initContainerStatuses?: unknown[];
  conditions?: unknown[];
  deletionTimestamp?: string;
  readinessGates?: string[];
}

/** A pod as the apiserver stores it, created five minutes before `now`, on node-a with IP 10.42.0.5. */
function pod(options: PodOptions = {}): unknown {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      name: "web",
      namespace: "default",
      creationTimestamp: ago(5 * MINUTE),
      ...(options.deletionTimestamp ? { deletionTimestamp: options.deletionTimestamp } : {}),
    },
    spec: {
      nodeName: "node-a",
      containers: (options.containers ?? ["app"]).map((name) => ({ name, image: `${name}:1` })),
      ...(options.initContainers ? { initContainers: options.initContainers.map((c) => ({ image: "init:1", ...c })) } : {}),
      ...(options.readinessGates ? { readinessGates: options.readinessGates.map((conditionType) => ({ conditionType })) } : {}),
    },
    status: {
      phase: options.phase ?? "Running",
      ...(options.reason ? { reason: options.reason } : {}),
      podIP: "10.42.0.5",
      podIPs: [{ ip: "10.42.0.5" }],
      conditions: options.conditions ?? [],
      containerStatuses: options.containerStatuses ?? [],
      ...(options.initContainerStatuses ? { initContainerStatuses: options.initContainerStatuses } : {}),
    },
  };
}

function status(name: string, state: unknown, extra: Record<string, unknown> = {}): unknown {
  return { name, state, ready: false, restartCount: 0, image: `${name}:1`, ...extra };
}

/** NAME READY STATUS RESTARTS AGE */
const shortRow = (object: unknown) => podPrinter.cells(object, now).slice(0, 5);

describe("pod columns", () => {
  it("are NAME READY STATUS RESTARTS AGE, then IP NODE NOMINATED NODE READINESS GATES with -o wide", () => {
    expect(podPrinter.columns.map((c) => [c.name, c.priority])).toEqual([
      ["Name", 0],
      ["Ready", 0],
      ["Status", 0],
      ["Restarts", 0],
      ["Age", 0],
      ["IP", 1],
      ["Node", 1],
      ["Nominated Node", 1],
      ["Readiness Gates", 1],
    ]);
    expect(podPrinter.columns[0]?.format).toBe("name");
  });
});

describe("pod rows", () => {
  it("a running pod with all containers ready", () => {
    const object = pod({
      containers: ["app", "log"],
      containerStatuses: [status("app", running, { ready: true }), status("log", running, { ready: true })],
      conditions: [{ type: "Ready", status: "True" }],
    });
    expect(podPrinter.cells(object, now)).toEqual(["web", "2/2", "Running", "0", "5m", "10.42.0.5", "node-a", "<none>", "<none>"]);
  });

  it("a pod that is not yet scheduled", () => {
    const object = {
      metadata: { name: "web", creationTimestamp: ago(3000) },
      spec: { containers: [{ name: "app", image: "app:1" }] },
      status: { phase: "Pending" },
    };
    expect(podPrinter.cells(object, now)).toEqual(["web", "0/1", "Pending", "0", "3s", "<none>", "<none>", "<none>", "<none>"]);
  });

  it.each(["ContainerCreating", "ImagePullBackOff", "ErrImagePull", "CrashLoopBackOff"])("a waiting container shows %s", (reason) => {
    const object = pod({ phase: "Pending", containerStatuses: [status("app", waiting(reason))] });
    expect(shortRow(object)).toEqual(["web", "0/1", reason, "0", "5m"]);
  });

  it("restarts with the time since the last container finished", () => {
    const object = pod({
      containers: ["app", "log"],
      containerStatuses: [
        status("app", waiting("CrashLoopBackOff"), {
          restartCount: 4,
          lastState: terminated({ exitCode: 1, reason: "Error", finishedAt: ago(5 * MINUTE + 10_000) }),
        }),
        status("log", running, { ready: true, restartCount: 1, lastState: terminated({ exitCode: 2, finishedAt: ago(2 * MINUTE) }) }),
      ],
    });
    expect(shortRow(object)).toEqual(["web", "1/2", "CrashLoopBackOff", "5 (2m ago)", "5m"]);
  });

  it("restarts without a recorded termination are a bare count", () => {
    const object = pod({ containerStatuses: [status("app", running, { ready: true, restartCount: 3 })] });
    expect(shortRow(object)[3]).toBe("3");
  });

  it("the first container's state wins over the others'", () => {
    const object = pod({
      containers: ["app", "log"],
      containerStatuses: [status("app", waiting("ImagePullBackOff")), status("log", waiting("CrashLoopBackOff"))],
    });
    expect(shortRow(object)[2]).toBe("ImagePullBackOff");
  });

  it("a terminated container without a reason shows its signal or exit code", () => {
    expect(shortRow(pod({ containerStatuses: [status("app", terminated({ signal: 9, exitCode: 137 }))] }))[2]).toBe("Signal:9");
    expect(shortRow(pod({ containerStatuses: [status("app", terminated({ exitCode: 3 }))] }))[2]).toBe("ExitCode:3");
  });

  describe("init containers", () => {
    const inits = [{ name: "migrate" }, { name: "seed" }];
    const initializing = { phase: "Pending", initContainers: inits, containerStatuses: [status("app", waiting("PodInitializing"))] };

    it("Init:0/2 while the first one runs", () => {
      const object = pod({ ...initializing, initContainerStatuses: [status("migrate", running), status("seed", waiting("PodInitializing"))] });
      expect(shortRow(object)).toEqual(["web", "0/1", "Init:0/2", "0", "5m"]);
    });

    it("Init:1/2 once the first one succeeded", () => {
      const object = pod({
        ...initializing,
        initContainerStatuses: [status("migrate", terminated({ exitCode: 0, reason: "Completed" })), status("seed", running)],
      });
      expect(shortRow(object)[2]).toBe("Init:1/2");
    });

    it("Init:<reason> for a waiting init container, with its restarts", () => {
      const object = pod({
        ...initializing,
        initContainerStatuses: [
          status("migrate", waiting("CrashLoopBackOff"), {
            restartCount: 3,
            lastState: terminated({ exitCode: 1, reason: "Error", finishedAt: ago(30_000) }),
          }),
          status("seed", waiting("PodInitializing")),
        ],
      });
      expect(shortRow(object)).toEqual(["web", "0/1", "Init:CrashLoopBackOff", "3 (30s ago)", "5m"]);
    });

    it("Init:<reason>, Init:Signal:N or Init:ExitCode:N for a failed init container", () => {
      const failed = (state: unknown) =>
        shortRow(pod({ ...initializing, initContainerStatuses: [status("migrate", state), status("seed", waiting("PodInitializing"))] }))[2];
      expect(failed(terminated({ exitCode: 1, reason: "Error" }))).toBe("Init:Error");
      expect(failed(terminated({ exitCode: 137, signal: 9 }))).toBe("Init:Signal:9");
      expect(failed(terminated({ exitCode: 3 }))).toBe("Init:ExitCode:3");
    });

    it("a started sidecar counts as a container and does not hold up initialization", () => {
      const object = pod({
        initContainers: [{ name: "proxy", restartPolicy: "Always" }],
        initContainerStatuses: [status("proxy", running, { started: true, ready: true, restartCount: 1 })],
        containerStatuses: [status("app", running, { ready: true })],
        conditions: [{ type: "Initialized", status: "True" }],
      });
      expect(shortRow(object)).toEqual(["web", "2/2", "Running", "1", "5m"]);
    });
  });

  it("Completed when every container finished successfully, with a Completed row condition", () => {
    const object = pod({ phase: "Succeeded", containerStatuses: [status("app", terminated({ exitCode: 0, reason: "Completed" }))] });
    expect(shortRow(object)).toEqual(["web", "0/1", "Completed", "0", "5m"]);
    expect(podPrinter.conditions?.(object)).toEqual([
      { type: "Completed", status: "True", reason: "Succeeded", message: "The pod has completed successfully." },
    ]);
  });

  it("a failed pod carries the Completed condition with reason Failed; running pods none", () => {
    expect(podPrinter.conditions?.(pod({ phase: "Failed" }))?.[0]?.reason).toBe("Failed");
    expect(podPrinter.conditions?.(pod())).toBeUndefined();
  });

  it("NotReady or Running when one container completed and another still runs", () => {
    const statuses = [status("app", terminated({ exitCode: 0, reason: "Completed" })), status("log", running, { ready: true })];
    expect(shortRow(pod({ containers: ["app", "log"], containerStatuses: statuses }))[2]).toBe("NotReady");
    const ready = pod({ containers: ["app", "log"], containerStatuses: statuses, conditions: [{ type: "Ready", status: "True" }] });
    expect(shortRow(ready)[2]).toBe("Running");
  });

  it("Terminating once deletion started, unless the pod already finished", () => {
    const deleting = { deletionTimestamp: ago(10_000) };
    expect(shortRow(pod({ ...deleting, containerStatuses: [status("app", running, { ready: true })] }))[2]).toBe("Terminating");
    const done = pod({ ...deleting, phase: "Succeeded", containerStatuses: [status("app", terminated({ exitCode: 0, reason: "Completed" }))] });
    expect(shortRow(done)[2]).toBe("Completed");
  });

  it("Unknown when its node was lost and the pod is being deleted", () => {
    const object = pod({ reason: "NodeLost", deletionTimestamp: ago(10_000), containerStatuses: [status("app", running, { ready: true })] });
    expect(shortRow(object)[2]).toBe("Unknown");
  });

  it("the pod's own reason when no container state overrides it (Evicted)", () => {
    expect(shortRow(pod({ phase: "Failed", reason: "Evicted" }))[2]).toBe("Evicted");
  });

  it("SchedulingGated from the PodScheduled condition", () => {
    const object = pod({ phase: "Pending", conditions: [{ type: "PodScheduled", status: "False", reason: "SchedulingGated" }] });
    expect(shortRow(object)[2]).toBe("SchedulingGated");
  });

  it("readiness gates as passed/total", () => {
    const object = pod({
      readinessGates: ["example.com/lb", "example.com/dns"],
      conditions: [
        { type: "example.com/lb", status: "True" },
        { type: "example.com/dns", status: "False" },
      ],
    });
    expect(podPrinter.cells(object, now)[8]).toBe("1/2");
  });

  it("prints an empty object without failing", () => {
    expect(podPrinter.cells({}, now)).toEqual(["", "0/0", "", "0", "<unknown>", "<none>", "<none>", "<none>", "<none>"]);
    expect(podPrinter.cells({ status: { containerStatuses: "nonsense" }, spec: null }, now)[1]).toBe("0/0");
  });
});
