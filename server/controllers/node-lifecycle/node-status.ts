import type { NodeCondition } from "../../../src/api/core/v1/node.js";

/** The conditions the kubelet reports and this controller marks Unknown when it stops (NetworkUnavailable is not the kubelet's). */
const kubeletConditionTypes = ["Ready", "MemoryPressure", "DiskPressure", "PIDPressure"];

/** A Ready status as the taints and pods see it: the condition's status, or undefined when the node has none yet. */
export type ReadyStatus = "True" | "False" | "Unknown" | undefined;

export function readyConditionOf(conditions: readonly NodeCondition[] | undefined): NodeCondition | undefined {
  return conditions?.find((condition) => condition.type === "Ready");
}

export function readyStatusOf(conditions: readonly NodeCondition[] | undefined): ReadyStatus {
  const status = readyConditionOf(conditions)?.status;
  return status === "True" || status === "False" ? status : status === undefined ? undefined : "Unknown";
}

/**
 * The conditions of a node whose kubelet has gone silent, as Kubernetes'
 * node lifecycle controller writes them: each kubelet condition becomes
 * Unknown ("Kubelet stopped posting node status.", transition now, its
 * heartbeat kept), and one never posted is added ("Kubelet never posted
 * node status.", heartbeat = the node's creation). Undefined when they are
 * all Unknown already.
 */
export function silencedConditions(conditions: readonly NodeCondition[], creationTimestamp: string | undefined, now: string): NodeCondition[] | undefined {
  let changed = false;
  const result = conditions.map((condition) => {
    if (!kubeletConditionTypes.includes(condition.type) || condition.status === "Unknown") return condition;
    changed = true;
    return { ...condition, status: "Unknown", reason: "NodeStatusUnknown", message: "Kubelet stopped posting node status.", lastTransitionTime: now };
  });
  for (const type of kubeletConditionTypes) {
    if (result.some((condition) => condition.type === type)) continue;
    changed = true;
    result.push({
      type,
      status: "Unknown",
      reason: "NodeStatusNeverUpdated",
      message: "Kubelet never posted node status.",
      ...(creationTimestamp ? { lastHeartbeatTime: creationTimestamp } : {}),
      lastTransitionTime: now,
    });
  }
  return changed ? result : undefined;
}
