import { z } from "zod";
import { quantity } from "../../schema/primitives.js";

/** A field of the pod itself, e.g. `metadata.name` or `status.podIP`. */
export const objectFieldSelectorSchema = z.object({
  apiVersion: z.string().optional(),
  fieldPath: z.string().default(""),
});
export type ObjectFieldSelector = z.infer<typeof objectFieldSelectorSchema>;

/** A container's resource request or limit, e.g. `limits.memory` in `Mi`. */
export const resourceFieldSelectorSchema = z.object({
  containerName: z.string().optional(),
  resource: z.string().default(""),
  divisor: quantity.optional(),
});
export type ResourceFieldSelector = z.infer<typeof resourceFieldSelectorSchema>;

/** One key of a ConfigMap or Secret. */
export const keySelectorSchema = z.object({
  name: z.string().optional(),
  key: z.string().default(""),
  optional: z.boolean().optional(),
});
export type KeySelector = z.infer<typeof keySelectorSchema>;

export const envVarSourceSchema = z.object({
  fieldRef: objectFieldSelectorSchema.optional(),
  resourceFieldRef: resourceFieldSelectorSchema.optional(),
  configMapKeyRef: keySelectorSchema.optional(),
  secretKeyRef: keySelectorSchema.optional(),
});
export type EnvVarSource = z.infer<typeof envVarSourceSchema>;

/** One environment variable: a literal value, or one taken from elsewhere. */
export const envVarSchema = z.object({
  name: z.string().default(""),
  value: z.string().optional(),
  valueFrom: envVarSourceSchema.optional(),
});
export type EnvVar = z.infer<typeof envVarSchema>;

const envFromReferenceSchema = z.object({
  name: z.string().optional(),
  optional: z.boolean().optional(),
});

/** Every key of a ConfigMap or Secret as environment variables. */
export const envFromSourceSchema = z.object({
  prefix: z.string().optional(),
  configMapRef: envFromReferenceSchema.optional(),
  secretRef: envFromReferenceSchema.optional(),
});
export type EnvFromSource = z.infer<typeof envFromSourceSchema>;
