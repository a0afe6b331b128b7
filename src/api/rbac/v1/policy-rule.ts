import { z } from "zod";
import { invalid, required, type FieldError } from "../../validation/field-error.js";
import type { FieldPath } from "../../validation/field-path.js";

/** One permission: verbs on resources of API groups (or on non-resource URLs, cluster-wide only). */
export const policyRuleSchema = z.object({
  verbs: z.array(z.string()).default(() => []),
  apiGroups: z.array(z.string()).optional(),
  resources: z.array(z.string()).optional(),
  resourceNames: z.array(z.string()).optional(),
  nonResourceURLs: z.array(z.string()).optional(),
});
export type PolicyRule = z.infer<typeof policyRuleSchema>;

/** A rule needs verbs, and either resources with API groups or (cluster-wide) non-resource URLs. */
export function validatePolicyRule(rule: PolicyRule, namespaced: boolean, path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  if (rule.verbs.length === 0) errors.push(required(path.child("verbs"), "verbs must contain at least one value"));
  const urls = rule.nonResourceURLs ?? [];
  if (urls.length > 0) {
    if (namespaced) errors.push(invalid(path.child("nonResourceURLs"), urls, "namespaced rules cannot apply to non-resource URLs"));
    const resourceParts = [rule.apiGroups, rule.resources, rule.resourceNames].some((list) => (list ?? []).length > 0);
    if (resourceParts) {
      errors.push(invalid(path.child("nonResourceURLs"), urls, "rules cannot apply to both regular resources and non-resource URLs"));
    }
    return errors;
  }
  if ((rule.apiGroups ?? []).length === 0) errors.push(required(path.child("apiGroups"), "resource rules must supply at least one api group"));
  if ((rule.resources ?? []).length === 0) errors.push(required(path.child("resources"), "resource rules must supply at least one resource"));
  return errors;
}
