import type { Container } from "../../../src/api/core/v1/container.js";
import type { Pod } from "../../../src/api/core/v1/pod.js";

/**
 * Runs a container's lifecycle hooks (exec or httpGet handlers). The pod
 * workers call it; `agent/kubelet/probes/` implements it beside the probes,
 * which run the same kinds of handlers. Both calls resolve at once for a
 * container without the hook.
 */
export interface LifecycleHooks {
  /** Runs `lifecycle.postStart`; rejects with the reason when the handler failed (the container is then killed). */
  postStart(pod: Pod, container: Container, containerId: string): Promise<void>;
  /**
   * Runs `lifecycle.preStop` before the container is stopped; the caller
   * bounds it by the grace period, and a failure only delays nothing: the
   * stop follows either way.
   */
  preStop(pod: Pod, container: Container, containerId: string, gracePeriodSeconds: number): Promise<void>;
}
