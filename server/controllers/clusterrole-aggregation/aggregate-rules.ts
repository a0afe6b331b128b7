import type { ClusterRole } from "../../../src/api/rbac/v1/cluster-role.js";
import type { PolicyRule } from "../../../src/api/rbac/v1/policy-rule.js";
import { selectorFromLabelSelector } from "../../../src/api/labels/index.js";
import { semanticEqual } from "../../../src/api/validation/common.js";

/**
 * The rules an aggregated ClusterRole should hold: those of every other
 * ClusterRole one of its selectors matches, by role name, each rule once
 * (Kubernetes' ClusterRoleAggregationController). Undefined for a role that
 * does not aggregate.
 */
export function aggregatedRules(role: ClusterRole, all: readonly ClusterRole[]): PolicyRule[] | undefined {
  const selectors = role.aggregationRule?.clusterRoleSelectors;
  if (!selectors) return undefined;
  const matchers = selectors.flatMap((s) => {
    const built = selectorFromLabelSelector(s);
    return built.ok ? [built.value] : [];
  });
  const rules: PolicyRule[] = [];
  const sources = [...all]
    .filter((other) => other.metadata.name !== role.metadata.name)
    .filter((other) => matchers.some((m) => m.matches(other.metadata.labels ?? {})))
    .sort((a, b) => (a.metadata.name ?? "").localeCompare(b.metadata.name ?? ""));
  for (const source of sources) {
    for (const rule of source.rules) if (!rules.some((held) => semanticEqual(held, rule))) rules.push(rule);
  }
  return rules;
}
