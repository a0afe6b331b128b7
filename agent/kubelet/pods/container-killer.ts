import type { Container } from "../../../src/api/core/v1/container.js";
import type { Pod } from "../../../src/api/core/v1/pod.js";
import { DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS } from "../../../src/api/core/v1/pod-defaults.js";
import type { Clock } from "../../../src/clock.js";
import type { Logger } from "../../../src/log.js";
import { RuntimeNotFoundError, type ContainerRuntime, type ContainerStatus } from "../../runtime/container-runtime.js";
import type { LifecycleHooks } from "../lifecycle/lifecycle-hooks.js";
import type { PodEvents } from "./pod-events.js";

/** The kubelet never gives a container less than this to stop after SIGTERM. */
const MINIMUM_GRACE_PERIOD_SECONDS = 2;

/** A pod's grace period: the deletion's when it is being deleted, else its spec's. */
export function gracePeriodOf(pod: Pod): number {
  return pod.metadata.deletionGracePeriodSeconds ?? pod.spec.terminationGracePeriodSeconds ?? DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS;
}

/** What to stop: a container, the spec it runs under (for its preStop hook), why. */
export interface KillRequest {
  container: ContainerStatus;
  spec?: Container;
  message: string;
  gracePeriodSeconds: number;
}

/**
 * Stops containers as the kubelet's killContainer: a Killing event, the
 * preStop hook bounded by the grace period, then SIGTERM with what is left
 * of it (at least 2 s) before SIGKILL.
 */
export class ContainerKiller {
  constructor(
    private readonly runtime: ContainerRuntime,
    private readonly hooks: LifecycleHooks,
    private readonly clock: Clock,
    private readonly log: Logger,
  ) {}

  async kill(pod: Pod | undefined, request: KillRequest, events: PodEvents | undefined): Promise<void> {
    const { container, spec, message, gracePeriodSeconds } = request;
    if (container.state !== "running") return;
    events?.container(container.name, "Normal", "Killing", message);
    const began = this.clock.now();
    if (pod && spec?.lifecycle?.preStop) await this.runPreStop(pod, spec, container.id, gracePeriodSeconds);
    const elapsed = Math.floor((this.clock.now() - began) / 1000);
    const left = Math.max(gracePeriodSeconds - elapsed, MINIMUM_GRACE_PERIOD_SECONDS);
    try {
      await this.runtime.stopContainer(container.id, left);
    } catch (error) {
      if (!(error instanceof RuntimeNotFoundError)) throw error;
    }
  }

  /** Stops every running container of `containers` at once. */
  async killAll(pod: Pod | undefined, requests: KillRequest[], events: PodEvents | undefined): Promise<void> {
    const results = await Promise.allSettled(requests.map((request) => this.kill(pod, request, events)));
    const failure = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
    if (failure) throw failure.reason;
  }

  /** The hook runner bounds the hook by the grace period and records a failure's event; here it is only logged. */
  private async runPreStop(pod: Pod, spec: Container, containerId: string, gracePeriodSeconds: number): Promise<void> {
    try {
      await this.hooks.preStop(pod, spec, containerId, pod.status?.podIP, gracePeriodSeconds);
    } catch (error) {
      this.log.info({ err: error, pod: pod.metadata.name, container: spec.name }, "preStop hook failed");
    }
  }

}
