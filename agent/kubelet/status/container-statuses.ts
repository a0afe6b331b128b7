import type { Container } from "../../../src/api/core/v1/container.js";
import type { ContainerState, ContainerStatus } from "../../../src/api/core/v1/pod-status.js";
import type { ContainerStatus as RuntimeContainer } from "../../runtime/container-runtime.js";
import type { ProbeState } from "../pod-dependencies.js";
import { containerInstances, type PodRuntimeState } from "../pods/pod-runtime-state.js";
import type { WaitingReason } from "../pods/waiting-reason.js";

/** What the status of a pod's containers is made from. */
export interface ContainerStatusInputs {
  state: PodRuntimeState;
  /** Why containers that should run do not, from the sync that just ran. */
  waiting: ReadonlyMap<string, WaitingReason>;
  probe: (name: string) => ProbeState | undefined;
  /** The prefix of containerIDs, e.g. `docker`. */
  runtimeName: string;
}

/** RFC 3339 in whole seconds, as Kubernetes writes metav1.Time. */
export function rfc3339(date: Date | number): string {
  return new Date(date).toISOString().replace(/\.\d{3}Z$/, "Z");
}

function terminated(container: RuntimeContainer, runtimeName: string): ContainerState {
  const state: NonNullable<ContainerState["terminated"]> = { exitCode: container.exitCode ?? 0, containerID: `${runtimeName}://${container.id}` };
  if (container.reason) state.reason = container.reason;
  if (container.message) state.message = container.message;
  if (container.startedAt) state.startedAt = rfc3339(container.startedAt);
  if (container.finishedAt) state.finishedAt = rfc3339(container.finishedAt);
  return { terminated: state };
}

/**
 * One container's status as the kubelet reports it: the newest instance's
 * state (running, terminated, or waiting when the last sync could not start
 * it), the instance before as lastState, restartCount from the newest
 * instance's attempt, readiness and startup from the probes. When the
 * runtime has no instance (removed behind the agent's back), the status
 * last reported stands in, as the kubelet's: a terminated one whole,
 * otherwise its restartCount and lastState.
 */
export function containerStatus(
  container: Container,
  defaultWaiting: string,
  inputs: ContainerStatusInputs,
  old: ContainerStatus | undefined,
): ContainerStatus {
  const [latest, previous] = containerInstances(inputs.state, container.name);
  if (!latest && old?.state?.terminated) return structuredClone(old);
  const status: ContainerStatus = {
    name: container.name,
    ready: false,
    restartCount: latest?.attempt ?? 0,
    image: container.image ?? "",
    imageID: latest?.imageRef ?? "",
    started: false,
  };
  if (latest) status.containerID = `${inputs.runtimeName}://${latest.id}`;
  if (previous?.state === "exited") status.lastState = terminated(previous, inputs.runtimeName);
  if (!latest && old) {
    status.restartCount = old.restartCount;
    if (old.lastState) status.lastState = structuredClone(old.lastState);
  }

  const waiting = inputs.waiting.get(container.name);
  if (latest?.state === "running") {
    status.state = { running: latest.startedAt ? { startedAt: rfc3339(latest.startedAt) } : {} };
    const probe = inputs.probe(container.name);
    status.started = probe?.started ?? !container.startupProbe;
    status.ready = status.started && (probe?.ready ?? !container.readinessProbe);
  } else if (latest?.state === "exited" && waiting) {
    // Waiting to run again: what ended last is the last state.
    status.lastState = terminated(latest, inputs.runtimeName);
    status.state = { waiting };
  } else if (latest?.state === "exited") {
    status.state = terminated(latest, inputs.runtimeName);
  } else {
    status.state = { waiting: waiting ?? { reason: defaultWaiting } };
  }
  return status;
}
