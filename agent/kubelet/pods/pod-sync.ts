import type { Pod } from "../../../src/api/core/v1/pod.js";
import type { EventRecorder } from "../../../src/client/events/event-recorder.js";
import type { Clock } from "../../../src/clock.js";
import type { Logger } from "../../../src/log.js";
import type { ContainerRuntime, SandboxStatus } from "../../runtime/container-runtime.js";
import { VolumeSetupError, type ContainerProbes, type PodResources } from "../pod-dependencies.js";
import { generatePodStatus } from "../status/pod-status.js";
import { isTerminalPhase } from "../status/pod-phase.js";
import type { StatusManager } from "../status/status-manager.js";
import { gracePeriodOf, type ContainerKiller, type KillRequest } from "./container-killer.js";
import { podIPOf, type ContainerStarter } from "./container-starter.js";
import { computePodActions } from "./pod-actions.js";
import { PodEvents } from "./pod-events.js";
import { containerInstances, latestSandbox, podRuntimeState, type PodRuntimeState } from "./pod-runtime-state.js";
import { sandboxConfig, type SandboxSettings } from "./sandbox-config.js";
import type { WaitingReason } from "./waiting-reason.js";

export interface PodSyncDeps {
  runtime: ContainerRuntime;
  resources: PodResources;
  probes: ContainerProbes;
  recorder: EventRecorder;
  starter: ContainerStarter;
  killer: ContainerKiller;
  statuses: StatusManager;
  clock: Clock;
  log: Logger;
  hostIP: string;
  sandbox: SandboxSettings;
  runtimeName: string;
  retryIntervalMs: number;
}

/** When the pod should be synced again although nothing changes (a back-off ends, a retry is due). */
export interface SyncOutcome {
  retryAfterMs?: number;
}

/** Dead instances kept per container: the newest, for its lastState and `logs --previous`. */
const DEAD_INSTANCES_KEPT = 1;

/**
 * One sync of a pod that should run (the kubelet's SyncPod): volumes, then
 * the actions of computePodActions (sandbox, kills, init containers or
 * containers to start), then the pod's status. A pod whose phase is final
 * gets its remaining containers stopped and nothing started.
 */
export class PodSyncer {
  /** Seen on the engine since the last failed sandbox start: each new pod need not ask again. */
  private pauseImagePresent = false;

  constructor(private readonly deps: PodSyncDeps) {}

  async sync(pod: Pod, initial: PodRuntimeState): Promise<SyncOutcome> {
    const { deps } = this;
    const uid = pod.metadata.uid ?? "";
    const events = new PodEvents(deps.recorder, pod);
    const waiting = new Map<string, WaitingReason>();
    const outcome: SyncOutcome = {};
    const retryAfter = (ms: number): void => {
      outcome.retryAfterMs = Math.min(outcome.retryAfterMs ?? Infinity, ms);
    };

    if (isTerminalPhase(this.status(pod, initial, waiting).phase)) {
      // A finished pod: what still runs is stopped; the containers stay for their logs until the pod is deleted.
      await this.killPod(pod, initial, events);
      this.report(pod, await podRuntimeState(deps.runtime, uid), waiting);
      return outcome;
    }

    try {
      await deps.resources.prepare(pod);
    } catch (error) {
      if (!(error instanceof VolumeSetupError)) throw error;
      events.forPod("Warning", "FailedMount", error.message);
      this.report(pod, initial, waiting);
      retryAfter(deps.retryIntervalMs);
      return outcome;
    }

    const actions = computePodActions(pod, initial, (name) => deps.probes.state(uid, name));
    const grace = gracePeriodOf(pod);
    if (actions.killPod) {
      if (actions.createSandbox) events.forPod("Normal", "SandboxChanged", "Pod sandbox changed, it will be killed and re-created.");
      await this.killPod(pod, initial, events);
    }
    await deps.killer.killAll(pod, actions.containersToKill.map((k) => ({ ...k, gracePeriodSeconds: grace })), events);

    let sandbox = actions.sandbox;
    if (actions.createSandbox) sandbox = await this.createSandbox(pod, actions.attempt, events);
    let state = await podRuntimeState(deps.runtime, uid);
    if (sandbox && !actions.initFailed) {
      const target = { pod, sandbox, sandboxConfig: sandboxConfig(pod, sandbox.attempt, deps.sandbox), state, events };
      for (const container of actions.nextInit ? [actions.nextInit] : actions.containersToStart) {
        const started = await deps.starter.start(container, target);
        if ("waiting" in started) {
          waiting.set(container.name, started.waiting);
          retryAfter(started.retryAfterMs);
        }
      }
      state = await podRuntimeState(deps.runtime, uid);
      if (await this.removeDeadInstances(state)) state = await podRuntimeState(deps.runtime, uid);
    }
    this.report(pod, state, waiting);
    return outcome;
  }

  private status(pod: Pod, state: PodRuntimeState, waiting: ReadonlyMap<string, WaitingReason>) {
    const uid = pod.metadata.uid ?? "";
    return generatePodStatus({
      pod,
      state,
      waiting,
      probe: (name) => this.deps.probes.state(uid, name),
      runtimeName: this.deps.runtimeName,
      hostIP: this.deps.hostIP,
      now: this.deps.clock.now(),
      previous: this.deps.statuses.status(uid) ?? pod.status,
    });
  }

  /** Tells the probes what runs now, then sets the pod's status from it. */
  private report(pod: Pod, state: PodRuntimeState, waiting: ReadonlyMap<string, WaitingReason>): void {
    const sandbox = latestSandbox(state);
    const running = state.containers
      .filter((c) => c.state === "running")
      .map((c) => ({ name: c.name, containerId: c.id, startedAt: c.startedAt ?? c.createdAt }));
    this.deps.probes.update(pod, running, sandbox?.state === "ready" ? podIPOf(pod, sandbox, this.deps.hostIP) : undefined);
    this.deps.statuses.set(pod, this.status(pod, state, waiting));
  }

  private async createSandbox(pod: Pod, attempt: number, events: PodEvents): Promise<SandboxStatus> {
    const { runtime, sandbox: settings } = this.deps;
    const config = sandboxConfig(pod, attempt, settings);
    try {
      if (!this.pauseImagePresent) {
        if (!(await runtime.imageStatus(settings.pauseImage))) await runtime.pullImage(settings.pauseImage, []);
        this.pauseImagePresent = true;
      }
      let id: string;
      try {
        id = await runtime.runPodSandbox(config);
      } catch (error) {
        // Perhaps the pause image was removed since it was last seen: the next attempt looks again.
        this.pauseImagePresent = false;
        throw error;
      }
      const created = (await runtime.listPodSandboxes({ podUid: config.pod.uid })).find((s) => s.id === id);
      if (!created) throw new Error(`sandbox ${id} vanished right after it was made`);
      return created;
    } catch (error) {
      events.forPod("Warning", "FailedCreatePodSandBox", `Failed to create pod sandbox: ${error instanceof Error ? error.message : String(error)}`);
      throw error;
    }
  }

  /** Stops every container and sandbox of the pod (its sandbox died or is replaced). */
  private async killPod(pod: Pod, state: PodRuntimeState, events: PodEvents): Promise<void> {
    await this.deps.killer.killAll(pod, this.killRequests(pod, state), events);
    for (const sandbox of state.sandboxes) if (sandbox.state === "ready") await this.deps.runtime.stopPodSandbox(sandbox.id);
  }

  killRequests(pod: Pod, state: PodRuntimeState): KillRequest[] {
    const specs = [...(pod.spec.initContainers ?? []), ...pod.spec.containers];
    const grace = gracePeriodOf(pod);
    return state.containers
      .filter((c) => c.state === "running")
      .map((container) => {
        const spec = specs.find((s) => s.name === container.name);
        return { container, ...(spec ? { spec } : {}), message: `Stopping container ${container.name}`, gracePeriodSeconds: grace };
      });
  }

  /** Removes old exited instances of each container and old sandboxes left empty, as the kubelet's container GC; true if it removed any. */
  private async removeDeadInstances(state: PodRuntimeState): Promise<boolean> {
    const { runtime } = this.deps;
    const names = new Set(state.containers.map((c) => c.name));
    const removed = new Set<string>();
    for (const name of names) {
      const dead = containerInstances(state, name).filter((c, i) => i > 0 && c.state === "exited");
      for (const container of dead.slice(DEAD_INSTANCES_KEPT)) {
        await runtime.removeContainer(container.id);
        removed.add(container.id);
      }
    }
    const current = latestSandbox(state);
    for (const sandbox of state.sandboxes) {
      if (sandbox.id === current?.id || sandbox.state === "ready") continue;
      if (state.containers.some((c) => c.sandboxId === sandbox.id && !removed.has(c.id))) continue;
      await runtime.removePodSandbox(sandbox.id);
      removed.add(sandbox.id);
    }
    return removed.size > 0;
  }
}
