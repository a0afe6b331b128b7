import type { Container } from "../../../../src/api/core/v1/container.js";
import type { Pod } from "../../../../src/api/core/v1/pod.js";
import type { PodSpec } from "../../../../src/api/core/v1/pod-spec.js";
import type { ContainerStatus as ApiContainerStatus, PodStatus } from "../../../../src/api/core/v1/pod-status.js";
import { FakeClock } from "../../../../src/clock.js";
import { createLogger } from "../../../../src/log.js";
import type { ContainerStatus } from "../../../runtime/container-runtime.js";
import { FakeRuntime } from "../../../runtime/fake/fake-runtime.js";
import { PodWorkers } from "../pod-workers.js";
import { FakeHooks, FakePodSource, FakeProbes, FakeResources, FakeStatusWriter, RecordingEvents } from "./fakes.js";

export const PAUSE = "skiff-test/pause:1";
export const BUSYBOX = "skiff-test/busybox:1";

/** Everything a pod-workers test drives: fakes, a fake clock, and the workers over them. */
export interface Harness {
  clock: FakeClock;
  runtime: FakeRuntime;
  pods: FakePodSource;
  resources: FakeResources;
  probes: FakeProbes;
  recorder: RecordingEvents;
  hooks: FakeHooks;
  writer: FakeStatusWriter;
  workers: PodWorkers;
  /** A new PodWorkers over the same runtime and fakes, as after an agent restart. */
  restartAgent(): void;
  sync(pod: Pod): Promise<void>;
  /** Syncs while moving the clock on in steps, for syncs that wait (grace periods). */
  syncAdvancing(pod: Pod, stepMs: number): Promise<void>;
  status(pod: Pod): PodStatus;
  containerStatus(pod: Pod, name: string): ApiContainerStatus;
  containers(pod: Pod, name?: string): Promise<ContainerStatus[]>;
}

export function harness(): Harness {
  const clock = new FakeClock(Date.parse("2026-01-01T00:00:00Z"));
  const runtime = new FakeRuntime({ clock, podCidr: "10.42.7.0/24" });
  runtime.images.addLocal(PAUSE);
  runtime.images.addLocal(BUSYBOX);
  const pods = new FakePodSource();
  const resources = new FakeResources();
  const probes = new FakeProbes();
  const recorder = new RecordingEvents();
  const hooks = new FakeHooks();
  const writer = new FakeStatusWriter();
  const make = (): PodWorkers =>
    new PodWorkers({
      runtime,
      resources,
      probes,
      recorder,
      hooks,
      pods,
      writer,
      clock,
      log: createLogger("silent"),
      nodeName: "pi-1",
      hostIP: "192.168.1.10",
      sandbox: { pauseImage: PAUSE, clusterDns: { servers: ["10.43.0.10"], domain: "cluster.local" } },
      runtimeName: "docker",
    });
  const h: Harness = {
    clock,
    runtime,
    pods,
    resources,
    probes,
    recorder,
    hooks,
    writer,
    workers: make(),
    restartAgent() {
      h.workers = make();
    },
    async sync(pod) {
      await h.workers.sync(pod.metadata.uid ?? "");
    },
    async syncAdvancing(pod, stepMs) {
      let done = false;
      const syncing = h.workers.sync(pod.metadata.uid ?? "").finally(() => (done = true));
      while (!done) {
        await flush();
        if (!done) clock.advance(stepMs);
      }
      await syncing;
    },
    status(pod) {
      const status = h.workers.statuses.status(pod.metadata.uid ?? "");
      if (!status) throw new Error(`no status for ${pod.metadata.name}`);
      return status;
    },
    containerStatus(pod, name) {
      const status = h.status(pod);
      const found = [...(status.initContainerStatuses ?? []), ...(status.containerStatuses ?? [])].find((s) => s.name === name);
      if (!found) throw new Error(`no status for container ${name}`);
      return found;
    },
    async containers(pod, name) {
      const all = await runtime.listContainers({ podUid: pod.metadata.uid ?? "" });
      return all.filter((c) => name === undefined || c.name === name).sort((a, b) => a.attempt - b.attempt);
    },
  };
  return h;
}

let uidCounter = 0;

/** A pod bound to pi-1, with busybox containers unless the spec says otherwise. */
export function podOf(name: string, spec: Partial<PodSpec> = {}): Pod {
  uidCounter++;
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name, namespace: "default", uid: `uid-${name}-${uidCounter}`, creationTimestamp: "2026-01-01T00:00:00Z" },
    spec: { nodeName: "pi-1", containers: [container("main")], ...spec },
  };
}

export function container(name: string, extra: Partial<Container> = {}): Container {
  return { name, image: BUSYBOX, imagePullPolicy: "IfNotPresent", ...extra };
}

/** Lets promise callbacks run (fake-clock timers resolve promises later, as microtasks). */
export async function flush(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
}
