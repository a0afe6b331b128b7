import type { Pod } from "../../../src/api/core/v1/pod.js";
import type { IndexFunction, SharedInformer } from "../../../src/client/informer/index.js";
import type { ApiObject } from "../../../src/client/rest/rest-client.js";
import type { ResourceRef } from "../../../src/client/rest/paths.js";

export const nodesRef: ResourceRef = { group: "", version: "v1", resource: "nodes", namespaced: false };
export const podsRef: ResourceRef = { group: "", version: "v1", resource: "pods", namespaced: true };
export const leasesRef: ResourceRef = { group: "coordination.k8s.io", version: "v1", resource: "leases", namespaced: true };
/** Where every node's heartbeat Lease lives, named as the node. */
export const nodeLeaseNamespace = "kube-node-lease";

/** The taints the node controllers own (Kubernetes' well-known node taints). */
export const notReadyTaintKey = "node.kubernetes.io/not-ready";
export const unreachableTaintKey = "node.kubernetes.io/unreachable";
export const unschedulableTaintKey = "node.kubernetes.io/unschedulable";

/** An index of pods by the node they are bound to, shared by the node lifecycle and taint eviction controllers. */
export const podsByNodeIndex = "node-lifecycle/by-node";
export const podsByNode: IndexFunction<Pick<Pod, "spec">> = (pod) => (pod.spec?.nodeName ? [pod.spec.nodeName] : []);

/** Adds the pods-by-node index unless the (shared) informer has it from the other node controller. */
export function indexPodsByNode<T extends ApiObject & Pick<Pod, "spec">>(pods: SharedInformer<T>): void {
  try {
    pods.addIndex(podsByNodeIndex, podsByNode);
  } catch {
    // The only refusal is a name already used: the index is there.
  }
}
