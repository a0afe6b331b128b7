import { z } from "zod";
import { int64 } from "../../schema/primitives.js";

/** Metadata of a list response: its revision and the token for the next page. */
export const listMetaSchema = z.object({
  selfLink: z.string().optional(),
  resourceVersion: z.string().optional(),
  continue: z.string().optional(),
  remainingItemCount: int64.optional(),
});
export type ListMeta = z.infer<typeof listMetaSchema>;
