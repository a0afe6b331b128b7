import { z } from "zod";
import { int32 } from "../../schema/primitives.js";
import { listMetaSchema } from "./list-meta.js";
import { typeFields } from "./type-meta.js";

/** One cause of a failure, e.g. one bad field of an invalid object. */
export const statusCauseSchema = z.object({
  reason: z.string().optional(),
  message: z.string().optional(),
  field: z.string().optional(),
});
export type StatusCause = z.infer<typeof statusCauseSchema>;

/** What a failure was about: the object, and its causes. */
export const statusDetailsSchema = z.object({
  name: z.string().optional(),
  group: z.string().optional(),
  kind: z.string().optional(),
  uid: z.string().optional(),
  causes: z.array(statusCauseSchema).optional(),
  retryAfterSeconds: int32.optional(),
});
export type StatusDetails = z.infer<typeof statusDetailsSchema>;

/** The body of every API error (and of some successes): `kind: Status`. */
export const statusSchema = z.object({
  ...typeFields("v1", "Status"),
  metadata: listMetaSchema.prefault({}),
  status: z.string().optional(),
  message: z.string().optional(),
  reason: z.string().optional(),
  details: statusDetailsSchema.optional(),
  code: int32.optional(),
});
export type Status = z.infer<typeof statusSchema>;
