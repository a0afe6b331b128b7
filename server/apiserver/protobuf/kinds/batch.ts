/**
 * batch/v1 Job, as `kubectl create job` sends it.
 * Field numbers and names as in k8s.io/api generated.proto (v0.36.3), checked
 * against the protobuf tags of its types.go, which also tell which fields are pointers.
 */
import { labelSelector, metadata, type MessageSchema } from "../schemas.js";
import { podTemplateSpec } from "./core-pod.js";

export const podFailurePolicyOnExitCodesRequirement: MessageSchema = {
  1: { name: "containerName", type: "string", presence: true },
  2: { name: "operator", type: "string" },
  3: { name: "values", type: "int32", repeated: true },
};

export const podFailurePolicyOnPodConditionsPattern: MessageSchema = {
  1: { name: "type", type: "string" },
  2: { name: "status", type: "string" },
};

export const podFailurePolicyRule: MessageSchema = {
  1: { name: "action", type: "string" },
  2: { name: "onExitCodes", type: { message: podFailurePolicyOnExitCodesRequirement } },
  3: { name: "onPodConditions", type: { message: podFailurePolicyOnPodConditionsPattern }, repeated: true },
};

export const podFailurePolicy: MessageSchema = {
  1: { name: "rules", type: { message: podFailurePolicyRule }, repeated: true },
};

export const successPolicyRule: MessageSchema = {
  1: { name: "succeededIndexes", type: "string", presence: true },
  2: { name: "succeededCount", type: "int32", presence: true },
};

export const successPolicy: MessageSchema = {
  1: { name: "rules", type: { message: successPolicyRule }, repeated: true },
};

export const jobSpec: MessageSchema = {
  1: { name: "parallelism", type: "int32", presence: true },
  2: { name: "completions", type: "int32", presence: true },
  3: { name: "activeDeadlineSeconds", type: "int64", presence: true },
  4: { name: "selector", type: { message: labelSelector } },
  5: { name: "manualSelector", type: "bool", presence: true },
  6: { name: "template", type: { message: podTemplateSpec } },
  7: { name: "backoffLimit", type: "int32", presence: true },
  8: { name: "ttlSecondsAfterFinished", type: "int32", presence: true },
  9: { name: "completionMode", type: "string", presence: true },
  10: { name: "suspend", type: "bool", presence: true },
  11: { name: "podFailurePolicy", type: { message: podFailurePolicy } },
  12: { name: "backoffLimitPerIndex", type: "int32", presence: true },
  13: { name: "maxFailedIndexes", type: "int32", presence: true },
  14: { name: "podReplacementPolicy", type: "string", presence: true },
  15: { name: "managedBy", type: "string", presence: true },
  16: { name: "successPolicy", type: { message: successPolicy } },
};

export const jobCondition: MessageSchema = {
  1: { name: "type", type: "string" },
  2: { name: "status", type: "string" },
  3: { name: "lastProbeTime", type: "time" },
  4: { name: "lastTransitionTime", type: "time" },
  5: { name: "reason", type: "string" },
  6: { name: "message", type: "string" },
};

export const uncountedTerminatedPods: MessageSchema = {
  1: { name: "succeeded", type: "string", repeated: true },
  2: { name: "failed", type: "string", repeated: true },
};

export const jobStatus: MessageSchema = {
  1: { name: "conditions", type: { message: jobCondition }, repeated: true },
  2: { name: "startTime", type: "time", presence: true },
  3: { name: "completionTime", type: "time", presence: true },
  4: { name: "active", type: "int32" },
  5: { name: "succeeded", type: "int32" },
  6: { name: "failed", type: "int32" },
  7: { name: "completedIndexes", type: "string" },
  8: { name: "uncountedTerminatedPods", type: { message: uncountedTerminatedPods } },
  9: { name: "ready", type: "int32", presence: true },
  10: { name: "failedIndexes", type: "string", presence: true },
  11: { name: "terminating", type: "int32", presence: true },
};

export const job: MessageSchema = {
  1: metadata,
  2: { name: "spec", type: { message: jobSpec } },
  3: { name: "status", type: { message: jobStatus } },
};

export const batchProtobufKinds: Readonly<Record<string, MessageSchema>> = {
  "batch/v1/Job": job,
};
