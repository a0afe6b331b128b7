import type { PodSpec } from "../../../src/api/core/v1/pod-spec.js";
import { type PodObject, isBeingDeleted } from "../workload/pod-state.js";
import { targetNodeName } from "./node-affinity.js";
import { revisionHashLabel } from "./template-hash.js";

/** A daemon pod as the controller reads it from the cache. */
export type DaemonPod = PodObject & { spec?: Partial<PodSpec> | undefined };

/** The DaemonSet's pods by the node each is for; pods for no node at all under "". */
export function podsByNode(pods: readonly DaemonPod[]): Map<string, DaemonPod[]> {
  const byNode = new Map<string, DaemonPod[]>();
  for (const pod of pods) {
    const node = targetNodeName(pod.spec) ?? "";
    const list = byNode.get(node);
    if (list === undefined) byNode.set(node, [pod]);
    else list.push(pod);
  }
  return byNode;
}

/** True for a pod of the current template (by its revision hash). */
export function isPodUpdated(pod: DaemonPod, hash: string): boolean {
  const labels = pod.metadata?.labels;
  return typeof labels === "object" && labels !== null && (labels as Record<string, unknown>)[revisionHashLabel] === hash;
}

/** True while the pod is being deleted. */
/**
 * Kubernetes' podByCreationTimestampAndPhase: bound pods first, then the
 * oldest, then by name. The first of a node's pods is the one that counts.
 */
export function compareDaemonPods(a: DaemonPod, b: DaemonPod): number {
  const boundA = Boolean(a.spec?.nodeName);
  const boundB = Boolean(b.spec?.nodeName);
  if (boundA !== boundB) return boundA ? -1 : 1;
  const createdA = String(a.metadata?.creationTimestamp ?? "");
  const createdB = String(b.metadata?.creationTimestamp ?? "");
  if (createdA !== createdB) return Date.parse(createdA) - Date.parse(createdB);
  const nameA = a.metadata?.name ?? "";
  const nameB = b.metadata?.name ?? "";
  return nameA < nameB ? -1 : nameA > nameB ? 1 : 0;
}

/**
 * Kubernetes' findUpdatedPodsOnNode: the node's one pod of the current
 * template and its one older pod, ignoring pods being deleted; undefined
 * when there are two of either (the manage step prunes those first).
 */
export function updatedAndOldPod(pods: readonly DaemonPod[], hash: string): { newPod?: DaemonPod; oldPod?: DaemonPod } | undefined {
  let newPod: DaemonPod | undefined;
  let oldPod: DaemonPod | undefined;
  for (const pod of pods) {
    if (isBeingDeleted(pod)) continue;
    if (isPodUpdated(pod, hash)) {
      if (newPod !== undefined) return undefined;
      newPod = pod;
    } else {
      if (oldPod !== undefined) return undefined;
      oldPod = pod;
    }
  }
  return { ...(newPod ? { newPod } : {}), ...(oldPod ? { oldPod } : {}) };
}
