import { z } from "zod";
import { metadataField } from "../../meta/v1/object-meta.js";
import { podSpecSchema } from "./pod-spec.js";

/** A pod to be made by a controller: its metadata and spec. */
export const podTemplateSpecSchema = z.object({
  metadata: metadataField,
  spec: podSpecSchema.prefault({}),
});
export type PodTemplateSpec = z.infer<typeof podTemplateSpecSchema>;
