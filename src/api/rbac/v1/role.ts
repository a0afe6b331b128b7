import { z } from "zod";
import { validateObjectMeta } from "../../meta/v1/object-meta-validation.js";
import { metadataField } from "../../meta/v1/object-meta.js";
import { typeFields } from "../../meta/v1/type-meta.js";
import type { FieldError } from "../../validation/field-error.js";
import { root } from "../../validation/field-path.js";
import { nameIsPathSegment } from "../../validation/object-names.js";
import { policyRuleSchema, validatePolicyRule } from "./policy-rule.js";

/** A Role: permissions within one namespace. */
export const roleSchema = z.object({
  ...typeFields("rbac.authorization.k8s.io/v1", "Role"),
  metadata: metadataField,
  rules: z.array(policyRuleSchema).default(() => []),
});
export type Role = z.infer<typeof roleSchema>;

/** Validates a Role: a path-segment name and namespaced rules. */
export function validateRole(role: Role): FieldError[] {
  const errors = validateObjectMeta(role.metadata, { namespaced: true, name: nameIsPathSegment }, root("metadata"));
  role.rules.forEach((rule, i) => errors.push(...validatePolicyRule(rule, true, root("rules").index(i))));
  return errors;
}
