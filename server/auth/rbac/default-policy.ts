import type { ClusterRoleBinding } from "../../../src/api/rbac/v1/cluster-role-binding.js";
import type { ClusterRole } from "../../../src/api/rbac/v1/cluster-role.js";
import type { PolicyRule } from "../../../src/api/rbac/v1/policy-rule.js";
import { RBAC_GROUP } from "../../../src/api/rbac/v1/role-binding.js";
import { wellKnownGroups } from "../user.js";

/**
 * The roles and bindings every server starts with: Kubernetes' RBAC
 * bootstrap policy (plugin/pkg/auth/authorizer/rbac/bootstrappolicy),
 * restricted to the resources skiff serves.
 */

/** Set on every default object: the server puts back what is missing while it is "true". */
export const autoupdateAnnotation = "rbac.authorization.kubernetes.io/autoupdate";
const bootstrapLabel = { "kubernetes.io/bootstrapping": "rbac-defaults" };
export const aggregateToLabel = (role: "admin" | "edit" | "view"): string => `rbac.authorization.k8s.io/aggregate-to-${role}`;

const read = ["get", "list", "watch"];
const write = ["create", "delete", "deletecollection", "patch", "update"];
const readWrite = [...read, ...write];
const rule = (verbs: string[], apiGroups: string[], resources: string[]): PolicyRule => ({ verbs, apiGroups, resources });
const urls = (verbs: string[], nonResourceURLs: string[]): PolicyRule => ({ verbs, nonResourceURLs });

function clusterRole(name: string, rules: PolicyRule[], labels: Record<string, string> = {}, aggregateFrom?: string): ClusterRole {
  const role: ClusterRole = {
    apiVersion: "rbac.authorization.k8s.io/v1",
    kind: "ClusterRole",
    metadata: { name, labels: { ...bootstrapLabel, ...labels }, annotations: { [autoupdateAnnotation]: "true" } },
    rules,
  };
  if (aggregateFrom) role.aggregationRule = { clusterRoleSelectors: [{ matchLabels: { [aggregateFrom]: "true" } }] };
  return role;
}

function clusterRoleBinding(name: string, role: string, groups: string[]): ClusterRoleBinding {
  return {
    apiVersion: "rbac.authorization.k8s.io/v1",
    kind: "ClusterRoleBinding",
    metadata: { name, labels: { ...bootstrapLabel }, annotations: { [autoupdateAnnotation]: "true" } },
    roleRef: { apiGroup: RBAC_GROUP, kind: "ClusterRole", name: role },
    subjects: groups.map((group) => ({ kind: "Group", apiGroup: RBAC_GROUP, name: group })),
  };
}

const viewRules: PolicyRule[] = [
  rule(read, [""], ["pods", "serviceaccounts", "services", "services/status", "endpoints", "configmaps"]),
  rule(read, [""], ["events", "pods/log", "pods/status", "namespaces/status"]),
  rule(read, [""], ["namespaces"]),
  rule(read, ["discovery.k8s.io"], ["endpointslices"]),
  rule(read, ["apps"], [
    "daemonsets",
    "daemonsets/status",
    "deployments",
    "deployments/scale",
    "deployments/status",
    "replicasets",
    "replicasets/scale",
    "replicasets/status",
  ]),
  rule(read, ["batch"], ["jobs", "jobs/status"]),
];

const editRules: PolicyRule[] = [
  // Reading these lets a user act as the workloads (exec) or read credentials, so view does not have them.
  rule(read, [""], ["pods/exec", "secrets"]),
  rule(["impersonate"], [""], ["serviceaccounts"]),
  rule(write, [""], ["pods", "pods/exec"]),
  rule(["create"], [""], ["pods/eviction"]),
  // Not endpoints or endpointslices: writing them redirects a Service's traffic (Kubernetes took them out of edit, CVE-2021-25740).
  rule(write, [""], ["serviceaccounts", "services", "configmaps", "secrets", "events"]),
  rule(write, ["apps"], ["daemonsets", "deployments", "deployments/scale", "replicasets", "replicasets/scale"]),
  rule(write, ["batch"], ["jobs"]),
];

const adminRules: PolicyRule[] = [rule(readWrite, [RBAC_GROUP], ["roles", "rolebindings"])];

/** Non-resource paths every authenticated user may read: discovery, the API documents, version and probes. */
const discoveryURLs = ["/api", "/api/*", "/apis", "/apis/*", "/healthz", "/livez", "/openapi", "/openapi/*", "/readyz", "/version", "/version/"];
const publicInfoURLs = ["/healthz", "/livez", "/readyz", "/version", "/version/"];

export const defaultClusterRoles: readonly ClusterRole[] = [
  clusterRole("cluster-admin", [rule(["*"], ["*"], ["*"]), urls(["*"], ["*"])]),
  clusterRole("admin", [], {}, aggregateToLabel("admin")),
  clusterRole("edit", [], { [aggregateToLabel("admin")]: "true" }, aggregateToLabel("edit")),
  clusterRole("view", [], { [aggregateToLabel("edit")]: "true" }, aggregateToLabel("view")),
  clusterRole("system:aggregate-to-admin", adminRules, { [aggregateToLabel("admin")]: "true" }),
  clusterRole("system:aggregate-to-edit", editRules, { [aggregateToLabel("edit")]: "true" }),
  clusterRole("system:aggregate-to-view", viewRules, { [aggregateToLabel("view")]: "true" }),
  clusterRole("system:discovery", [urls(["get"], discoveryURLs)]),
  clusterRole("system:public-info-viewer", [urls(["get"], publicInfoURLs)]),
  clusterRole("system:basic-user", [
    rule(["create"], ["authorization.k8s.io"], ["selfsubjectaccessreviews", "selfsubjectrulesreviews"]),
    rule(["create"], ["authentication.k8s.io"], ["selfsubjectreviews"]),
  ]),
];

export const defaultClusterRoleBindings: readonly ClusterRoleBinding[] = [
  clusterRoleBinding("cluster-admin", "cluster-admin", [wellKnownGroups.masters]),
  clusterRoleBinding("system:discovery", "system:discovery", [wellKnownGroups.authenticated]),
  clusterRoleBinding("system:public-info-viewer", "system:public-info-viewer", [wellKnownGroups.authenticated, "system:unauthenticated"]),
  clusterRoleBinding("system:basic-user", "system:basic-user", [wellKnownGroups.authenticated]),
];
