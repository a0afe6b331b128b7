import type { Cell } from "./cells.js";
import { matrixNamespace } from "./fixtures.js";

/** Whether an identity may make a request of the matrix: its policy, written out by hand from Kubernetes' rules. */
export type Expectation = (cell: Cell) => boolean;

const reads = new Set(["get", "list", "watch"]);
const resourceName = (cell: Cell): string => cell.resource.name;
const inGroup = (cell: Cell, group: string, ...names: string[]): boolean => cell.resource.group === group && names.includes(resourceName(cell));

/** The namespace a request is in as RBAC sees it: a Namespace object's own name counts as its namespace. */
function scopeOf(cell: Cell): string {
  return resourceName(cell).split("/")[0] === "namespaces" && cell.name !== "" ? cell.name : cell.namespace;
}

/** Reviews about oneself: every authenticated identity may ask (system:basic-user). */
function isSelfReview(cell: Cell): boolean {
  return ["SelfSubjectAccessReview", "SelfSubjectRulesReview", "SelfSubjectReview"].includes(cell.resource.kind) && cell.verb === "create";
}

export const admin: Expectation = () => true;

/** Bound to nothing: only the reviews about itself. */
export const unbound: Expectation = isSelfReview;

/**
 * jane: a RoleBinding in the matrix namespace to the Role written in the
 * test: everything on pods and configmaps (not their subresources),
 * reading deployments, their scale, and getting the one Secret secret-1.
 */
export const boundUser: Expectation = (cell) => {
  if (isSelfReview(cell)) return true;
  if (scopeOf(cell) !== matrixNamespace) return false;
  if (inGroup(cell, "", "pods", "configmaps")) return true;
  if (inGroup(cell, "apps", "deployments")) return reads.has(cell.verb);
  if (inGroup(cell, "apps", "deployments/scale")) return ["get", "update", "patch"].includes(cell.verb);
  if (inGroup(cell, "", "secrets")) return cell.verb === "get" && cell.name === "secret-1";
  return false;
};

/** What Kubernetes' `view` ClusterRole reads, among the resources skiff serves. */
const viewed: ReadonlyArray<[string, string[]]> = [
  ["", ["configmaps", "endpoints", "pods", "pods/log", "pods/status", "serviceaccounts", "services", "services/status", "events", "namespaces", "namespaces/status"]],
  ["apps", ["daemonsets", "daemonsets/status", "deployments", "deployments/scale", "deployments/status", "replicasets", "replicasets/status", "replicasets/scale"]],
  ["batch", ["jobs", "jobs/status"]],
  ["discovery.k8s.io", ["endpointslices"]],
];

/** A ServiceAccount bound in the matrix namespace to the `view` ClusterRole. */
export const viewer: Expectation = (cell) => {
  if (isSelfReview(cell)) return true;
  if (scopeOf(cell) !== matrixNamespace || !reads.has(cell.verb)) return false;
  return viewed.some(([group, names]) => inGroup(cell, group, ...names));
};

/**
 * The node pi-1 (node authorizer + NodeRestriction): side 1 holds its own
 * objects (its Node, Lease, the pod bound to it and what that pod uses),
 * side 2 another node's.
 */
export const node: Expectation = (cell) => {
  if (isSelfReview(cell)) return true;
  const own = cell.side === 1;
  const verb = cell.verb;
  if (inGroup(cell, "", "services", "endpoints") || inGroup(cell, "discovery.k8s.io", "endpointslices")) return reads.has(verb);
  if (inGroup(cell, "", "nodes")) {
    if (reads.has(verb)) return true;
    return own && ["create", "update", "patch"].includes(verb);
  }
  if (inGroup(cell, "", "nodes/status")) return own && ["get", "update", "patch"].includes(verb);
  if (inGroup(cell, "coordination.k8s.io", "leases")) return own && ["get", "create", "update", "patch", "delete"].includes(verb);
  if (inGroup(cell, "", "pods")) return own && verb === "get";
  if (inGroup(cell, "", "pods/status")) return own && ["get", "update", "patch"].includes(verb);
  if (inGroup(cell, "", "secrets", "configmaps", "serviceaccounts")) return own && verb === "get";
  if (inGroup(cell, "", "serviceaccounts/token")) return own && verb === "create";
  if (inGroup(cell, "", "events")) return ["create", "update", "patch"].includes(verb);
  return false;
};
