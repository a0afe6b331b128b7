import { z } from "zod";
import { metadataField } from "../../meta/v1/object-meta.js";
import { typeFields } from "../../meta/v1/type-meta.js";
import { int64 } from "../../schema/primitives.js";
import { invalid, type FieldError } from "../../validation/field-error.js";
import { root } from "../../validation/field-path.js";

/** Kubernetes' default lifetime of a requested token: one hour. */
export const defaultTokenExpirationSeconds = 3600;
/** The shortest lifetime a TokenRequest may ask for: ten minutes. */
export const minTokenExpirationSeconds = 600;
/** The longest: 2^32 seconds. */
export const maxTokenExpirationSeconds = 2 ** 32;

/** The object a token is bound to: it is valid only while that object exists (a Pod or a Secret). */
export const boundObjectReferenceSchema = z.object({
  kind: z.string().optional(),
  apiVersion: z.string().optional(),
  name: z.string().optional(),
  uid: z.string().optional(),
});
export type BoundObjectReference = z.infer<typeof boundObjectReferenceSchema>;

/** The body of serviceaccounts/{name}/token (authentication.k8s.io/v1). */
export const tokenRequestSchema = z.object({
  ...typeFields("authentication.k8s.io/v1", "TokenRequest"),
  metadata: metadataField,
  spec: z
    .object({
      audiences: z.array(z.string()).optional(),
      expirationSeconds: int64.optional(),
      boundObjectRef: boundObjectReferenceSchema.optional(),
    })
    .prefault({}),
  status: z.object({ token: z.string().optional(), expirationTimestamp: z.string().optional() }).optional(),
});
export type TokenRequest = z.infer<typeof tokenRequestSchema>;

/** Fills what Kubernetes defaults: an hour's lifetime. */
export function setTokenRequestDefaults(request: TokenRequest): void {
  request.spec.expirationSeconds ??= defaultTokenExpirationSeconds;
}

/** Kubernetes' rules for a TokenRequest: a lifetime between ten minutes and 2^32 seconds. */
export function validateTokenRequest(request: TokenRequest): FieldError[] {
  const errors: FieldError[] = [];
  const seconds = request.spec.expirationSeconds ?? defaultTokenExpirationSeconds;
  const at = root("spec").child("expirationSeconds");
  if (seconds < minTokenExpirationSeconds) errors.push(invalid(at, seconds, "may not specify a duration less than 10 minutes"));
  if (seconds > maxTokenExpirationSeconds) errors.push(invalid(at, seconds, "may not specify a duration larger than 2^32 seconds"));
  return errors;
}
