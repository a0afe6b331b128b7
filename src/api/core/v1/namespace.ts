import { z } from "zod";
import { validateObjectMeta } from "../../meta/v1/object-meta-validation.js";
import { metadataField } from "../../meta/v1/object-meta.js";
import { typeFields } from "../../meta/v1/type-meta.js";
import { time } from "../../schema/primitives.js";
import { invalid, type FieldError } from "../../validation/field-error.js";
import { root } from "../../validation/field-path.js";
import { isQualifiedName } from "../../validation/names.js";
import { nameIsDNSLabel } from "../../validation/object-names.js";

export const namespaceConditionSchema = z.object({
  type: z.string().default(""),
  status: z.string().default(""),
  lastTransitionTime: time.optional(),
  reason: z.string().optional(),
  message: z.string().optional(),
});

/** A Namespace: a scope for names, and what is deleted together. */
export const namespaceSchema = z.object({
  ...typeFields("v1", "Namespace"),
  metadata: metadataField,
  spec: z.object({ finalizers: z.array(z.string()).optional() }).optional(),
  status: z.object({ phase: z.string().optional(), conditions: z.array(namespaceConditionSchema).optional() }).optional(),
});
export type Namespace = z.infer<typeof namespaceSchema>;

/** The label every namespace carries with its own name, so selectors can pick namespaces by name. */
export const NAMESPACE_NAME_LABEL = "kubernetes.io/metadata.name";
/** The finalizer the namespace controller removes once the namespace is empty. */
export const NAMESPACE_FINALIZER = "kubernetes";

const STANDARD_FINALIZERS = ["kubernetes", "orphan", "foregroundDeletion"];

/**
 * Kubernetes' Namespace defaults: the `kubernetes.io/metadata.name` label,
 * phase Active, and the `kubernetes` finalizer when the spec names none.
 */
export function setNamespaceDefaults(namespace: Namespace): void {
  const name = namespace.metadata.name;
  if (name) namespace.metadata.labels = { ...namespace.metadata.labels, [NAMESPACE_NAME_LABEL]: name };
  const spec = (namespace.spec ??= {});
  spec.finalizers ??= [NAMESPACE_FINALIZER];
  const status = (namespace.status ??= {});
  status.phase ||= "Active";
}

/** Validates a Namespace: a DNS-1123 label name, finalizers standard or fully qualified. */
export function validateNamespace(namespace: Namespace): FieldError[] {
  const errors = validateObjectMeta(namespace.metadata, { namespaced: false, name: nameIsDNSLabel }, root("metadata"));
  const path = root("spec").child("finalizers");
  for (const finalizer of namespace.spec?.finalizers ?? []) {
    const messages = isQualifiedName(finalizer);
    for (const message of messages) errors.push(invalid(path, finalizer, message));
    if (messages.length === 0 && !finalizer.includes("/") && !STANDARD_FINALIZERS.includes(finalizer)) {
      errors.push(invalid(path, finalizer, "name is neither a standard finalizer name nor is it fully qualified"));
    }
  }
  return errors;
}
