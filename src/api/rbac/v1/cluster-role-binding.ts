import { z } from "zod";
import { validateObjectMeta, validateObjectMetaUpdate } from "../../meta/v1/object-meta-validation.js";
import { metadataField } from "../../meta/v1/object-meta.js";
import { typeFields } from "../../meta/v1/type-meta.js";
import type { FieldError } from "../../validation/field-error.js";
import { root } from "../../validation/field-path.js";
import { nameIsPathSegment } from "../../validation/object-names.js";
import { roleRefSchema, subjectSchema, validateBindingBody, validateRoleRefUpdate } from "./role-binding.js";

/** A ClusterRoleBinding: grants a ClusterRole to subjects cluster-wide. */
export const clusterRoleBindingSchema = z.object({
  ...typeFields("rbac.authorization.k8s.io/v1", "ClusterRoleBinding"),
  metadata: metadataField,
  subjects: z.array(subjectSchema).optional(),
  roleRef: roleRefSchema.prefault({}),
});
export type ClusterRoleBinding = z.infer<typeof clusterRoleBindingSchema>;

/** Validates a ClusterRoleBinding: a ClusterRole, and service account subjects with a namespace. */
export function validateClusterRoleBinding(binding: ClusterRoleBinding): FieldError[] {
  const errors = validateObjectMeta(binding.metadata, { namespaced: false, name: nameIsPathSegment }, root("metadata"));
  errors.push(...validateBindingBody(binding, ["ClusterRole"], false));
  return errors;
}

/** A ClusterRoleBinding's roleRef is fixed. */
export function validateClusterRoleBindingUpdate(binding: ClusterRoleBinding, old: ClusterRoleBinding): FieldError[] {
  return [...validateObjectMetaUpdate(binding.metadata, old.metadata, root("metadata")), ...validateRoleRefUpdate(binding.roleRef, old.roleRef)];
}
