/**
 * Where a pod may run: node and pod affinity, tolerations, topology spread.
 * Field numbers and names as in k8s.io/api generated.proto (v0.36.3), checked
 * against the protobuf tags of its types.go, which also tell which fields are pointers.
 */
import { labelSelector, type MessageSchema } from "../schemas.js";

export const nodeSelectorRequirement: MessageSchema = {
  1: { name: "key", type: "string" },
  2: { name: "operator", type: "string" },
  3: { name: "values", type: "string", repeated: true },
};

export const nodeSelectorTerm: MessageSchema = {
  1: { name: "matchExpressions", type: { message: nodeSelectorRequirement }, repeated: true },
  2: { name: "matchFields", type: { message: nodeSelectorRequirement }, repeated: true },
};

export const nodeSelector: MessageSchema = {
  1: { name: "nodeSelectorTerms", type: { message: nodeSelectorTerm }, repeated: true },
};

export const preferredSchedulingTerm: MessageSchema = {
  1: { name: "weight", type: "int32" },
  2: { name: "preference", type: { message: nodeSelectorTerm } },
};

export const nodeAffinity: MessageSchema = {
  1: { name: "requiredDuringSchedulingIgnoredDuringExecution", type: { message: nodeSelector } },
  2: { name: "preferredDuringSchedulingIgnoredDuringExecution", type: { message: preferredSchedulingTerm }, repeated: true },
};

export const podAffinityTerm: MessageSchema = {
  1: { name: "labelSelector", type: { message: labelSelector } },
  2: { name: "namespaces", type: "string", repeated: true },
  3: { name: "topologyKey", type: "string" },
  4: { name: "namespaceSelector", type: { message: labelSelector } },
  5: { name: "matchLabelKeys", type: "string", repeated: true },
  6: { name: "mismatchLabelKeys", type: "string", repeated: true },
};

export const weightedPodAffinityTerm: MessageSchema = {
  1: { name: "weight", type: "int32" },
  2: { name: "podAffinityTerm", type: { message: podAffinityTerm } },
};

export const podAffinity: MessageSchema = {
  1: { name: "requiredDuringSchedulingIgnoredDuringExecution", type: { message: podAffinityTerm }, repeated: true },
  2: { name: "preferredDuringSchedulingIgnoredDuringExecution", type: { message: weightedPodAffinityTerm }, repeated: true },
};

export const podAntiAffinity: MessageSchema = {
  1: { name: "requiredDuringSchedulingIgnoredDuringExecution", type: { message: podAffinityTerm }, repeated: true },
  2: { name: "preferredDuringSchedulingIgnoredDuringExecution", type: { message: weightedPodAffinityTerm }, repeated: true },
};

export const affinity: MessageSchema = {
  1: { name: "nodeAffinity", type: { message: nodeAffinity } },
  2: { name: "podAffinity", type: { message: podAffinity } },
  3: { name: "podAntiAffinity", type: { message: podAntiAffinity } },
};

export const toleration: MessageSchema = {
  1: { name: "key", type: "string" },
  2: { name: "operator", type: "string" },
  3: { name: "value", type: "string" },
  4: { name: "effect", type: "string" },
  5: { name: "tolerationSeconds", type: "int64", presence: true },
};

export const topologySpreadConstraint: MessageSchema = {
  1: { name: "maxSkew", type: "int32" },
  2: { name: "topologyKey", type: "string" },
  3: { name: "whenUnsatisfiable", type: "string" },
  4: { name: "labelSelector", type: { message: labelSelector } },
  5: { name: "minDomains", type: "int32", presence: true },
  6: { name: "nodeAffinityPolicy", type: "string", presence: true },
  7: { name: "nodeTaintsPolicy", type: "string", presence: true },
  8: { name: "matchLabelKeys", type: "string", repeated: true },
};
