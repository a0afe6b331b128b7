import type { ContainerConfig, PodIdentity, SandboxConfig } from "../container-runtime.js";
import { MANAGER, RuntimeLabel, SANDBOX_CONTAINER_NAME } from "../runtime-labels.js";

/** The `io.kubernetes.docker.type` values, as dockershim set them. */
export const SANDBOX_TYPE = "podsandbox";
export const CONTAINER_TYPE = "container";

/** Names as dockershim gave them, so `docker ps` reads the same as on a Kubernetes node. */
export function sandboxName(pod: PodIdentity, attempt: number): string {
  return containerName(SANDBOX_CONTAINER_NAME, pod, attempt);
}

export function containerName(name: string, pod: PodIdentity, attempt: number): string {
  return `k8s_${name}_${pod.name}_${pod.namespace}_${pod.uid}_${attempt}`;
}

function podLabels(pod: PodIdentity, node: string | undefined): Record<string, string> {
  return {
    [RuntimeLabel.podUid]: pod.uid,
    [RuntimeLabel.podNamespace]: pod.namespace,
    [RuntimeLabel.podName]: pod.name,
    [RuntimeLabel.managedBy]: MANAGER,
    ...(node === undefined ? {} : { [RuntimeLabel.node]: node }),
  };
}

/** The pod's own labels first, so none of them can override skiff's. */
export function sandboxLabels(config: SandboxConfig, node?: string): Record<string, string> {
  return {
    ...config.podLabels,
    ...podLabels(config.pod, node),
    [RuntimeLabel.containerName]: SANDBOX_CONTAINER_NAME,
    [RuntimeLabel.type]: SANDBOX_TYPE,
    [RuntimeLabel.attempt]: String(config.attempt),
    [RuntimeLabel.hostNetwork]: String(config.hostNetwork),
  };
}

export function containerLabels(
  sandboxId: string,
  config: ContainerConfig,
  pod: PodIdentity,
  terminationMessageFile: string,
  node?: string,
): Record<string, string> {
  return {
    ...podLabels(pod, node),
    [RuntimeLabel.containerName]: config.name,
    [RuntimeLabel.type]: CONTAINER_TYPE,
    [RuntimeLabel.attempt]: String(config.attempt),
    [RuntimeLabel.specHash]: config.specHash,
    [RuntimeLabel.sandboxId]: sandboxId,
    // The file on the node's disk: what status reads after the container exited.
    [RuntimeLabel.terminationMessagePath]: terminationMessageFile,
  };
}

/** Docker's `label` filter for what skiff made of one type (on `node`, when given), narrowed by more labels. */
export function managedFilter(type: string, node: string | undefined, extra: Record<string, string | undefined> = {}): { label: string[] } {
  const label = [`${RuntimeLabel.managedBy}=${MANAGER}`, `${RuntimeLabel.type}=${type}`];
  for (const [key, value] of Object.entries({ [RuntimeLabel.node]: node, ...extra })) if (value !== undefined) label.push(`${key}=${value}`);
  return { label };
}

/** Whether skiff made it as `type`, and, when a node is given, that node's agent did. */
export function isManaged(labels: Record<string, string> | undefined, type: string, node: string | undefined): boolean {
  return labels?.[RuntimeLabel.managedBy] === MANAGER && labels[RuntimeLabel.type] === type && (node === undefined || labels[RuntimeLabel.node] === node);
}

export function podFromLabels(labels: Record<string, string>): PodIdentity {
  return {
    uid: labels[RuntimeLabel.podUid] ?? "",
    namespace: labels[RuntimeLabel.podNamespace] ?? "",
    name: labels[RuntimeLabel.podName] ?? "",
  };
}

/** A counter label; a missing or mangled one reads as 0. */
export function attemptFromLabels(labels: Record<string, string>): number {
  const value = Number.parseInt(labels[RuntimeLabel.attempt] ?? "", 10);
  return Number.isFinite(value) && value >= 0 ? value : 0;
}
