import { z } from "zod";
import { deleteOptionsSchema } from "../../meta/v1/delete-options.js";
import { metadataField } from "../../meta/v1/object-meta.js";

/**
 * The body of POST pods/{name}/eviction: evict the named pod, deleting it
 * with these options. Both versions kubectl may send are read alike.
 */
export const evictionSchema = z.object({
  apiVersion: z.enum(["policy/v1", "policy/v1beta1"]),
  kind: z.literal("Eviction"),
  metadata: metadataField,
  deleteOptions: deleteOptionsSchema.optional(),
});
export type Eviction = z.infer<typeof evictionSchema>;
