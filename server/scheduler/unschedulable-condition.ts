import type { Pod } from "../../src/api/core/v1/pod.js";

/**
 * The strategic-merge patch of pods/status that marks a pod unschedulable
 * (PodScheduled=False, reason Unschedulable, the fit error as message), or
 * undefined when the pod already says exactly that — so a pod that keeps
 * failing for the same reason is not written again. The transition time
 * moves only when the status does.
 */
export function unschedulablePatch(pod: Pod, message: string, now: string): Record<string, unknown> | undefined {
  const current = pod.status?.conditions?.find((condition) => condition.type === "PodScheduled");
  if (current?.status === "False" && current.reason === "Unschedulable" && current.message === message) return undefined;
  const lastTransitionTime = current?.status === "False" && current.lastTransitionTime ? current.lastTransitionTime : now;
  return {
    status: {
      conditions: [{ type: "PodScheduled", status: "False", reason: "Unschedulable", message, lastProbeTime: null, lastTransitionTime }],
    },
  };
}
