import { z } from "zod";

/** apiVersion and kind, as every object on the wire names its type. */
export const typeMetaSchema = z.object({
  apiVersion: z.string().optional(),
  kind: z.string().optional(),
});
export type TypeMeta = z.infer<typeof typeMetaSchema>;

/** The `apiVersion`/`kind` pair of one kind, e.g. `typeFields("apps/v1", "Deployment")`. */
export function typeFields<const A extends string, const K extends string>(apiVersion: A, kind: K) {
  return { apiVersion: z.literal(apiVersion), kind: z.literal(kind) };
}
