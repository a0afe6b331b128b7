import { z } from "zod";
import { setPodTemplateSpecDefaults } from "../../core/v1/pod-defaults.js";
import { podTemplateSpecSchema } from "../../core/v1/pod-template.js";
import { labelSelectorSchema } from "../../meta/v1/label-selector.js";
import { validateObjectMeta, validateObjectMetaUpdate } from "../../meta/v1/object-meta-validation.js";
import { metadataField } from "../../meta/v1/object-meta.js";
import { typeFields } from "../../meta/v1/type-meta.js";
import { int32, int64 } from "../../schema/primitives.js";
import { validateImmutableSelector, validateNonnegativeField } from "../../validation/common.js";
import type { FieldError } from "../../validation/field-error.js";
import { root } from "../../validation/field-path.js";
import { nameIsDNSSubdomain } from "../../validation/object-names.js";
import { workloadConditionSchema } from "./deployment.js";
import { validateReplicatedTemplate, validateRequiredSelector } from "./replicated-template.js";

export const replicaSetSpecSchema = z.object({
  replicas: int32.optional(),
  minReadySeconds: int32.optional(),
  selector: labelSelectorSchema.optional(),
  template: podTemplateSpecSchema.prefault({}),
});

export const replicaSetStatusSchema = z.object({
  replicas: int32.default(0),
  fullyLabeledReplicas: int32.optional(),
  readyReplicas: int32.optional(),
  availableReplicas: int32.optional(),
  terminatingReplicas: int32.optional(),
  observedGeneration: int64.optional(),
  conditions: z.array(workloadConditionSchema).optional(),
});

/** A ReplicaSet: keeps `replicas` pods of its template running. */
export const replicaSetSchema = z.object({
  ...typeFields("apps/v1", "ReplicaSet"),
  metadata: metadataField,
  spec: replicaSetSpecSchema.prefault({}),
  status: replicaSetStatusSchema.optional(),
});
export type ReplicaSet = z.infer<typeof replicaSetSchema>;

/** Kubernetes' ReplicaSet defaults: 1 replica, and the pod template's defaults. */
export function setReplicaSetDefaults(replicaSet: ReplicaSet): void {
  replicaSet.spec.replicas ??= 1;
  setPodTemplateSpecDefaults(replicaSet.spec.template);
}

const spec = root("spec");

/** Validates a ReplicaSet as Kubernetes' ValidateReplicaSet does. */
export function validateReplicaSet(replicaSet: ReplicaSet): FieldError[] {
  const replicaSetSpec = replicaSet.spec;
  const errors = validateObjectMeta(replicaSet.metadata, { namespaced: true, name: nameIsDNSSubdomain }, root("metadata"));
  errors.push(...validateNonnegativeField(replicaSetSpec.replicas, spec.child("replicas")));
  errors.push(...validateNonnegativeField(replicaSetSpec.minReadySeconds, spec.child("minReadySeconds")));
  // Kubernetes says "deployment" here too.
  errors.push(...validateRequiredSelector(replicaSetSpec.selector, spec.child("selector"), "deployment"));
  errors.push(...validateReplicatedTemplate(replicaSetSpec.template, replicaSetSpec.selector, spec.child("template"), "ReplicaSet"));
  return errors;
}

/** A ReplicaSet's selector never changes (apps/v1). */
export function validateReplicaSetUpdate(replicaSet: ReplicaSet, old: ReplicaSet): FieldError[] {
  const errors = validateObjectMetaUpdate(replicaSet.metadata, old.metadata, root("metadata"));
  errors.push(...validateImmutableSelector(replicaSet.spec.selector, old.spec.selector, spec.child("selector")));
  return errors;
}
