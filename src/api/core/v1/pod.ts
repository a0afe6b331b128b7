import { z } from "zod";
import { metadataField } from "../../meta/v1/object-meta.js";
import { typeFields } from "../../meta/v1/type-meta.js";
import { podSpecSchema } from "./pod-spec.js";
import { podStatusSchema } from "./pod-status.js";

/** A Pod: containers that run together on one node. */
export const podSchema = z.object({
  ...typeFields("v1", "Pod"),
  metadata: metadataField,
  spec: podSpecSchema.prefault({}),
  status: podStatusSchema.optional(),
});
export type Pod = z.infer<typeof podSchema>;
