import { z } from "zod";
import { validateObjectMeta } from "../../meta/v1/object-meta-validation.js";
import { metadataField } from "../../meta/v1/object-meta.js";
import { typeFields } from "../../meta/v1/type-meta.js";
import { notSupported, required, type FieldError } from "../../validation/field-error.js";
import { root } from "../../validation/field-path.js";
import { nameIsDNSSubdomain } from "../../validation/object-names.js";
import { objectReferenceSchema } from "./object-reference.js";

/** The body of pods/binding: the scheduler binds the named pod to a node. */
export const bindingSchema = z.object({
  ...typeFields("v1", "Binding"),
  metadata: metadataField,
  target: objectReferenceSchema.prefault({}),
});
export type Binding = z.infer<typeof bindingSchema>;

/** A Binding names its pod and a target Node. */
export function validateBinding(binding: Binding): FieldError[] {
  const errors = validateObjectMeta(binding.metadata, { namespaced: true, name: nameIsDNSSubdomain }, root("metadata"));
  const kind = binding.target.kind ?? "";
  if (kind !== "" && kind !== "Node") errors.push(notSupported(root("target").child("kind"), kind, ["Node", "<empty>"]));
  if (!binding.target.name) errors.push(required(root("target").child("name")));
  return errors;
}
