import { z } from "zod";
import { validateObjectMeta } from "../../meta/v1/object-meta-validation.js";
import { metadataField } from "../../meta/v1/object-meta.js";
import { typeFields } from "../../meta/v1/type-meta.js";
import { int32, time } from "../../schema/primitives.js";
import { forbidden, invalid, notSupported, type FieldError } from "../../validation/field-error.js";
import { root } from "../../validation/field-path.js";
import { nameIsDNSSubdomain } from "../../validation/object-names.js";

export const leaseSpecSchema = z.object({
  holderIdentity: z.string().optional(),
  leaseDurationSeconds: int32.optional(),
  acquireTime: time.optional(),
  renewTime: time.optional(),
  leaseTransitions: int32.optional(),
  strategy: z.string().optional(),
  preferredHolder: z.string().optional(),
});
export type LeaseSpec = z.infer<typeof leaseSpecSchema>;

/** A Lease: who holds something and until when; agents renew theirs as a heartbeat. */
export const leaseSchema = z.object({
  ...typeFields("coordination.k8s.io/v1", "Lease"),
  metadata: metadataField,
  spec: leaseSpecSchema.optional(),
});
export type Lease = z.infer<typeof leaseSchema>;

const LEASE_STRATEGIES = ["OldestEmulationVersion"];

/** Validates a Lease: a positive duration, non-negative transitions, a known strategy. */
export function validateLease(lease: Lease): FieldError[] {
  const errors = validateObjectMeta(lease.metadata, { namespaced: true, name: nameIsDNSSubdomain }, root("metadata"));
  const spec = lease.spec ?? {};
  const path = root("spec");
  if (spec.leaseDurationSeconds !== undefined && spec.leaseDurationSeconds <= 0) {
    errors.push(invalid(path.child("leaseDurationSeconds"), spec.leaseDurationSeconds, "must be greater than 0"));
  }
  if (spec.leaseTransitions !== undefined && spec.leaseTransitions < 0) {
    errors.push(invalid(path.child("leaseTransitions"), spec.leaseTransitions, "must be greater than or equal to 0"));
  }
  if (spec.strategy !== undefined && !LEASE_STRATEGIES.includes(spec.strategy)) {
    errors.push(notSupported(path.child("strategy"), spec.strategy, LEASE_STRATEGIES));
  }
  if (spec.preferredHolder && !spec.strategy) {
    errors.push(forbidden(path.child("preferredHolder"), "may only be specified if `strategy` is defined"));
  }
  return errors;
}
