import { describe, expect, it } from "vitest";
import { decodeObject } from "../../decode.js";
import { formatFieldError } from "../../validation/field-error.js";
import { validateRoleBindingUpdate, type RoleBinding } from "./role-binding.js";

const rbac = (kind: string, body: Record<string, unknown>, name = "controller") => ({
  apiVersion: "rbac.authorization.k8s.io/v1",
  kind,
  metadata: { name },
  ...body,
});
const problems = (kind: string, body: Record<string, unknown>, name?: string): string[] => {
  const result = decodeObject(rbac(kind, body, name));
  return result.ok ? [] : result.errors.map(formatFieldError);
};

describe("roles", () => {
  it("accept colon names and complete rules", () => {
    expect(problems("ClusterRole", { rules: [{ apiGroups: [""], resources: ["pods"], verbs: ["get", "list"] }, { nonResourceURLs: ["/healthz"], verbs: ["get"] }] }, "system:controller:x")).toEqual([]);
  });

  it("need verbs, groups and resources; URLs only cluster-wide", () => {
    expect(problems("Role", { rules: [{ resources: ["pods"] }, { nonResourceURLs: ["/metrics"], verbs: ["get"] }] }, "a/b")).toEqual([
      "metadata.name: Invalid value: \"a/b\": may not contain '/'",
      "rules[0].verbs: Required value: verbs must contain at least one value",
      "rules[0].apiGroups: Required value: resource rules must supply at least one api group",
      'rules[1].nonResourceURLs: Invalid value: ["/metrics"]: namespaced rules cannot apply to non-resource URLs',
    ]);
    expect(problems("ClusterRole", { aggregationRule: {} })).toEqual([
      "aggregationRule.clusterRoleSelectors: Required value: at least one clusterRoleSelector required if aggregationRule is non-nil",
    ]);
  });
});

describe("bindings", () => {
  function decodeBinding(body: Record<string, unknown>): RoleBinding {
    const result = decodeObject(rbac("RoleBinding", body));
    if (!result.ok) throw new Error(result.errors.map(formatFieldError).join("\n"));
    if (result.object.kind !== "RoleBinding") throw new Error(`decoded a ${result.object.kind}`);
    return result.object;
  }

  it("default the RBAC API group for roles, users and groups", () => {
    const binding = decodeBinding({
      roleRef: { kind: "Role", name: "reader" },
      subjects: [{ kind: "User", name: "jane" }, { kind: "ServiceAccount", name: "robot", namespace: "ci" }],
    });
    expect(binding.roleRef.apiGroup).toBe("rbac.authorization.k8s.io");
    expect(binding.subjects).toEqual([
      { kind: "User", name: "jane", apiGroup: "rbac.authorization.k8s.io" },
      { kind: "ServiceAccount", name: "robot", namespace: "ci" },
    ]);
  });

  it("check the role reference and subjects", () => {
    expect(problems("ClusterRoleBinding", { roleRef: { kind: "Role", name: "" }, subjects: [{ kind: "ServiceAccount", name: "robot" }, { kind: "Robot", name: "r2" }] })).toEqual([
      'roleRef.kind: Unsupported value: "Role": supported values: "ClusterRole"',
      "roleRef.name: Required value",
      "subjects[0].namespace: Required value",
      'subjects[1].kind: Unsupported value: "Robot": supported values: "ServiceAccount", "User", "Group"',
    ]);
  });

  it("never change their role", () => {
    const old = decodeBinding({ roleRef: { kind: "Role", name: "reader" } });
    const next = decodeBinding({ roleRef: { kind: "Role", name: "writer" } });
    expect(validateRoleBindingUpdate(next, old).map(formatFieldError)).toEqual([
      'roleRef: Invalid value: {"apiGroup":"rbac.authorization.k8s.io","kind":"Role","name":"writer"}: cannot change roleRef',
    ]);
  });
});
