import type { Container } from "../../../src/api/core/v1/container.js";
import type { Pod } from "../../../src/api/core/v1/pod.js";
import type { Clock } from "../../../src/clock.js";
import type { Logger } from "../../../src/log.js";
import type { ContainerRuntime, SandboxConfig, SandboxStatus } from "../../runtime/container-runtime.js";
import { ContainerConfigError, type PodResources } from "../pod-dependencies.js";
import { BackOff } from "./back-off.js";
import { containerSpecHash } from "./container-hash.js";
import { gracePeriodOf, type ContainerKiller } from "./container-killer.js";
import type { ImagePuller } from "./image-puller.js";
import type { LifecycleHooks } from "../lifecycle/lifecycle-hooks.js";
import { podDescription, type PodEvents } from "./pod-events.js";
import { latestContainer, nextAttempt, type PodRuntimeState } from "./pod-runtime-state.js";
import type { Attempt } from "./waiting-reason.js";

/** Crash-loop back-off: 10 s doubling to 5 min, reset once a container ran 10 minutes. */
const CRASH_BACKOFF_INITIAL_MS = 10_000;
const CRASH_BACKOFF_MAX_MS = 300_000;

export interface ContainerStarterDeps {
  runtime: ContainerRuntime;
  resources: PodResources;
  hooks: LifecycleHooks;
  images: ImagePuller;
  killer: ContainerKiller;
  clock: Clock;
  log: Logger;
  nodeName: string;
  hostIP: string;
  /** When to look again at a container whose config or creation failed. */
  retryIntervalMs: number;
}

/** Where a container goes: the pod, its sandbox, and the runtime's view of the pod. */
export interface StartTarget {
  pod: Pod;
  sandbox: SandboxStatus;
  sandboxConfig: SandboxConfig;
  state: PodRuntimeState;
  events: PodEvents;
}

/**
 * Starts one container as the kubelet's startContainer: crash-loop back-off
 * first, then the image, the config, create, start and the postStart hook.
 * Each step that fails leaves the container waiting with the kubelet's
 * reason (CrashLoopBackOff, ErrImagePull, ImagePullBackOff,
 * CreateContainerConfigError, ...) and a time to try again.
 */
export class ContainerStarter {
  private readonly crashBackOff: BackOff;

  constructor(private readonly deps: ContainerStarterDeps) {
    this.crashBackOff = new BackOff(deps.clock, CRASH_BACKOFF_INITIAL_MS, CRASH_BACKOFF_MAX_MS);
  }

  async start(container: Container, target: StartTarget): Promise<Attempt<string>> {
    const { pod, sandbox, state, events } = target;
    const { runtime, resources, clock, log, retryIntervalMs } = this.deps;
    const specHash = containerSpecHash(container);

    const backOff = this.checkBackOff(container, specHash, target);
    if (backOff) return backOff;

    const image = await this.deps.images.ensure(pod, container, resources.pullAuths(pod), events);
    if ("waiting" in image) return image;

    const attempt = nextAttempt(state, container.name);
    let containerId: string;
    try {
      const context = { attempt, nodeName: this.deps.nodeName, hostIP: this.deps.hostIP, ...(podIPOf(pod, sandbox, this.deps.hostIP) ? { podIP: podIPOf(pod, sandbox, this.deps.hostIP) } : {}) };
      const config = { ...resources.containerConfig(pod, container, context), name: container.name, attempt, specHash, image: image.ok.image };
      containerId = await runtime.createContainer(sandbox.id, config, target.sandboxConfig);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const reason = error instanceof ContainerConfigError ? "CreateContainerConfigError" : "CreateContainerError";
      if (!(error instanceof ContainerConfigError)) log.warn({ err: error, pod: pod.metadata.name, container: container.name }, "create container failed");
      events.container(container.name, "Warning", "Failed", `Error: ${message}`);
      return { waiting: { reason, message }, retryAfterMs: retryIntervalMs };
    }
    events.container(container.name, "Normal", "Created", `Created container ${container.name}`);
    try {
      await runtime.startContainer(containerId);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      log.warn({ err: error, pod: pod.metadata.name, container: container.name }, "start container failed");
      events.container(container.name, "Warning", "Failed", `Error: ${message}`);
      return { waiting: { reason: "RunContainerError", message }, retryAfterMs: retryIntervalMs };
    }
    events.container(container.name, "Normal", "Started", `Started container ${container.name}`);

    if (container.lifecycle?.postStart) {
      try {
        await this.deps.hooks.postStart(pod, container, containerId, podIPOf(pod, sandbox, this.deps.hostIP));
      } catch (error) {
        // The hook runner has recorded the FailedPostStartHook event; its message goes to the status only.
        const message = error instanceof Error ? error.message : String(error);
        const running = await runtime.containerStatus(containerId);
        await this.deps.killer.kill(pod, { container: running, spec: container, message: `FailedPostStartHook`, gracePeriodSeconds: gracePeriodOf(pod) }, events);
        return { waiting: { reason: "PostStartHookError", message }, retryAfterMs: retryIntervalMs };
      }
    }
    log.debug({ pod: pod.metadata.name, container: container.name, attempt, at: clock.now() }, "container started");
    return { ok: containerId };
  }

  /** Forgets a pod's back-offs once it is gone. */
  forget(podUid: string): void {
    this.crashBackOff.resetPrefix(`${podUid}/`);
  }

  /**
   * The kubelet's doBackOff: a container that exited less than its back-off
   * ago waits (CrashLoopBackOff); otherwise its back-off grows for next time
   * and it restarts now (so the first restart is immediate).
   */
  private checkBackOff(container: Container, specHash: string, { pod, state, events }: StartTarget): Attempt<string> | undefined {
    const dead = latestContainer(state, container.name);
    if (dead?.state !== "exited" || !dead.finishedAt) return undefined;
    const key = `${pod.metadata.uid ?? ""}/${container.name}/${specHash}`;
    const finished = dead.finishedAt.getTime();
    const waitMs = this.crashBackOff.remainingSince(key, finished);
    if (waitMs > 0) {
      const seconds = this.crashBackOff.delay(key) / 1000;
      events.container(container.name, "Warning", "BackOff", `Back-off restarting failed container ${container.name} in pod ${podDescription(pod)}`);
      const message = `back-off ${formatSeconds(seconds)} restarting failed container=${container.name} pod=${podDescription(pod)}`;
      return { waiting: { reason: "CrashLoopBackOff", message }, retryAfterMs: waitMs };
    }
    this.crashBackOff.next(key, finished);
    return undefined;
  }
}

/** Go's duration format for whole seconds and minutes: `10s`, `2m40s`, `5m0s`. */
function formatSeconds(total: number): string {
  const minutes = Math.floor(total / 60);
  const seconds = Math.round(total % 60);
  return minutes > 0 ? `${minutes}m${seconds}s` : `${seconds}s`;
}

/** The pod's IP as its containers see it: the node's own with hostNetwork, as the kubelet gives it. */
export function podIPOf(pod: Pod, sandbox: Pick<SandboxStatus, "ip">, hostIP: string | undefined): string | undefined {
  return pod.spec.hostNetwork ? hostIP : sandbox.ip;
}
