import type { Pod } from "../../../src/api/core/v1/pod.js";
import { podQosClass } from "../../../src/api/core/v1/pod-qos.js";
import type { ContainerStatus, PodStatus } from "../../../src/api/core/v1/pod-status.js";
import { restartPolicyOf } from "../pods/pod-actions.js";
import { latestSandbox, podInitialized } from "../pods/pod-runtime-state.js";
import { containerStatus, rfc3339, type ContainerStatusInputs } from "./container-statuses.js";
import { podConditions } from "./pod-conditions.js";
import { isTerminalPhase, podPhase } from "./pod-phase.js";

export interface PodStatusInputs extends ContainerStatusInputs {
  pod: Pod;
  hostIP: string;
  now: number;
  /** The status last reported (or the server's): its times are kept where nothing changed. */
  previous: PodStatus | undefined;
}

/**
 * The whole PodStatus of a pod, as the kubelet's generateAPIPodStatus: phase,
 * conditions, init and regular container statuses, IPs, start time and QoS
 * class. A terminal phase (Succeeded, Failed) is never left.
 */
export function generatePodStatus(inputs: PodStatusInputs): PodStatus {
  const { pod, previous } = inputs;
  const inits = pod.spec.initContainers ?? [];
  const old = (list: ContainerStatus[] | undefined, name: string) => list?.find((s) => s.name === name);
  const initStatuses = inits.map((c) => containerStatus(c, "PodInitializing", inputs, old(previous?.initContainerStatuses, c.name)));
  const isInitialized = podInitialized(pod, inputs.state);
  // Containers that wait for the init containers say so.
  const statuses = pod.spec.containers.map((c) =>
    containerStatus(c, isInitialized ? "ContainerCreating" : "PodInitializing", inputs, old(previous?.containerStatuses, c.name)),
  );

  const phase = isTerminalPhase(previous?.phase) ? previous!.phase! : podPhase(restartPolicyOf(pod), isInitialized, initStatuses, statuses);
  const sandbox = latestSandbox(inputs.state);
  const sandboxReady = sandbox?.state === "ready";
  const now = rfc3339(inputs.now);

  const status: PodStatus = {
    phase,
    conditions: podConditions({
      sandboxReady,
      initialized: isInitialized,
      initStatuses,
      statuses,
      terminal: isTerminalPhase(phase),
      previous: previous?.conditions ?? [],
      now,
    }),
    hostIP: inputs.hostIP,
    hostIPs: [{ ip: inputs.hostIP }],
    startTime: previous?.startTime ?? now,
    containerStatuses: statuses,
    qosClass: podQosClass(pod.spec),
  };
  if (inits.length > 0) status.initContainerStatuses = initStatuses;
  // The pod keeps its IP after its sandbox stopped (a finished pod still shows it).
  const podIP = pod.spec.hostNetwork ? inputs.hostIP : sandboxReady ? sandbox.ip : previous?.podIP;
  if (podIP) {
    status.podIP = podIP;
    status.podIPs = [{ ip: podIP }];
  }
  for (const field of ["nominatedNodeName", "reason", "message"] as const) {
    const value = previous?.[field];
    if (value !== undefined) status[field] = value;
  }
  return status;
}
