import { z } from "zod";
import { int64 } from "../../schema/primitives.js";
import { notSupported, invalid, type FieldError } from "../../validation/field-error.js";
import { root } from "../../validation/field-path.js";

/** Conditions a delete must meet: the object still has this uid / resourceVersion. */
export const preconditionsSchema = z.object({
  uid: z.string().optional(),
  resourceVersion: z.string().optional(),
});
export type Preconditions = z.infer<typeof preconditionsSchema>;

/** The body of a DELETE (kind and apiVersion may be absent; kubectl sends `v1` or `meta.k8s.io/v1`). */
export const deleteOptionsSchema = z.object({
  apiVersion: z.string().optional(),
  kind: z.string().optional(),
  gracePeriodSeconds: int64.optional(),
  preconditions: preconditionsSchema.optional(),
  orphanDependents: z.boolean().optional(),
  propagationPolicy: z.string().optional(),
  dryRun: z.array(z.string()).optional(),
});
export type DeleteOptions = z.infer<typeof deleteOptionsSchema>;

export const PROPAGATION_POLICIES = ["Foreground", "Background", "Orphan"] as const;
export type PropagationPolicy = (typeof PROPAGATION_POLICIES)[number];

/** Validates DeleteOptions as Kubernetes does: one known propagation policy, dryRun only "All". */
export function validateDeleteOptions(options: DeleteOptions): FieldError[] {
  const errors: FieldError[] = [];
  const policy = options.propagationPolicy;
  if (options.orphanDependents !== undefined && policy !== undefined) {
    errors.push(invalid(root("propagationPolicy"), policy, "orphanDependents and deletionPropagation cannot be both set"));
  }
  if (policy !== undefined && !(PROPAGATION_POLICIES as readonly string[]).includes(policy)) {
    errors.push(notSupported(root("propagationPolicy"), policy, [...PROPAGATION_POLICIES, "nil"]));
  }
  errors.push(...validateDryRun(options.dryRun));
  return errors;
}

/** dryRun may only hold "All". */
export function validateDryRun(dryRun: readonly string[] | undefined): FieldError[] {
  if (!dryRun || dryRun.every((value) => value === "All")) return [];
  return [notSupported(root("dryRun"), dryRun, ["All"])];
}
