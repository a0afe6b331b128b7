import { metadata, objectReference, type MessageSchema } from "../schemas.js";
import { localObjectReference } from "./core-refs.js";

const namespaceCondition: MessageSchema = {
  1: { name: "type", type: "string" },
  2: { name: "status", type: "string" },
  4: { name: "lastTransitionTime", type: "time" },
  5: { name: "reason", type: "string" },
  6: { name: "message", type: "string" },
};

/** The core group kinds kubectl's `create` generators send (namespace, configmap, secret, serviceaccount), by `apiVersion/kind`. */
export const coreProtobufKinds: Readonly<Record<string, MessageSchema>> = {
  "v1/Namespace": {
    1: metadata,
    2: { name: "spec", type: { message: { 1: { name: "finalizers", type: "string", repeated: true } } } },
    3: {
      name: "status",
      type: {
        message: {
          1: { name: "phase", type: "string" },
          2: { name: "conditions", type: { message: namespaceCondition }, repeated: true },
        },
      },
    },
  },
  "v1/ConfigMap": {
    1: metadata,
    2: { name: "data", type: { map: "string" } },
    3: { name: "binaryData", type: { map: "bytes" } },
    4: { name: "immutable", type: "bool", presence: true },
  },
  "v1/Secret": {
    1: metadata,
    2: { name: "data", type: { map: "bytes" } },
    3: { name: "type", type: "string" },
    4: { name: "stringData", type: { map: "string" } },
    5: { name: "immutable", type: "bool", presence: true },
  },
  "v1/ServiceAccount": {
    1: metadata,
    2: { name: "secrets", type: { message: objectReference }, repeated: true },
    3: { name: "imagePullSecrets", type: { message: localObjectReference }, repeated: true },
    4: { name: "automountServiceAccountToken", type: "bool", presence: true },
  },
};
