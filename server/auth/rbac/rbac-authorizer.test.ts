import { describe, expect, it } from "vitest";
import type { ClusterRoleBinding } from "../../../src/api/rbac/v1/cluster-role-binding.js";
import type { ClusterRole } from "../../../src/api/rbac/v1/cluster-role.js";
import type { RoleBinding, Subject } from "../../../src/api/rbac/v1/role-binding.js";
import type { Role } from "../../../src/api/rbac/v1/role.js";
import type { ResourceAttributes } from "../authorizer.js";
import type { UserInfo } from "../user.js";
import { rbacAuthorizer } from "./rbac-authorizer.js";
import type { RbacPolicy } from "./rbac-policy.js";

const group = "rbac.authorization.k8s.io";
const podReader = { verbs: ["get", "list"], apiGroups: [""], resources: ["pods"] };

function policy(parts: { roles?: Role[]; clusterRoles?: ClusterRole[]; roleBindings?: RoleBinding[]; clusterRoleBindings?: ClusterRoleBinding[]; synced?: boolean }): RbacPolicy {
  return {
    hasSynced: () => parts.synced ?? true,
    role: (ns, name) => parts.roles?.find((r) => r.metadata.namespace === ns && r.metadata.name === name),
    clusterRole: (name) => parts.clusterRoles?.find((r) => r.metadata.name === name),
    roleBindings: (ns) => (parts.roleBindings ?? []).filter((b) => b.metadata.namespace === ns),
    clusterRoleBindings: () => parts.clusterRoleBindings ?? [],
  };
}

const clusterRole = (name: string): ClusterRole => ({ apiVersion: `${group}/v1`, kind: "ClusterRole", metadata: { name }, rules: [podReader] });
const role = (namespace: string, name: string): Role => ({ apiVersion: `${group}/v1`, kind: "Role", metadata: { namespace, name }, rules: [podReader] });
const roleBinding = (namespace: string, kind: "Role" | "ClusterRole", roleName: string, subjects: Subject[]): RoleBinding => ({
  apiVersion: `${group}/v1`,
  kind: "RoleBinding",
  metadata: { namespace, name: "b" },
  roleRef: { apiGroup: group, kind, name: roleName },
  subjects,
});
const listPods = (user: UserInfo, namespace: string): ResourceAttributes => ({
  kind: "resource",
  user,
  verb: "list",
  group: "",
  version: "v1",
  resource: "pods",
  subresource: "",
  namespace,
  name: "",
  fieldSelector: "",
  labelSelector: "",
});
const jane: UserInfo = { name: "jane", groups: ["devs", "system:authenticated"] };
const robot: UserInfo = { name: "system:serviceaccount:dev:robot", groups: ["system:serviceaccounts"] };

describe("rbacAuthorizer", () => {
  it("scopes a RoleBinding to a ClusterRole to the binding's namespace", async () => {
    const authorizer = rbacAuthorizer(policy({ clusterRoles: [clusterRole("reader")], roleBindings: [roleBinding("dev", "ClusterRole", "reader", [{ kind: "User", name: "jane" }])] }));
    expect(await authorizer.authorize(listPods(jane, "dev"))).toEqual({ decision: "allow", reason: 'RBAC: allowed by RoleBinding "b/dev" of ClusterRole "reader" to User "jane"' });
    expect((await authorizer.authorize(listPods(jane, "prod"))).decision).toBe("no-opinion");
    expect((await authorizer.authorize(listPods(jane, ""))).decision).toBe("no-opinion");
  });

  it("matches groups, and service accounts with or without the subject's namespace", async () => {
    const bindings = [
      roleBinding("dev", "Role", "reader", [{ kind: "Group", name: "devs" }]),
      roleBinding("dev", "Role", "reader", [{ kind: "ServiceAccount", name: "robot" }]),
    ];
    const authorizer = rbacAuthorizer(policy({ roles: [role("dev", "reader")], roleBindings: bindings }));
    expect((await authorizer.authorize(listPods(jane, "dev"))).decision).toBe("allow");
    expect((await authorizer.authorize(listPods(robot, "dev"))).decision).toBe("allow");
    const other: UserInfo = { name: "system:serviceaccount:ci:robot", groups: [] };
    expect((await authorizer.authorize(listPods(other, "dev"))).decision).toBe("no-opinion");
  });

  it("grants nothing through a binding to a missing role, a Role in another namespace, or before sync", async () => {
    const bindings = [roleBinding("dev", "Role", "reader", [{ kind: "User", name: "jane" }])];
    expect((await rbacAuthorizer(policy({ roleBindings: bindings })).authorize(listPods(jane, "dev"))).decision).toBe("no-opinion");
    expect((await rbacAuthorizer(policy({ roles: [role("prod", "reader")], roleBindings: bindings })).authorize(listPods(jane, "dev"))).decision).toBe("no-opinion");
    const everything = policy({ roles: [role("dev", "reader")], roleBindings: bindings, synced: false });
    expect(await rbacAuthorizer(everything).authorize(listPods(jane, "dev"))).toEqual({ decision: "no-opinion", reason: "RBAC: the authorization policy is still loading" });
  });

  it("applies ClusterRoleBindings everywhere, cluster scope included", async () => {
    const binding: ClusterRoleBinding = {
      apiVersion: `${group}/v1`,
      kind: "ClusterRoleBinding",
      metadata: { name: "all-readers" },
      roleRef: { apiGroup: group, kind: "ClusterRole", name: "reader" },
      subjects: [{ kind: "ServiceAccount", name: "robot", namespace: "dev" }],
    };
    const authorizer = rbacAuthorizer(policy({ clusterRoles: [clusterRole("reader")], clusterRoleBindings: [binding] }));
    expect((await authorizer.authorize(listPods(robot, ""))).decision).toBe("allow");
    expect((await authorizer.authorize(listPods(robot, "prod"))).decision).toBe("allow");
    expect((await authorizer.authorize(listPods(jane, "prod"))).decision).toBe("no-opinion");
  });
});
