import type { NodeCondition } from "../../src/api/core/v1/node.js";

/** What the node's conditions are computed from. */
export interface NodeHealth {
  /** Whether the container runtime answered its last ping. */
  runtimeUp: boolean;
}

type ConditionCore = Required<Pick<NodeCondition, "type" | "status" | "reason" | "message">>;

/** The kubelet's conditions for a health: no pressure (skiff does not evict), Ready while the runtime answers. */
export function desiredConditions(health: NodeHealth): ConditionCore[] {
  return [
    { type: "MemoryPressure", status: "False", reason: "KubeletHasSufficientMemory", message: "kubelet has sufficient memory available" },
    { type: "DiskPressure", status: "False", reason: "KubeletHasNoDiskPressure", message: "kubelet has no disk pressure" },
    { type: "PIDPressure", status: "False", reason: "KubeletHasSufficientPID", message: "kubelet has sufficient PID available" },
    health.runtimeUp
      ? { type: "Ready", status: "True", reason: "KubeletReady", message: "kubelet is posting ready status" }
      : { type: "Ready", status: "False", reason: "KubeletNotReady", message: "container runtime is down" },
  ];
}

/** core/v1 Time: RFC 3339 to the second. */
export const apiTime = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");

/**
 * The conditions to write at `nowMs`: heartbeats now, and each transition
 * time kept from `previous` while that condition's status is unchanged.
 */
export function stampConditions(desired: readonly ConditionCore[], previous: readonly NodeCondition[], nowMs: number): NodeCondition[] {
  const now = apiTime(nowMs);
  return desired.map((condition) => {
    const before = previous.find((p) => p.type === condition.type);
    const lastTransitionTime = before?.status === condition.status && before.lastTransitionTime ? before.lastTransitionTime : now;
    return { ...condition, lastHeartbeatTime: now, lastTransitionTime };
  });
}
