/**
 * Field numbers of the Kubernetes types skiff decodes from protobuf, as in
 * k8s.io/api's generated.proto: the kinds kubectl's `create` generators
 * send (namespace, configmap, secret, serviceaccount). A field number not
 * listed is refused, never dropped.
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

const ownerReference: MessageSchema = {
  1: { name: "kind", type: "string" },
  3: { name: "name", type: "string" },
  4: { name: "uid", type: "string" },
  5: { name: "apiVersion", type: "string" },
  6: { name: "controller", type: "bool" },
  7: { name: "blockOwnerDeletion", type: "bool" },
};

const objectMeta: MessageSchema = {
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

const objectReference: MessageSchema = {
  1: { name: "kind", type: "string" },
  2: { name: "namespace", type: "string" },
  3: { name: "name", type: "string" },
  4: { name: "uid", type: "string" },
  5: { name: "apiVersion", type: "string" },
  6: { name: "resourceVersion", type: "string" },
  7: { name: "fieldPath", type: "string" },
};

const metadata: FieldSpec = { name: "metadata", type: { message: objectMeta } };

/** By `apiVersion/kind`. */
export const protobufKinds: Readonly<Record<string, MessageSchema>> = {
  "v1/Namespace": {
    1: metadata,
    2: { name: "spec", type: { message: { 1: { name: "finalizers", type: "string", repeated: true } } } },
    3: { name: "status", type: { message: { 1: { name: "phase", type: "string" } } } },
  },
  "v1/ConfigMap": {
    1: metadata,
    2: { name: "data", type: { map: "string" } },
    3: { name: "binaryData", type: { map: "bytes" } },
    4: { name: "immutable", type: "bool" },
  },
  "v1/Secret": {
    1: metadata,
    2: { name: "data", type: { map: "bytes" } },
    3: { name: "type", type: "string" },
    4: { name: "stringData", type: { map: "string" } },
    5: { name: "immutable", type: "bool" },
  },
  "v1/ServiceAccount": {
    1: metadata,
    2: { name: "secrets", type: { message: objectReference }, repeated: true },
    3: { name: "imagePullSecrets", type: { message: { 1: { name: "name", type: "string" } } }, repeated: true },
    4: { name: "automountServiceAccountToken", type: "bool" },
  },
};
