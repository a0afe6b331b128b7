import { z } from "zod";
import { selectorFromLabelSelector, validateLabelSelector } from "../../labels/index.js";
import { labelSelectorSchema } from "../../meta/v1/label-selector.js";
import { validateObjectMeta } from "../../meta/v1/object-meta-validation.js";
import { metadataField } from "../../meta/v1/object-meta.js";
import { typeFields } from "../../meta/v1/type-meta.js";
import { invalid, required, type FieldError } from "../../validation/field-error.js";
import { root } from "../../validation/field-path.js";
import { nameIsPathSegment } from "../../validation/object-names.js";
import { policyRuleSchema, validatePolicyRule } from "./policy-rule.js";

/** A ClusterRole: permissions cluster-wide, or rules aggregated from the ClusterRoles its selectors pick. */
export const clusterRoleSchema = z.object({
  ...typeFields("rbac.authorization.k8s.io/v1", "ClusterRole"),
  metadata: metadataField,
  rules: z.array(policyRuleSchema).default(() => []),
  aggregationRule: z.object({ clusterRoleSelectors: z.array(labelSelectorSchema).optional() }).optional(),
});
export type ClusterRole = z.infer<typeof clusterRoleSchema>;

/** Validates a ClusterRole: a path-segment name, its rules, and selectors when it aggregates. */
export function validateClusterRole(role: ClusterRole): FieldError[] {
  const errors = validateObjectMeta(role.metadata, { namespaced: false, name: nameIsPathSegment }, root("metadata"));
  role.rules.forEach((rule, i) => errors.push(...validatePolicyRule(rule, false, root("rules").index(i))));
  if (role.aggregationRule) {
    const path = root("aggregationRule").child("clusterRoleSelectors");
    const selectors = role.aggregationRule.clusterRoleSelectors ?? [];
    if (selectors.length === 0) {
      errors.push(required(path, "at least one clusterRoleSelector required if aggregationRule is non-nil"));
    }
    selectors.forEach((selector, i) => {
      const found = validateLabelSelector(selector, path.index(i));
      errors.push(...found);
      if (found.length === 0 && !selectorFromLabelSelector(selector).ok) errors.push(invalid(path.index(i), selector, "invalid label selector."));
    });
  }
  return errors;
}
