import type { Container } from "../../../src/api/core/v1/container.js";
import type { Pod } from "../../../src/api/core/v1/pod.js";

/**
 * The container lifecycle hooks the pod workers run: `lifecycle.postStart`
 * right after a container started, `lifecycle.preStop` before it is stopped.
 * A container without the hook resolves at once. A failed hook has already
 * recorded its Warning event (`FailedPostStartHook` / `FailedPreStopHook`)
 * and throws `LifecycleHookError`; the caller kills the container after a
 * failed postStart, and stops it anyway after a failed preStop.
 */
export interface LifecycleHooks {
  postStart(pod: Pod, container: Container, containerId: string, podIP: string | undefined): Promise<void>;
  /**
   * Resolves when the hook ended or `gracePeriodSeconds` ran out, whichever
   * is first (a hook still running then is abandoned, as the kubelet does).
   */
  preStop(pod: Pod, container: Container, containerId: string, podIP: string | undefined, gracePeriodSeconds: number): Promise<void>;
}

export type LifecycleHookName = "PostStart" | "PreStop";

/**
 * A hook's handler failed. The message is the kubelet's, e.g.
 * `Exec lifecycle hook ([/bin/false]) for Container "web" in Pod
 * "p_default(uid)" failed - error: command '/bin/false' exited with 1: ,
 * message: ""` — fit for the container's status message and the log, not
 * for events (it may carry what the command printed).
 */
export class LifecycleHookError extends Error {
  constructor(
    readonly hook: LifecycleHookName,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "LifecycleHookError";
  }

  /** The event reason and the reason the kubelet kills the container with. */
  get reason(): "FailedPostStartHook" | "FailedPreStopHook" {
    return this.hook === "PostStart" ? "FailedPostStartHook" : "FailedPreStopHook";
  }
}
