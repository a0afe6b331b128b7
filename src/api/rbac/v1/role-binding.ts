import { z } from "zod";
import { validateObjectMeta, validateObjectMetaUpdate } from "../../meta/v1/object-meta-validation.js";
import { metadataField } from "../../meta/v1/object-meta.js";
import { typeFields } from "../../meta/v1/type-meta.js";
import { semanticEqual } from "../../validation/common.js";
import { invalid, notSupported, required, type FieldError } from "../../validation/field-error.js";
import { root, type FieldPath } from "../../validation/field-path.js";
import { isDNS1123Subdomain } from "../../validation/names.js";
import { nameIsPathSegment } from "../../validation/object-names.js";

export const RBAC_GROUP = "rbac.authorization.k8s.io";

/** Who a binding grants to: a User, a Group or a ServiceAccount. */
export const subjectSchema = z.object({
  kind: z.string().default(""),
  apiGroup: z.string().optional(),
  name: z.string().default(""),
  namespace: z.string().optional(),
});
export type Subject = z.infer<typeof subjectSchema>;

/** The Role or ClusterRole a binding grants. */
export const roleRefSchema = z.object({
  apiGroup: z.string().default(""),
  kind: z.string().default(""),
  name: z.string().default(""),
});
export type RoleRef = z.infer<typeof roleRefSchema>;

/** A RoleBinding: grants a Role (or a ClusterRole, within this namespace) to subjects. */
export const roleBindingSchema = z.object({
  ...typeFields("rbac.authorization.k8s.io/v1", "RoleBinding"),
  metadata: metadataField,
  subjects: z.array(subjectSchema).optional(),
  roleRef: roleRefSchema.prefault({}),
});
export type RoleBinding = z.infer<typeof roleBindingSchema>;

/** The API group a roleRef or subject leaves out: RBAC's for users, groups and roles, none for service accounts. */
export function setBindingDefaults(binding: { subjects?: Subject[] | undefined; roleRef: RoleRef }): void {
  binding.roleRef.apiGroup ||= RBAC_GROUP;
  for (const subject of binding.subjects ?? []) {
    if (subject.apiGroup) continue;
    if (subject.kind === "User" || subject.kind === "Group") subject.apiGroup = RBAC_GROUP;
  }
}

function validateSubject(subject: Subject, namespaced: boolean, path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  if (!subject.name) errors.push(required(path.child("name")));
  switch (subject.kind) {
    case "ServiceAccount":
      if (subject.name) for (const message of isDNS1123Subdomain(subject.name)) errors.push(invalid(path.child("name"), subject.name, message));
      if (subject.apiGroup) errors.push(notSupported(path.child("apiGroup"), subject.apiGroup, [""]));
      if (!namespaced && !subject.namespace) errors.push(required(path.child("namespace")));
      break;
    case "User":
    case "Group":
      if (subject.apiGroup !== RBAC_GROUP) errors.push(notSupported(path.child("apiGroup"), subject.apiGroup ?? "", [RBAC_GROUP]));
      break;
    default:
      errors.push(notSupported(path.child("kind"), subject.kind, ["ServiceAccount", "User", "Group"]));
  }
  return errors;
}

/**
 * What RoleBindings and ClusterRoleBindings share: an RBAC roleRef of an
 * allowed kind with a valid name, and valid subjects.
 */
export function validateBindingBody(
  binding: { subjects?: Subject[] | undefined; roleRef: RoleRef },
  allowedRoleKinds: readonly string[],
  namespaced: boolean,
): FieldError[] {
  const errors: FieldError[] = [];
  const ref = binding.roleRef;
  const refPath = root("roleRef");
  if (ref.apiGroup !== RBAC_GROUP) errors.push(notSupported(refPath.child("apiGroup"), ref.apiGroup, [RBAC_GROUP]));
  if (!allowedRoleKinds.includes(ref.kind)) errors.push(notSupported(refPath.child("kind"), ref.kind, allowedRoleKinds));
  if (!ref.name) errors.push(required(refPath.child("name")));
  else for (const message of nameIsPathSegment(ref.name, false)) errors.push(invalid(refPath.child("name"), ref.name, message));
  (binding.subjects ?? []).forEach((subject, i) => errors.push(...validateSubject(subject, namespaced, root("subjects").index(i))));
  return errors;
}

/** A binding's roleRef never changes: delete and recreate the binding instead. */
export function validateRoleRefUpdate(ref: RoleRef, old: RoleRef): FieldError[] {
  return semanticEqual(ref, old) ? [] : [invalid(root("roleRef"), ref, "cannot change roleRef")];
}

/** Validates a RoleBinding. */
export function validateRoleBinding(binding: RoleBinding): FieldError[] {
  const errors = validateObjectMeta(binding.metadata, { namespaced: true, name: nameIsPathSegment }, root("metadata"));
  errors.push(...validateBindingBody(binding, ["Role", "ClusterRole"], true));
  return errors;
}

/** A RoleBinding's roleRef is fixed. */
export function validateRoleBindingUpdate(binding: RoleBinding, old: RoleBinding): FieldError[] {
  return [...validateObjectMetaUpdate(binding.metadata, old.metadata, root("metadata")), ...validateRoleRefUpdate(binding.roleRef, old.roleRef)];
}
