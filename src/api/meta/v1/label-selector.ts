import { z } from "zod";
import { stringMap } from "../../schema/primitives.js";

/** One set-based requirement: `key In (a, b)`, `key Exists`. */
export const labelSelectorRequirementSchema = z.object({
  key: z.string().default(""),
  operator: z.string().default(""),
  values: z.array(z.string()).optional(),
});
export type LabelSelectorRequirement = z.infer<typeof labelSelectorRequirementSchema>;

/** A label selector as objects carry it: matchLabels and matchExpressions, ANDed. */
export const labelSelectorSchema = z.object({
  matchLabels: stringMap.optional(),
  matchExpressions: z.array(labelSelectorRequirementSchema).optional(),
});
export type LabelSelector = z.infer<typeof labelSelectorSchema>;
