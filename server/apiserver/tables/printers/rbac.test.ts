import { describe, expect, it } from "vitest";
import { roleBindingPrinter, rolePrinter } from "./rbac.js";

const now = Date.parse("2024-05-01T12:00:00Z");

describe("roles and clusterroles", () => {
  it("NAME and CREATED AT in RFC 3339, UTC, whole seconds", () => {
    expect(rolePrinter.columns.map((c) => [c.name, c.type])).toEqual([
      ["Name", "string"],
      ["Created At", "date"],
    ]);
    const role = { metadata: { name: "pod-reader", creationTimestamp: "2024-04-30T10:15:07+02:00" } };
    expect(rolePrinter.cells(role, now)).toEqual(["pod-reader", "2024-04-30T08:15:07Z"]);
    expect(rolePrinter.cells({ metadata: { name: "x" } }, now)[1]).toBe("0001-01-01T00:00:00Z");
  });
});

describe("rolebindings and clusterrolebindings", () => {
  it("NAME ROLE AGE; USERS GROUPS SERVICEACCOUNTS with -o wide", () => {
    expect(roleBindingPrinter.columns.map((c) => [c.name, c.priority])).toEqual([
      ["Name", 0],
      ["Role", 0],
      ["Age", 0],
      ["Users", 1],
      ["Groups", 1],
      ["ServiceAccounts", 1],
    ]);
  });

  it("the role as Kind/name and subjects by kind", () => {
    const binding = {
      metadata: { name: "read-pods", creationTimestamp: new Date(now - 86_400_000).toISOString() },
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "view" },
      subjects: [
        { kind: "User", name: "jane" },
        { kind: "Group", name: "devs" },
        { kind: "ServiceAccount", name: "ci", namespace: "build" },
        { kind: "User", name: "joe" },
      ],
    };
    expect(roleBindingPrinter.cells(binding, now)).toEqual(["read-pods", "ClusterRole/view", "24h", "jane, joe", "devs", "build/ci"]);
  });
});
