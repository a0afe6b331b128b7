import type { Container } from "../../../src/api/core/v1/container.js";
import type { Pod } from "../../../src/api/core/v1/pod.js";
import type { ContainerStatus, SandboxStatus } from "../../runtime/container-runtime.js";
import type { ProbeState } from "../pod-dependencies.js";
import { containerSpecHash } from "./container-hash.js";
import { latestContainer, latestSandbox, podInitialized, succeeded, type PodRuntimeState } from "./pod-runtime-state.js";

/** A running container to stop, and why (the Killing event's message). */
export interface ContainerToKill {
  container: ContainerStatus;
  /** The spec it runs under, when the pod still has it (for its preStop hook). */
  spec?: Container;
  message: string;
}

/** What one sync must do to a pod that is not being deleted (the kubelet's podActions). */
export interface PodActions {
  /** Stop every container and sandbox first: the sandbox is gone or replaced. */
  killPod: boolean;
  /** Make a new sandbox with `attempt`. */
  createSandbox: boolean;
  attempt: number;
  /** The ready sandbox the containers run in, when not creating one. */
  sandbox?: SandboxStatus;
  /** An init container failed and the pod's restartPolicy is Never: the pod has failed. */
  initFailed: boolean;
  /** The init container to start now (one at a time, in order). */
  nextInit?: Container;
  containersToStart: Container[];
  containersToKill: ContainerToKill[];
}

export type RestartPolicy = "Always" | "OnFailure" | "Never";

export function restartPolicyOf(pod: Pod): RestartPolicy {
  const policy = pod.spec.restartPolicy;
  return policy === "OnFailure" || policy === "Never" ? policy : "Always";
}

/** Whether an exited container runs again under `policy`. */
function shouldRestart(container: ContainerStatus, policy: RestartPolicy): boolean {
  // Created but never started: it has not run yet, whatever the policy.
  if (container.state === "created") return true;
  if (policy === "Always") return true;
  if (policy === "OnFailure") return container.exitCode !== 0;
  return false;
}

type InitProgress = { kind: "done" } | { kind: "running" } | { kind: "start"; container: Container } | { kind: "failed"; container: Container };

/**
 * Where the init containers of the current sandbox stand: all done, one
 * running, the next to start, or one that failed.
 */
function initProgress(pod: Pod, state: PodRuntimeState, sandboxId: string): InitProgress {
  if (podInitialized(pod, state)) return { kind: "done" };
  for (const container of pod.spec.initContainers ?? []) {
    const latest = latestContainer(state, container.name, sandboxId);
    if (!latest) return { kind: "start", container };
    if (latest.state === "running") return { kind: "running" };
    if (succeeded(latest)) continue;
    if (latest.state === "created") return { kind: "start", container };
    return { kind: "failed", container };
  }
  return { kind: "done" };
}

/**
 * Compares a pod's spec with what the runtime has and says what to do, as
 * the kubelet's computePodActions: a new sandbox when none is ready (then
 * everything starts over, init containers first); init containers one at a
 * time, each to success; then every container not running that its
 * restartPolicy restarts; running containers whose spec changed or whose
 * liveness probe failed are killed (and started again unless Never).
 * Back-off is not decided here but when a container is started.
 */
export function computePodActions(pod: Pod, state: PodRuntimeState, probe: (name: string) => ProbeState | undefined): PodActions {
  const policy = restartPolicyOf(pod);
  const sandbox = latestSandbox(state);
  const actions: PodActions = { killPod: false, createSandbox: false, attempt: 0, initFailed: false, containersToStart: [], containersToKill: [] };

  if (!sandbox || sandbox.state !== "ready") {
    actions.killPod = state.containers.some((c) => c.state === "running") || state.sandboxes.some((s) => s.state === "ready");
    actions.attempt = sandbox ? sandbox.attempt + 1 : 0;
    // A pod that never restarts and has run already does not get a second sandbox.
    if (policy === "Never" && sandbox && state.containers.length > 0) return actions;
    actions.createSandbox = true;
    const firstInit = pod.spec.initContainers?.[0];
    if (firstInit) actions.nextInit = firstInit;
    else actions.containersToStart = pod.spec.containers.filter((c) => !(policy === "OnFailure" && succeeded(latestContainer(state, c.name))));
    return actions;
  }
  actions.sandbox = sandbox;

  const wanted = new Set([...(pod.spec.initContainers ?? []), ...pod.spec.containers].map((c) => c.name));
  for (const container of state.containers) {
    if (container.state === "running" && !wanted.has(container.name)) {
      actions.containersToKill.push({ container, message: `Container ${container.name} is not in the pod's spec any more` });
    }
  }

  const init = initProgress(pod, state, sandbox.id);
  if (init.kind === "running") return actions;
  if (init.kind === "start") {
    actions.nextInit = init.container;
    return actions;
  }
  if (init.kind === "failed") {
    if (policy === "Never") actions.initFailed = true;
    else actions.nextInit = init.container;
    return actions;
  }

  for (const container of pod.spec.containers) {
    const latest = latestContainer(state, container.name, sandbox.id) ?? latestContainer(state, container.name);
    if (!latest) {
      actions.containersToStart.push(container);
      continue;
    }
    if (latest.state !== "running") {
      if (shouldRestart(latest, policy)) actions.containersToStart.push(container);
      continue;
    }
    let message: string | undefined;
    if (latest.specHash !== containerSpecHash(container)) message = `Container ${container.name} definition changed, will be restarted`;
    else if (probe(container.name)?.live === false) {
      // The probes mark a failed startup probe as not live and not started.
      const which = probe(container.name)?.started === false ? "startup" : "liveness";
      message = `Container ${container.name} failed ${which} probe, will be restarted`;
    }
    if (message === undefined) continue;
    actions.containersToKill.push({ container: latest, spec: container, message });
    if (policy !== "Never") actions.containersToStart.push(container);
  }
  return actions;
}

