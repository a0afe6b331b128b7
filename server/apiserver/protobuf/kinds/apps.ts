/**
 * apps/v1 Deployment, as `kubectl create deployment` sends it.
 * Field numbers and names as in k8s.io/api generated.proto (v0.36.3), checked
 * against the protobuf tags of its types.go, which also tell which fields are pointers.
 */
import { labelSelector, metadata, type MessageSchema } from "../schemas.js";
import { podTemplateSpec } from "./core-pod.js";

export const rollingUpdateDeployment: MessageSchema = {
  1: { name: "maxUnavailable", type: "intOrString", presence: true },
  2: { name: "maxSurge", type: "intOrString", presence: true },
};

export const deploymentStrategy: MessageSchema = {
  1: { name: "type", type: "string" },
  2: { name: "rollingUpdate", type: { message: rollingUpdateDeployment } },
};

export const deploymentSpec: MessageSchema = {
  1: { name: "replicas", type: "int32", presence: true },
  2: { name: "selector", type: { message: labelSelector } },
  3: { name: "template", type: { message: podTemplateSpec } },
  4: { name: "strategy", type: { message: deploymentStrategy } },
  5: { name: "minReadySeconds", type: "int32" },
  6: { name: "revisionHistoryLimit", type: "int32", presence: true },
  7: { name: "paused", type: "bool" },
  9: { name: "progressDeadlineSeconds", type: "int32", presence: true },
};

export const deploymentCondition: MessageSchema = {
  1: { name: "type", type: "string" },
  2: { name: "status", type: "string" },
  4: { name: "reason", type: "string" },
  5: { name: "message", type: "string" },
  6: { name: "lastUpdateTime", type: "time" },
  7: { name: "lastTransitionTime", type: "time" },
};

export const deploymentStatus: MessageSchema = {
  1: { name: "observedGeneration", type: "int64" },
  2: { name: "replicas", type: "int32" },
  3: { name: "updatedReplicas", type: "int32" },
  4: { name: "availableReplicas", type: "int32" },
  5: { name: "unavailableReplicas", type: "int32" },
  6: { name: "conditions", type: { message: deploymentCondition }, repeated: true },
  7: { name: "readyReplicas", type: "int32" },
  8: { name: "collisionCount", type: "int32", presence: true },
  9: { name: "terminatingReplicas", type: "int32", presence: true },
};

export const deployment: MessageSchema = {
  1: metadata,
  2: { name: "spec", type: { message: deploymentSpec } },
  3: { name: "status", type: { message: deploymentStatus } },
};

export const appsProtobufKinds: Readonly<Record<string, MessageSchema>> = {
  "apps/v1/Deployment": deployment,
};
