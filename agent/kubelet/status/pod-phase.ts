import type { ContainerStatus } from "../../../src/api/core/v1/pod-status.js";
import type { RestartPolicy } from "../pods/pod-actions.js";

export type PodPhase = "Pending" | "Running" | "Succeeded" | "Failed";

export const isTerminalPhase = (phase: string | undefined): boolean => phase === "Succeeded" || phase === "Failed";

/**
 * The pod's phase from its container statuses, as the kubelet's getPhase:
 * Pending while initialising or while a container waits to run for the
 * first time; Running while any container runs or will be restarted;
 * Succeeded / Failed once every container has stopped for good.
 */
export function podPhase(policy: RestartPolicy, initialized: boolean, initStatuses: ContainerStatus[], statuses: ContainerStatus[]): PodPhase {
  if (!initialized) {
    const initFailed = initStatuses.some((s) => {
      const ended = s.state?.terminated ?? s.lastState?.terminated;
      return ended !== undefined && ended.exitCode !== 0;
    });
    return policy === "Never" && initFailed ? "Failed" : "Pending";
  }
  let running = 0;
  let waiting = 0;
  let stopped = 0;
  let succeeded = 0;
  for (const status of statuses) {
    if (status.state?.running) running++;
    else if (status.state?.terminated) {
      stopped++;
      if (status.state.terminated.exitCode === 0) succeeded++;
    } else if (status.lastState?.terminated) stopped++;
    else waiting++;
  }
  if (waiting > 0) return "Pending";
  if (running > 0) return "Running";
  if (stopped === statuses.length && stopped > 0) {
    if (policy === "Always") return "Running";
    if (succeeded === stopped) return "Succeeded";
    return policy === "OnFailure" ? "Running" : "Failed";
  }
  return "Pending";
}
