/**
 * Field numbers of the Kubernetes types skiff decodes from protobuf, as in
 * k8s.io/api's generated.proto: the messages every kind shares here, the
 * kinds themselves by group under kinds/. A field number not listed is
 * refused, never dropped.
 */
export type FieldType =
  | "string"
  | "bytes"
  | "int"
  | "bool"
  | "time"
  | { message: MessageSchema }
  | { map: "string" | "bytes" };

export interface FieldSpec {
  name: string;
  type: FieldType;
  repeated?: boolean;
}

export type MessageSchema = { readonly [field: number]: FieldSpec };

export const ownerReference: MessageSchema = {
  1: { name: "kind", type: "string" },
  3: { name: "name", type: "string" },
  4: { name: "uid", type: "string" },
  5: { name: "apiVersion", type: "string" },
  6: { name: "controller", type: "bool" },
  7: { name: "blockOwnerDeletion", type: "bool" },
};

export const objectMeta: MessageSchema = {
  1: { name: "name", type: "string" },
  2: { name: "generateName", type: "string" },
  3: { name: "namespace", type: "string" },
  4: { name: "selfLink", type: "string" },
  5: { name: "uid", type: "string" },
  6: { name: "resourceVersion", type: "string" },
  7: { name: "generation", type: "int" },
  8: { name: "creationTimestamp", type: "time" },
  9: { name: "deletionTimestamp", type: "time" },
  10: { name: "deletionGracePeriodSeconds", type: "int" },
  11: { name: "labels", type: { map: "string" } },
  12: { name: "annotations", type: { map: "string" } },
  13: { name: "ownerReferences", type: { message: ownerReference }, repeated: true },
  14: { name: "finalizers", type: "string", repeated: true },
};

export const objectReference: MessageSchema = {
  1: { name: "kind", type: "string" },
  2: { name: "namespace", type: "string" },
  3: { name: "name", type: "string" },
  4: { name: "uid", type: "string" },
  5: { name: "apiVersion", type: "string" },
  6: { name: "resourceVersion", type: "string" },
  7: { name: "fieldPath", type: "string" },
};

export const metadata: FieldSpec = { name: "metadata", type: { message: objectMeta } };
