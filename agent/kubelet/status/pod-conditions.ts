import type { ContainerStatus, PodCondition } from "../../../src/api/core/v1/pod-status.js";

/** The condition types the kubelet owns; others (the scheduler's, readiness gates) are kept as they are. */
const KUBELET_CONDITIONS = ["PodReadyToStartContainers", "Initialized", "Ready", "ContainersReady", "PodScheduled"] as const;

interface ConditionInputs {
  sandboxReady: boolean;
  initialized: boolean;
  initStatuses: ContainerStatus[];
  statuses: ContainerStatus[];
  terminal: boolean;
  previous: PodCondition[];
  now: string;
}

const names = (statuses: ContainerStatus[]): string => `[${statuses.map((s) => s.name).join(" ")}]`;

/**
 * The pod's conditions as the kubelet sets them, each keeping its
 * lastTransitionTime while its status stays the same.
 */
export function podConditions(inputs: ConditionInputs): PodCondition[] {
  const { statuses, initStatuses, terminal } = inputs;
  const unready = statuses.filter((s) => !s.ready);
  const incomplete = initStatuses.filter((s) => s.state?.terminated?.exitCode !== 0);
  const containersReady: Omit<PodCondition, "type"> =
    terminal ? { status: "False", reason: "PodCompleted" }
    : unready.length === 0 ? { status: "True" }
    : { status: "False", reason: "ContainersNotReady", message: `containers with unready status: ${names(unready)}` };
  const fresh: PodCondition[] = [
    { type: "PodReadyToStartContainers", status: inputs.sandboxReady ? "True" : "False" },
    inputs.initialized
      ? { type: "Initialized", status: "True" }
      : { type: "Initialized", status: "False", reason: "ContainersNotInitialized", message: `containers with incomplete status: ${names(incomplete)}` },
    { type: "Ready", ...containersReady },
    { type: "ContainersReady", ...containersReady },
    { type: "PodScheduled", status: "True" },
  ];
  const previousOf = new Map(inputs.previous.map((c) => [c.type, c]));
  const ours = fresh.map((condition) => {
    const before = previousOf.get(condition.type);
    const unchanged = before?.status === condition.status && before.lastTransitionTime !== undefined;
    return { ...condition, lastTransitionTime: unchanged ? before.lastTransitionTime : inputs.now };
  });
  const others = inputs.previous.filter((c) => !(KUBELET_CONDITIONS as readonly string[]).includes(c.type));
  return [...ours, ...others];
}
