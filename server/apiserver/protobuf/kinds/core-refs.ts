/**
 * References the core types share: to an object in the namespace, to a field of the pod, to a key of a ConfigMap or Secret.
 * Field numbers and names as in k8s.io/api generated.proto (v0.36.3), checked
 * against the protobuf tags of its types.go, which also tell which fields are pointers.
 */
import type { MessageSchema } from "../schemas.js";

export const keyToPath: MessageSchema = {
  1: { name: "key", type: "string" },
  2: { name: "path", type: "string" },
  3: { name: "mode", type: "int32", presence: true },
};

export const localObjectReference: MessageSchema = {
  1: { name: "name", type: "string" },
};

export const objectFieldSelector: MessageSchema = {
  1: { name: "apiVersion", type: "string" },
  2: { name: "fieldPath", type: "string" },
};

export const resourceFieldSelector: MessageSchema = {
  1: { name: "containerName", type: "string" },
  2: { name: "resource", type: "string" },
  3: { name: "divisor", type: "quantity" },
};

export const typedLocalObjectReference: MessageSchema = {
  1: { name: "apiGroup", type: "string", presence: true },
  2: { name: "kind", type: "string" },
  3: { name: "name", type: "string" },
};
