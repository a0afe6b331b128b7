import type { Pod } from "../../../src/api/core/v1/pod.js";
import type { ContainerRuntime, ContainerStatus, SandboxStatus } from "../../runtime/container-runtime.js";

/** What the runtime has of one pod: its sandboxes and containers, live and dead. */
export interface PodRuntimeState {
  sandboxes: SandboxStatus[];
  containers: ContainerStatus[];
}

export async function podRuntimeState(runtime: ContainerRuntime, podUid: string): Promise<PodRuntimeState> {
  const [sandboxes, containers] = await Promise.all([runtime.listPodSandboxes({ podUid }), runtime.listContainers({ podUid })]);
  return { sandboxes, containers };
}

/** The newest sandbox: highest attempt, then latest created. */
export function latestSandbox(state: PodRuntimeState): SandboxStatus | undefined {
  return [...state.sandboxes].sort((a, b) => b.attempt - a.attempt || b.createdAt.getTime() - a.createdAt.getTime())[0];
}

/** The instances of one container, newest first (highest attempt, then latest created). */
export function containerInstances(state: PodRuntimeState, name: string, sandboxId?: string): ContainerStatus[] {
  return state.containers
    .filter((c) => c.name === name && (sandboxId === undefined || c.sandboxId === sandboxId))
    .sort((a, b) => b.attempt - a.attempt || b.createdAt.getTime() - a.createdAt.getTime());
}

export function latestContainer(state: PodRuntimeState, name: string, sandboxId?: string): ContainerStatus | undefined {
  return containerInstances(state, name, sandboxId)[0];
}

/** The attempt a new instance of the container gets: one more than the newest (restartCount). */
export function nextAttempt(state: PodRuntimeState, name: string): number {
  const latest = latestContainer(state, name);
  return latest ? latest.attempt + 1 : 0;
}

export const succeeded = (c: ContainerStatus | undefined): boolean => c?.state === "exited" && c.exitCode === 0;

/**
 * Whether the pod's init containers are done in its current sandbox: each
 * succeeded, or a regular container already exists there (as after an agent
 * restart). A new sandbox runs them again.
 */
export function podInitialized(pod: Pod, state: PodRuntimeState): boolean {
  const inits = pod.spec.initContainers ?? [];
  if (inits.length === 0) return true;
  const sandbox = latestSandbox(state);
  if (!sandbox) return false;
  if (pod.spec.containers.some((c) => latestContainer(state, c.name, sandbox.id))) return true;
  return inits.every((c) => succeeded(latestContainer(state, c.name, sandbox.id)));
}
