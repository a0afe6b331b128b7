import type { Container } from "../../../src/api/core/v1/container.js";
import type { Pod } from "../../../src/api/core/v1/pod.js";
import type { LifecycleHandler } from "../../../src/api/core/v1/probe.js";
import { realClock, sleep, type Clock } from "../../../src/clock.js";
import type { EventRecorder } from "../../../src/client/events/event-recorder.js";
import { createLogger, type Logger } from "../../../src/log.js";
import type { ContainerRuntime } from "../../runtime/container-runtime.js";
import { httpGet as realHttpGet, type HttpGetter } from "../actions/http-get.js";
import { containerReference, formatPod } from "../probes/container-reference.js";
import { runHookHandler, type HookHandlerDeps } from "./hook-handler.js";
import { LifecycleHookError, type LifecycleHookName, type LifecycleHooks } from "./lifecycle-hooks.js";

export interface HookRunnerOptions {
  /** Runs exec hooks. */
  runtime: Pick<ContainerRuntime, "exec">;
  /** Where FailedPostStartHook / FailedPreStopHook go. */
  events: EventRecorder;
  clock?: Clock;
  /** The network, replaced in unit tests. */
  httpGet?: HttpGetter;
  log?: Logger;
}

/**
 * `LifecycleHooks` over the same actions as the probes. Events carry only
 * `PostStartHook failed` / `PreStopHook failed`, as the kubelet's do (a
 * hook's output may hold secrets); the full message is in the thrown
 * `LifecycleHookError` and the log.
 *
 * @example
 * const hooks = new HookRunner({ runtime, events });
 * try {
 *   await hooks.postStart(pod, container, containerId, podIP);
 * } catch (error) {
 *   if (error instanceof LifecycleHookError) await killContainer(error.reason);
 * }
 */
export class HookRunner implements LifecycleHooks {
  private readonly deps: HookHandlerDeps;
  private readonly log: Logger;

  constructor(options: HookRunnerOptions) {
    this.deps = {
      runtime: options.runtime,
      httpGet: options.httpGet ?? realHttpGet,
      clock: options.clock ?? realClock,
      events: options.events,
    };
    this.log = options.log ?? createLogger().child({ component: "lifecycle-hooks" });
  }

  async postStart(pod: Pod, container: Container, containerId: string, podIP: string | undefined): Promise<void> {
    const handler = container.lifecycle?.postStart;
    if (!handler) return;
    const failure = await runHookHandler(handler, { pod, container, containerId, podIP }, this.deps);
    if (failure !== undefined) throw this.failed("PostStart", pod, container, failure);
  }

  async preStop(pod: Pod, container: Container, containerId: string, podIP: string | undefined, gracePeriodSeconds: number): Promise<void> {
    const handler = container.lifecycle?.preStop;
    if (!handler) return;
    const failure = await this.withinGrace(handler, { pod, container, containerId, podIP }, gracePeriodSeconds);
    if (failure !== undefined) throw this.failed("PreStop", pod, container, failure);
  }

  /** The hook's failure, or undefined when it succeeded or was still running when the grace period ended. */
  private async withinGrace(
    handler: LifecycleHandler,
    context: { pod: Pod; container: Container; containerId: string; podIP: string | undefined },
    gracePeriodSeconds: number,
  ): Promise<string | undefined> {
    const stopHook = new AbortController();
    const stopTimer = new AbortController();
    const hook = runHookHandler(handler, { ...context, signal: stopHook.signal }, this.deps).then((failure) => ({ failure }));
    const graceOver = sleep(this.deps.clock, Math.max(gracePeriodSeconds, 0) * 1000, stopTimer.signal).then(() => "grace over" as const);
    const outcome = await Promise.race([hook, graceOver]);
    stopTimer.abort();
    if (outcome !== "grace over") return outcome.failure;
    stopHook.abort();
    this.log.info(
      { pod: formatPod(context.pod), container: context.container.name, gracePeriodSeconds },
      "PreStop hook not completed in grace period",
    );
    return undefined;
  }

  private failed(hook: LifecycleHookName, pod: Pod, container: Container, message: string): LifecycleHookError {
    const error = new LifecycleHookError(hook, message);
    this.log.warn({ pod: formatPod(pod), container: container.name, err: message }, `${hook} hook failed`);
    this.deps.events.event(containerReference(pod, container), "Warning", error.reason, `${hook}Hook failed`);
    return error;
  }
}
