import type { Container } from "../../../src/api/core/v1/container.js";
import type { Pod } from "../../../src/api/core/v1/pod.js";
import { realClock, type Clock } from "../../../src/clock.js";
import type { EventRecorder } from "../../../src/client/events/event-recorder.js";
import { createLogger, type Logger } from "../../../src/log.js";
import type { ContainerRuntime } from "../../runtime/container-runtime.js";
import { grpcHealthCheck as realGrpcHealthCheck, type GrpcHealthChecker } from "../actions/grpc-health-check.js";
import { httpGet as realHttpGet, type HttpGetter } from "../actions/http-get.js";
import { tcpDial as realTcpDial, type TcpDialer } from "../actions/tcp-dial.js";
import type { ContainerProbes, ProbeState, RunningContainer } from "../pod-dependencies.js";
import { ContainerProber } from "./container-prober.js";
import { Prober } from "./prober.js";

export interface ProbeManagerOptions {
  /** Runs exec probes. */
  runtime: Pick<ContainerRuntime, "exec">;
  /** Where `Unhealthy` and `ProbeWarning` events go. */
  events: EventRecorder;
  clock?: Clock;
  /** The network, replaced in unit tests. */
  httpGet?: HttpGetter;
  tcpDial?: TcpDialer;
  grpcHealthCheck?: GrpcHealthChecker;
  log?: Logger;
}

/**
 * `ContainerProbes` for the pod workers: a `ContainerProber` per running
 * container (by pod uid and container name), replaced when the container id
 * changes, so a restarted container starts over (not started, not ready,
 * initialDelaySeconds again).
 *
 * @example
 * const probes = new ProbeManager({ runtime, events });
 * probes.onChange((podUid) => queue.add(podUid));
 * probes.update(pod, [{ name: "web", containerId, startedAt }], "10.42.0.5");
 * probes.state(pod.metadata.uid, "web"); // { started: true, ready: false, live: true }
 */
export class ProbeManager implements ContainerProbes {
  private readonly pods = new Map<string, Map<string, ContainerProber>>();
  private readonly listeners = new Set<(podUid: string) => void>();
  private readonly clock: Clock;
  private readonly prober: Prober;
  private readonly log: Logger;

  constructor(options: ProbeManagerOptions) {
    this.clock = options.clock ?? realClock;
    this.log = options.log ?? createLogger().child({ component: "probes" });
    this.prober = new Prober(
      {
        runtime: options.runtime,
        httpGet: options.httpGet ?? realHttpGet,
        tcpDial: options.tcpDial ?? realTcpDial,
        grpcHealthCheck: options.grpcHealthCheck ?? realGrpcHealthCheck,
        clock: this.clock,
      },
      options.events,
      this.log,
    );
  }

  update(pod: Pod, running: RunningContainer[], podIP: string | undefined): void {
    const podUid = pod.metadata.uid ?? "";
    const containers = this.pods.get(podUid) ?? new Map<string, ContainerProber>();
    const seen = new Set<string>();
    for (const { name, containerId, startedAt } of newestByName(running)) {
      const container = findContainer(pod, name);
      if (!container) continue;
      seen.add(name);
      const existing = containers.get(name);
      if (existing?.containerId === containerId) {
        existing.update(pod, podIP);
        continue;
      }
      existing?.stop();
      const prober = new ContainerProber({
        target: { pod, container, containerId, podIP },
        startedAt,
        clock: this.clock,
        prober: this.prober,
        onChange: () => this.changed(podUid),
      });
      containers.set(name, prober);
      prober.start();
    }
    for (const [name, prober] of containers) {
      if (seen.has(name)) continue;
      prober.stop();
      containers.delete(name);
    }
    if (containers.size > 0) this.pods.set(podUid, containers);
    else this.pods.delete(podUid);
  }

  forget(podUid: string): void {
    for (const prober of this.pods.get(podUid)?.values() ?? []) prober.stop();
    this.pods.delete(podUid);
  }

  state(podUid: string, containerName: string): ProbeState | undefined {
    return this.pods.get(podUid)?.get(containerName)?.state;
  }

  onChange(listener: (podUid: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Stops every probe (the agent is shutting down). */
  stop(): void {
    for (const podUid of [...this.pods.keys()]) this.forget(podUid);
  }

  private changed(podUid: string): void {
    for (const listener of this.listeners) {
      try {
        listener(podUid);
      } catch (error) {
        this.log.error({ err: error, podUid }, "probe change listener failed");
      }
    }
  }
}

/** One container per name: the one started last (an old one may still be stopping). */
function newestByName(running: RunningContainer[]): RunningContainer[] {
  const newest = new Map<string, RunningContainer>();
  for (const container of running) {
    const seen = newest.get(container.name);
    if (!seen || container.startedAt.getTime() > seen.startedAt.getTime()) newest.set(container.name, container);
  }
  return [...newest.values()];
}

/** A regular container, or an init container (restartable sidecars have probes too). */
function findContainer(pod: Pod, name: string): Container | undefined {
  return pod.spec.containers.find((c) => c.name === name) ?? pod.spec.initContainers?.find((c) => c.name === name);
}
