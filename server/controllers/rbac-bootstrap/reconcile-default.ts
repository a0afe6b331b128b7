import type { ClusterRoleBinding } from "../../../src/api/rbac/v1/cluster-role-binding.js";
import type { ClusterRole } from "../../../src/api/rbac/v1/cluster-role.js";
import { semanticEqual } from "../../../src/api/validation/common.js";
import { uncoveredRules } from "../../auth/rbac/covers.js";
import { autoupdateAnnotation } from "../../auth/rbac/default-policy.js";

/**
 * What a default ClusterRole should become, as Kubernetes' RBAC bootstrap
 * reconciles it: missing → the default; present with autoupdate "true" →
 * its own rules plus the default rules it does not cover, and the default
 * aggregationRule when it has none. Undefined: leave it as it is.
 */
export function reconcileClusterRole(wanted: ClusterRole, existing: ClusterRole | undefined): ClusterRole | undefined {
  if (!existing) return structuredClone(wanted);
  if (existing.metadata.annotations?.[autoupdateAnnotation] !== "true") return undefined;
  const missing = wanted.rules.filter((rule) => uncoveredRules(existing.rules, [rule]).length > 0);
  const needsAggregation = wanted.aggregationRule !== undefined && existing.aggregationRule === undefined;
  if (missing.length === 0 && !needsAggregation) return undefined;
  const next = structuredClone(existing);
  next.rules = [...next.rules, ...structuredClone(missing)];
  if (needsAggregation) next.aggregationRule = structuredClone(wanted.aggregationRule);
  return next;
}

/** The same for a default ClusterRoleBinding: the default subjects it lacks are added back. */
export function reconcileClusterRoleBinding(wanted: ClusterRoleBinding, existing: ClusterRoleBinding | undefined): ClusterRoleBinding | undefined {
  if (!existing) return structuredClone(wanted);
  if (existing.metadata.annotations?.[autoupdateAnnotation] !== "true") return undefined;
  const subjects = existing.subjects ?? [];
  const missing = (wanted.subjects ?? []).filter((s) => !subjects.some((held) => semanticEqual(held, s)));
  if (missing.length === 0) return undefined;
  return { ...structuredClone(existing), subjects: [...subjects, ...structuredClone(missing)] };
}
