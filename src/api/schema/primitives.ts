import { z } from "zod";

/*
 * The wire types of Kubernetes' JSON that zod has no single word for. Each
 * carries the message a type error reports, so `spec.replicas: Invalid value:
 * "three": must be of type int32` reads the same wherever the field sits.
 */

/** A Go int32: a whole number that fits 32 bits. */
export const int32 = z.int32();

/** A Go int64, as far as JSON numbers carry it exactly (a safe integer). */
export const int64 = z.int();

/** Kubernetes' IntOrString: `targetPort: 8080` or `targetPort: http`, `maxSurge: 25%`. */
export const intOrString = z.union([int32, z.string()], { error: "must be an integer or a string" });
export type IntOrString = z.infer<typeof intOrString>;

/**
 * A resource quantity. On the wire Kubernetes accepts a string (`"500m"`) or
 * a number (`cpu: 1`) and always writes it back as a string, so numbers
 * become their decimal text here.
 */
export const quantity = z
  .union([z.string(), z.number()], { error: "must be a quantity (a string such as \"500m\" or a number)" })
  .transform((value) => (typeof value === "number" ? String(value) : value));

/** A ResourceList: resource name to quantity (`{cpu: "500m", memory: "128Mi"}`). */
export const resourceList = z.record(z.string(), quantity);
export type ResourceList = z.infer<typeof resourceList>;

/** A map of strings: labels, annotations, nodeSelector, ConfigMap data. */
export const stringMap = z.record(z.string(), z.string());
export type StringMap = z.infer<typeof stringMap>;

const rfc3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

/**
 * A timestamp in RFC 3339 form (`2024-05-01T12:00:00Z`, also with a
 * fraction: MicroTime), kept as text. Go's decoder refuses anything else.
 */
export const time = z.string().regex(rfc3339, { error: "must be an RFC 3339 timestamp (e.g. 2024-05-01T12:00:00Z)" });
