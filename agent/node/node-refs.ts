import type { ObjectReference } from "../../src/api/core/v1/object-reference.js";
import type { ResourceRef } from "../../src/client/rest/paths.js";

export const nodesRef: ResourceRef = { group: "", version: "v1", resource: "nodes", namespaced: false };
export const leasesRef: ResourceRef = { group: "coordination.k8s.io", version: "v1", resource: "leases", namespaced: true };
export const nodeLeaseNamespace = "kube-node-lease";

/** The Node as Events name it: the kubelet uses the node's name as its uid there. */
export const nodeEventRef = (nodeName: string): ObjectReference => ({ kind: "Node", name: nodeName, uid: nodeName });
