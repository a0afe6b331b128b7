import type { z } from "zod";
import { parseWith } from "../../../src/api/schema/parse.js";
import { invalid } from "../../../src/errors/status.js";

/** A review body read with its schema; bad types are 422 with one cause per field. Unknown fields are ignored, as Kubernetes' default. */
export function readReview<S extends z.ZodType>(schema: S, body: unknown, group: string, kind: string): z.output<S> {
  const parsed = parseWith(schema, body, "ignore");
  if (!parsed.ok) throw invalid({ group, kind }, "", parsed.errors);
  return parsed.value;
}
