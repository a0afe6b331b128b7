import type { Pod } from "../../../src/api/core/v1/pod.js";

/**
 * The status patch that marks a pod not Ready because its node is not
 * (Kubernetes' MarkPodsNotReady): its Ready condition turns False with a
 * new transition time, the rest of it kept. Undefined for a pod whose Ready
 * condition is absent or already False.
 */
export function notReadyPatch(pod: Pick<Pod, "status">, now: string): { status: { conditions: unknown[] } } | undefined {
  const ready = pod.status?.conditions?.find((condition) => condition.type === "Ready");
  if (ready === undefined || ready.status === "False") return undefined;
  return { status: { conditions: [{ ...ready, status: "False", lastTransitionTime: now }] } };
}
