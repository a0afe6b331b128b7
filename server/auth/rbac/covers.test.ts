import { describe, expect, it } from "vitest";
import type { PolicyRule } from "../../../src/api/rbac/v1/policy-rule.js";
import { compactRule, uncoveredRules } from "./covers.js";

const rule = (verbs: string[], apiGroups: string[], resources: string[], resourceNames?: string[]): PolicyRule => ({
  verbs,
  apiGroups,
  resources,
  ...(resourceNames ? { resourceNames } : {}),
});

describe("uncoveredRules", () => {
  it("finds nothing missing when the owner holds every part", () => {
    const owned = [rule(["get", "list"], [""], ["pods", "secrets"]), rule(["*"], ["apps"], ["*"])];
    expect(uncoveredRules(owned, [rule(["get"], [""], ["pods", "secrets"]), rule(["patch"], ["apps"], ["deployments/scale"])])).toEqual([]);
  });

  it("names each missing verb, resource and group", () => {
    const owned = [rule(["get", "list"], [""], ["pods"])];
    expect(uncoveredRules(owned, [rule(["get", "delete"], ["", "apps"], ["pods"])]).map(compactRule)).toEqual([
      '{APIGroups:[""], Resources:["pods"], Verbs:["delete"]}',
      '{APIGroups:["apps"], Resources:["pods"], Verbs:["get"]}',
      '{APIGroups:["apps"], Resources:["pods"], Verbs:["delete"]}',
    ]);
  });

  it("needs * itself to grant *", () => {
    const owned = [rule(["get", "list", "watch", "create", "update", "patch", "delete", "deletecollection"], [""], ["secrets"])];
    expect(uncoveredRules(owned, [rule(["*"], [""], ["secrets"])]).map(compactRule)).toEqual(['{APIGroups:[""], Resources:["secrets"], Verbs:["*"]}']);
  });

  it("covers a subresource with */sub, and names only with no names or the same names", () => {
    expect(uncoveredRules([rule(["get"], [""], ["*/log"])], [rule(["get"], [""], ["pods/log"])])).toEqual([]);
    expect(uncoveredRules([rule(["get"], [""], ["configmaps"])], [rule(["get"], [""], ["configmaps"], ["a"])])).toEqual([]);
    expect(uncoveredRules([rule(["get"], [""], ["configmaps"], ["a"])], [rule(["get"], [""], ["configmaps"])])).toHaveLength(1);
    expect(uncoveredRules([rule(["get"], [""], ["configmaps"], ["a"])], [rule(["get"], [""], ["configmaps"], ["b"])])).toHaveLength(1);
  });

  it("covers non-resource URLs by prefix", () => {
    const owned: PolicyRule[] = [{ verbs: ["get"], nonResourceURLs: ["/apis/*"] }];
    expect(uncoveredRules(owned, [{ verbs: ["get"], nonResourceURLs: ["/apis/apps"] }])).toEqual([]);
    expect(uncoveredRules(owned, [{ verbs: ["get"], nonResourceURLs: ["/metrics"] }]).map(compactRule)).toEqual(['{NonResourceURLs:["/metrics"], Verbs:["get"]}']);
  });
});
