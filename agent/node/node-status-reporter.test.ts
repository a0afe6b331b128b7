import { describe, expect, it } from "vitest";
import { FakeClock } from "../../src/clock.js";
import type { EventRecorder } from "../../src/client/events/event-recorder.js";
import { createLogger } from "../../src/log.js";
import { RuntimeError, type RuntimeInfo } from "../runtime/container-runtime.js";
import { NodeStatusReporter, type NodeFacts } from "./node-status-reporter.js";
import { FakeNodeApi } from "./testing/fake-node-api.js";

const log = createLogger("silent");
const start = Date.UTC(2026, 10, 23, 12, 0, 0);

/** A runtime whose ping succeeds while `up`. */
function switchableRuntime(): RuntimeInfo & { up: boolean } {
  const runtime = {
    up: true,
    version: async () => ({ name: "docker", version: "26.1.5" }),
    ping: async () => {
      if (!runtime.up) throw new RuntimeError("docker ping", "connect ENOENT /var/run/docker.sock");
    },
  };
  return runtime;
}

const facts = (runtimeVersion: string): NodeFacts => ({
  capacity: { cpu: "4", memory: "8038604Ki", pods: "110" },
  addresses: [{ type: "InternalIP", address: "192.0.2.2" }],
  nodeInfo: {
    machineID: "m",
    systemUUID: "",
    bootID: "b",
    kernelVersion: "6.1.0",
    osImage: "Debian",
    containerRuntimeVersion: runtimeVersion,
    kubeletVersion: "v0.1.0",
    kubeProxyVersion: "",
    operatingSystem: "linux",
    architecture: "amd64",
  },
});

interface PatchedStatus {
  status: { conditions: Array<{ type: string; status: string; reason: string; message: string; lastHeartbeatTime: string; lastTransitionTime: string }>; nodeInfo: { containerRuntimeVersion: string }; allocatable: unknown };
}

function setup() {
  const api = new FakeNodeApi();
  api.objects.set("nodes/pi-1", { apiVersion: "v1", kind: "Node", metadata: { name: "pi-1", resourceVersion: "1" } });
  const clock = new FakeClock(start);
  const runtime = switchableRuntime();
  const events: string[] = [];
  const recorder: EventRecorder = { event: (_ref, type, reason, message) => void events.push(`${type} ${reason} ${message}`) };
  const reporter = new NodeStatusReporter({ client: api, nodeName: "pi-1", runtime, readFacts: async (v) => facts(v), clock, log, recorder });
  const patches = (): PatchedStatus[] => api.callsOf("nodes").filter((call) => call.verb === "patch").map((call) => call.body as PatchedStatus);
  return { api, clock, runtime, events, reporter, patches };
}

const ready = (patch: PatchedStatus | undefined) => patch?.status.conditions.find((c) => c.type === "Ready");

describe("NodeStatusReporter", () => {
  it("writes the whole status with Ready True and no pressure while the runtime answers", async () => {
    const { reporter, patches, events } = setup();
    await reporter.check();
    const [first] = patches();
    expect(first?.status.conditions.map((c) => [c.type, c.status, c.reason])).toEqual([
      ["MemoryPressure", "False", "KubeletHasSufficientMemory"],
      ["DiskPressure", "False", "KubeletHasNoDiskPressure"],
      ["PIDPressure", "False", "KubeletHasSufficientPID"],
      ["Ready", "True", "KubeletReady"],
    ]);
    expect(ready(first)).toMatchObject({ lastHeartbeatTime: "2026-11-23T12:00:00Z", lastTransitionTime: "2026-11-23T12:00:00Z" });
    expect(first?.status.nodeInfo.containerRuntimeVersion).toBe("docker://26.1.5");
    expect(first?.status.allocatable).toEqual({ cpu: "4", memory: "8038604Ki", pods: "110" });
    expect(events).toEqual(["Normal NodeReady Node pi-1 status is now: NodeReady"]);
  });

  it("writes nothing while nothing changes, then a heartbeat after five minutes keeping the transition time", async () => {
    const { reporter, patches, clock } = setup();
    await reporter.check();
    for (let i = 0; i < 29; i++) {
      clock.advance(10_000);
      await reporter.check();
    }
    expect(patches()).toHaveLength(1);
    clock.advance(10_000);
    await reporter.check();
    expect(patches()).toHaveLength(2);
    expect(ready(patches()[1])).toMatchObject({ lastHeartbeatTime: "2026-11-23T12:05:00Z", lastTransitionTime: "2026-11-23T12:00:00Z" });
  });

  it("turns NotReady at the first check the runtime does not answer, and Ready again when it does", async () => {
    const { reporter, patches, clock, runtime, events } = setup();
    await reporter.check();
    runtime.up = false;
    clock.advance(10_000);
    await reporter.check();
    expect(ready(patches()[1])).toMatchObject({
      status: "False",
      reason: "KubeletNotReady",
      message: "container runtime is down",
      lastTransitionTime: "2026-11-23T12:00:10Z",
    });
    runtime.up = true;
    clock.advance(10_000);
    await reporter.check();
    expect(ready(patches()[2])).toMatchObject({ status: "True", lastTransitionTime: "2026-11-23T12:00:20Z" });
    expect(events.map((e) => e.split(" ")[1])).toEqual(["NodeReady", "NodeNotReady", "NodeReady"]);
  });

  it("keeps the transition times of the Node it adopted, and tries a failed write again at the next check", async () => {
    const { reporter, patches, clock, api, events } = setup();
    reporter.seed([{ type: "Ready", status: "True", lastTransitionTime: "2026-11-01T00:00:00Z" }]);
    api.failures = 1;
    await reporter.check();
    expect(patches()).toHaveLength(1);
    clock.advance(10_000);
    await reporter.check();
    expect(patches()).toHaveLength(2);
    expect(ready(patches()[1])).toMatchObject({ status: "True", lastTransitionTime: "2026-11-01T00:00:00Z" });
    expect(events).toEqual([]);
  });

  it("writes again when the host's facts change (a new address)", async () => {
    const api = new FakeNodeApi();
    api.objects.set("nodes/pi-1", { apiVersion: "v1", kind: "Node", metadata: { name: "pi-1", resourceVersion: "1" } });
    let address = "192.0.2.2";
    const reporter = new NodeStatusReporter({
      client: api,
      nodeName: "pi-1",
      runtime: switchableRuntime(),
      readFacts: async (v) => ({ ...facts(v), addresses: [{ type: "InternalIP", address }] }),
      clock: new FakeClock(start),
      log,
    });
    await reporter.check();
    await reporter.check();
    address = "192.0.2.3";
    await reporter.check();
    expect(api.callsOf("nodes").filter((call) => call.verb === "patch")).toHaveLength(2);
  });
});
