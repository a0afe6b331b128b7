import type { PolicyRule } from "../../../src/api/rbac/v1/policy-rule.js";
import type { RequestAttributes } from "../authorizer.js";

/** RBAC's wildcard for verbs, API groups, resources and non-resource URLs. */
export const all = "*";

export const verbMatches = (rule: PolicyRule, verb: string): boolean => rule.verbs.includes(all) || rule.verbs.includes(verb);

export const apiGroupMatches = (rule: PolicyRule, group: string): boolean =>
  (rule.apiGroups ?? []).some((g) => g === all || g === group);

/**
 * `pods` matches the pods themselves, `pods/log` their logs, `*` everything
 * and `*\/scale` the scale subresource of any resource, as Kubernetes reads
 * a rule's resources.
 */
export function resourceMatches(rule: PolicyRule, resource: string, subresource: string): boolean {
  const combined = subresource ? `${resource}/${subresource}` : resource;
  return (rule.resources ?? []).some(
    (r) => r === all || r === combined || (subresource !== "" && r === `*/${subresource}`),
  );
}

/** No names in the rule: any object; names: only those (never a whole collection). */
export function resourceNameMatches(rule: PolicyRule, name: string): boolean {
  const names = rule.resourceNames ?? [];
  return names.length === 0 || (name !== "" && names.includes(name));
}

/** `/healthz` exactly, `/apis/*` anything under /apis/, `*` every path. */
export function nonResourceURLMatches(rule: PolicyRule, path: string): boolean {
  return (rule.nonResourceURLs ?? []).some(
    (url) => url === all || url === path || (url.endsWith("*") && path.startsWith(url.slice(0, -1))),
  );
}

/** Whether one rule allows a request. */
export function ruleAllows(attributes: RequestAttributes, rule: PolicyRule): boolean {
  if (attributes.kind === "nonresource") return verbMatches(rule, attributes.verb) && nonResourceURLMatches(rule, attributes.path);
  return (
    verbMatches(rule, attributes.verb) &&
    apiGroupMatches(rule, attributes.group) &&
    resourceMatches(rule, attributes.resource, attributes.subresource) &&
    resourceNameMatches(rule, attributes.name)
  );
}
