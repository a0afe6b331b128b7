import { z } from "zod";
import { validateObjectMeta } from "../../meta/v1/object-meta-validation.js";
import { metadataField } from "../../meta/v1/object-meta.js";
import { typeFields } from "../../meta/v1/type-meta.js";
import type { FieldError } from "../../validation/field-error.js";
import { root } from "../../validation/field-path.js";
import { nameIsDNSSubdomain } from "../../validation/object-names.js";
import { localObjectReferenceSchema, objectReferenceSchema } from "./object-reference.js";

/** A ServiceAccount: the identity pods run as. */
export const serviceAccountSchema = z.object({
  ...typeFields("v1", "ServiceAccount"),
  metadata: metadataField,
  secrets: z.array(objectReferenceSchema).optional(),
  imagePullSecrets: z.array(localObjectReferenceSchema).optional(),
  automountServiceAccountToken: z.boolean().optional(),
});
export type ServiceAccount = z.infer<typeof serviceAccountSchema>;

/** Validates a ServiceAccount: its metadata, with a DNS-1123 subdomain name. */
export function validateServiceAccount(serviceAccount: ServiceAccount): FieldError[] {
  return validateObjectMeta(serviceAccount.metadata, { namespaced: true, name: nameIsDNSSubdomain }, root("metadata"));
}
