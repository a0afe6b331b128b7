import { describe, expect, it } from "vitest";
import type { ClusterRole } from "../../../src/api/rbac/v1/cluster-role.js";
import { aggregatedRules } from "./aggregate-rules.js";

const role = (name: string, labels: Record<string, string>, resources: string[], aggregateFrom?: string): ClusterRole => ({
  apiVersion: "rbac.authorization.k8s.io/v1",
  kind: "ClusterRole",
  metadata: { name, labels },
  rules: resources.map((r) => ({ verbs: ["get"], apiGroups: [""], resources: [r] })),
  ...(aggregateFrom ? { aggregationRule: { clusterRoleSelectors: [{ matchLabels: { [aggregateFrom]: "true" } }] } } : {}),
});

describe("aggregatedRules", () => {
  it("unites the rules of the matching roles by name, each once, leaving out the role itself", () => {
    const view = role("view", { "to-edit": "true", "to-view": "true" }, ["stale"], "to-view");
    const all = [view, role("z-extra", { "to-view": "true" }, ["secrets", "pods"]), role("a-base", { "to-view": "true" }, ["pods"]), role("other", {}, ["nodes"])];
    expect(aggregatedRules(view, all)?.map((r) => r.resources?.[0])).toEqual(["pods", "secrets"]);
  });

  it("is undefined for a role without an aggregationRule, and empty when nothing matches", () => {
    expect(aggregatedRules(role("plain", {}, ["pods"]), [])).toBeUndefined();
    expect(aggregatedRules(role("agg", {}, ["pods"], "nobody"), [role("x", {}, ["pods"])])).toEqual([]);
  });
});
