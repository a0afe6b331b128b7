import { z } from "zod";
import { int64, time } from "../../schema/primitives.js";

/** A standard condition (metav1.Condition): one aspect of an object's state. */
export const conditionSchema = z.object({
  type: z.string().default(""),
  status: z.string().default(""),
  observedGeneration: int64.optional(),
  lastTransitionTime: time.optional(),
  reason: z.string().default(""),
  message: z.string().default(""),
});
export type Condition = z.infer<typeof conditionSchema>;
