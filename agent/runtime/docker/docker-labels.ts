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

/**
 * The labels that make a container this runtime's: skiff's manager label,
 * and the node's name when the runtime serves one node. A runtime sees and
 * touches only what carries all of them, so agents sharing an engine never
 * take each other's pods for orphans.
 */
export type Owner = Readonly<Record<string, string>>;

export function ownerLabels(node?: string): Owner {
  return node ? { [RuntimeLabel.managedBy]: MANAGER, [RuntimeLabel.node]: node } : { [RuntimeLabel.managedBy]: MANAGER };
}

function podLabels(pod: PodIdentity, owner: Owner): Record<string, string> {
  return {
    [RuntimeLabel.podUid]: pod.uid,
    [RuntimeLabel.podNamespace]: pod.namespace,
    [RuntimeLabel.podName]: pod.name,
    ...owner,
  };
}

/** The pod's own labels first, so none of them can override skiff's. */
export function sandboxLabels(config: SandboxConfig, owner: Owner): Record<string, string> {
  return {
    ...config.podLabels,
    ...podLabels(config.pod, owner),
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
  owner: Owner,
): Record<string, string> {
  return {
    ...podLabels(pod, owner),
    [RuntimeLabel.containerName]: config.name,
    [RuntimeLabel.type]: CONTAINER_TYPE,
    [RuntimeLabel.attempt]: String(config.attempt),
    [RuntimeLabel.specHash]: config.specHash,
    [RuntimeLabel.sandboxId]: sandboxId,
    // The file on the node's disk: what status reads after the container exited.
    [RuntimeLabel.terminationMessagePath]: terminationMessageFile,
  };
}

/** Docker's `label` filter for what this runtime made of one type, narrowed by more labels. */
export function managedFilter(owner: Owner, type: string, extra: Record<string, string | undefined> = {}): { label: string[] } {
  const label = [...ownerFilter(owner), `${RuntimeLabel.type}=${type}`];
  for (const [key, value] of Object.entries(extra)) if (value !== undefined) label.push(`${key}=${value}`);
  return { label };
}

/** Docker's `label` filter terms for the owner's labels. */
export function ownerFilter(owner: Owner): string[] {
  return Object.entries(owner).map(([key, value]) => `${key}=${value}`);
}

export function isOwnedBy(owner: Owner, labels: Record<string, string> | undefined): boolean {
  return labels !== undefined && Object.entries(owner).every(([key, value]) => labels[key] === value);
}

export function isManaged(owner: Owner, labels: Record<string, string> | undefined, type: string): boolean {
  return isOwnedBy(owner, labels) && labels?.[RuntimeLabel.type] === type;
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
