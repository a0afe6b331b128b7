import { z } from "zod";
import { validateObjectMeta } from "../../meta/v1/object-meta-validation.js";
import { metadataField } from "../../meta/v1/object-meta.js";
import { typeFields } from "../../meta/v1/type-meta.js";
import { int32 } from "../../schema/primitives.js";
import { validateNonnegativeField } from "../../validation/common.js";
import type { FieldError } from "../../validation/field-error.js";
import { root } from "../../validation/field-path.js";
import { nameIsDNSSubdomain } from "../../validation/object-names.js";

/** The body of a scale subresource (deployments/scale): desired and current replicas. */
export const scaleSchema = z.object({
  ...typeFields("autoscaling/v1", "Scale"),
  metadata: metadataField,
  spec: z.object({ replicas: int32.optional() }).optional(),
  status: z.object({ replicas: int32.default(0), selector: z.string().optional() }).optional(),
});
export type Scale = z.infer<typeof scaleSchema>;

/** A Scale names its object and asks for zero or more replicas. */
export function validateScale(scale: Scale): FieldError[] {
  const errors = validateObjectMeta(scale.metadata, { namespaced: true, name: nameIsDNSSubdomain }, root("metadata"));
  errors.push(...validateNonnegativeField(scale.spec?.replicas, root("spec").child("replicas")));
  return errors;
}
