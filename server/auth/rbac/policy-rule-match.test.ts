import { describe, expect, it } from "vitest";
import type { PolicyRule } from "../../../src/api/rbac/v1/policy-rule.js";
import type { RequestAttributes } from "../authorizer.js";
import { ruleAllows } from "./policy-rule-match.js";

const user = { name: "jane", groups: ["system:authenticated"] };
const request = (verb: string, group: string, resource: string, subresource = "", name = ""): RequestAttributes => ({
  kind: "resource",
  user,
  verb,
  group,
  version: "v1",
  resource,
  subresource,
  namespace: "dev",
  name,
  fieldSelector: "",
  labelSelector: "",
});
const path = (verb: string, p: string): RequestAttributes => ({ kind: "nonresource", user, verb, path: p });
const rule = (verbs: string[], apiGroups: string[], resources: string[], resourceNames?: string[]): PolicyRule => ({
  verbs,
  apiGroups,
  resources,
  ...(resourceNames ? { resourceNames } : {}),
});

describe("ruleAllows", () => {
  it.each([
    ["exact verb, group and resource", rule(["get"], [""], ["pods"]), request("get", "", "pods"), true],
    ["another verb", rule(["get"], [""], ["pods"]), request("list", "", "pods"), false],
    ["verb *", rule(["*"], [""], ["pods"]), request("deletecollection", "", "pods"), true],
    ["another group", rule(["get"], [""], ["deployments"]), request("get", "apps", "deployments"), false],
    ["group *", rule(["get"], ["*"], ["deployments"]), request("get", "apps", "deployments"), true],
    ["the main resource does not give a subresource", rule(["get"], [""], ["pods"]), request("get", "", "pods", "log"), false],
    ["a subresource by name", rule(["get"], [""], ["pods/log"]), request("get", "", "pods", "log"), true],
    ["a subresource does not give the main resource", rule(["get"], [""], ["pods/log"]), request("get", "", "pods"), false],
    ["*/scale for any resource's scale", rule(["update"], ["apps"], ["*/scale"]), request("update", "apps", "deployments", "scale"), true],
    ["*/scale not for the resource itself", rule(["update"], ["apps"], ["*/scale"]), request("update", "apps", "deployments"), false],
    ["resource * for subresources too", rule(["create"], [""], ["*"]), request("create", "", "pods", "exec"), true],
    ["a named object", rule(["get"], [""], ["configmaps"], ["app"]), request("get", "", "configmaps", "", "app"), true],
    ["another named object", rule(["get"], [""], ["configmaps"], ["app"]), request("get", "", "configmaps", "", "db"), false],
    ["names never give a collection", rule(["list"], [""], ["configmaps"], ["app"]), request("list", "", "configmaps"), false],
    ["resource rules never give paths", rule(["get"], ["*"], ["*"]), path("get", "/version"), false],
  ])("%s", (_, r, attributes, allowed) => {
    expect(ruleAllows(attributes, r)).toBe(allowed);
  });

  it.each([
    ["/version", "/version", true],
    ["/version", "/version/", false],
    ["/apis/*", "/apis/apps/v1", true],
    ["/apis/*", "/api/v1", false],
    ["*", "/anything", true],
  ])("URL %s for %s: %s", (url, p, allowed) => {
    expect(ruleAllows(path("get", p), { verbs: ["get"], nonResourceURLs: [url] })).toBe(allowed);
    expect(ruleAllows(path("post", p), { verbs: ["get"], nonResourceURLs: [url] })).toBe(false);
  });
});
