import { describe, expect, it } from "vitest";
import { autoupdateAnnotation, defaultClusterRoleBindings, defaultClusterRoles } from "../../auth/rbac/default-policy.js";
import { reconcileClusterRole, reconcileClusterRoleBinding } from "./reconcile-default.js";

const basicUser = defaultClusterRoles.find((r) => r.metadata.name === "system:basic-user")!;
const masters = defaultClusterRoleBindings.find((b) => b.metadata.name === "cluster-admin")!;

describe("reconcile of the default policy", () => {
  it("makes a missing default and leaves a complete one alone", () => {
    expect(reconcileClusterRole(basicUser, undefined)).toEqual(basicUser);
    expect(reconcileClusterRole(basicUser, structuredClone(basicUser))).toBeUndefined();
  });

  it("adds back lost rules and subjects while autoupdate is true, keeping what was added", () => {
    const trimmed = { ...structuredClone(basicUser), rules: [{ verbs: ["get"], apiGroups: [""], resources: ["configmaps"] }] };
    expect(reconcileClusterRole(basicUser, trimmed)?.rules).toEqual([...trimmed.rules, ...basicUser.rules]);
    const emptied = { ...structuredClone(masters), subjects: [{ kind: "User", apiGroup: "rbac.authorization.k8s.io", name: "ops" }] };
    expect(reconcileClusterRoleBinding(masters, emptied)?.subjects?.map((s) => s.name)).toEqual(["ops", "system:masters"]);
  });

  it("leaves an object whose autoupdate is not true as the admin made it", () => {
    const pinned = structuredClone(basicUser);
    pinned.rules = [];
    pinned.metadata.annotations = { [autoupdateAnnotation]: "false" };
    expect(reconcileClusterRole(basicUser, pinned)).toBeUndefined();
  });
});
