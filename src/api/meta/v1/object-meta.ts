import { z } from "zod";
import { jsonObject } from "../../schema/json-value.js";
import { int64, stringMap, time } from "../../schema/primitives.js";

/** A reference from a dependent to its owner; the garbage collector follows these. */
export const ownerReferenceSchema = z.object({
  apiVersion: z.string().default(""),
  kind: z.string().default(""),
  name: z.string().default(""),
  uid: z.string().default(""),
  controller: z.boolean().optional(),
  blockOwnerDeletion: z.boolean().optional(),
});
export type OwnerReference = z.infer<typeof ownerReferenceSchema>;

/** Which fields one manager set, as server-side apply records it. */
export const managedFieldsEntrySchema = z.object({
  manager: z.string().optional(),
  operation: z.string().optional(),
  apiVersion: z.string().optional(),
  time: time.optional(),
  fieldsType: z.string().optional(),
  fieldsV1: jsonObject.optional(),
  subresource: z.string().optional(),
});
export type ManagedFieldsEntry = z.infer<typeof managedFieldsEntrySchema>;

/** Metadata every stored object carries (metav1.ObjectMeta). */
export const objectMetaSchema = z.object({
  name: z.string().optional(),
  generateName: z.string().optional(),
  namespace: z.string().optional(),
  selfLink: z.string().optional(),
  uid: z.string().optional(),
  resourceVersion: z.string().optional(),
  generation: int64.optional(),
  creationTimestamp: time.optional(),
  deletionTimestamp: time.optional(),
  deletionGracePeriodSeconds: int64.optional(),
  labels: stringMap.optional(),
  annotations: stringMap.optional(),
  ownerReferences: z.array(ownerReferenceSchema).optional(),
  finalizers: z.array(z.string()).optional(),
  managedFields: z.array(managedFieldsEntrySchema).optional(),
});
export type ObjectMeta = z.infer<typeof objectMetaSchema>;

/** The `metadata` field of a kind: always present once decoded, as in Go. */
export const metadataField = objectMetaSchema.prefault({});
