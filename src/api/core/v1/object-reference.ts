import { z } from "zod";

/** A reference to any object, possibly one field of it (core/v1 ObjectReference). */
export const objectReferenceSchema = z.object({
  kind: z.string().optional(),
  namespace: z.string().optional(),
  name: z.string().optional(),
  uid: z.string().optional(),
  apiVersion: z.string().optional(),
  resourceVersion: z.string().optional(),
  fieldPath: z.string().optional(),
});
export type ObjectReference = z.infer<typeof objectReferenceSchema>;

/** A reference by name to an object in the same namespace (`imagePullSecrets: [{name: regcred}]`). */
export const localObjectReferenceSchema = z.object({
  name: z.string().optional(),
});
export type LocalObjectReference = z.infer<typeof localObjectReferenceSchema>;
