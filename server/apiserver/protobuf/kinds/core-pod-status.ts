/**
 * A pod's status. Clients send it empty on create (`kubectl run`), but any field it holds must still be read or refused.
 * Field numbers and names as in k8s.io/api generated.proto (v0.36.3), checked
 * against the protobuf tags of its types.go, which also tell which fields are pointers.
 */
import type { MessageSchema } from "../schemas.js";
import { resourceRequirements } from "./core-container.js";

export const podCondition: MessageSchema = {
  1: { name: "type", type: "string" },
  2: { name: "status", type: "string" },
  3: { name: "lastProbeTime", type: "time" },
  4: { name: "lastTransitionTime", type: "time" },
  5: { name: "reason", type: "string" },
  6: { name: "message", type: "string" },
  7: { name: "observedGeneration", type: "int64" },
};

export const hostIP: MessageSchema = {
  1: { name: "ip", type: "string" },
};

export const podIP: MessageSchema = {
  1: { name: "ip", type: "string" },
};

export const containerStateWaiting: MessageSchema = {
  1: { name: "reason", type: "string" },
  2: { name: "message", type: "string" },
};

export const containerStateRunning: MessageSchema = {
  1: { name: "startedAt", type: "time" },
};

export const containerStateTerminated: MessageSchema = {
  1: { name: "exitCode", type: "int32" },
  2: { name: "signal", type: "int32" },
  3: { name: "reason", type: "string" },
  4: { name: "message", type: "string" },
  5: { name: "startedAt", type: "time" },
  6: { name: "finishedAt", type: "time" },
  7: { name: "containerID", type: "string" },
};

export const containerState: MessageSchema = {
  1: { name: "waiting", type: { message: containerStateWaiting } },
  2: { name: "running", type: { message: containerStateRunning } },
  3: { name: "terminated", type: { message: containerStateTerminated } },
};

export const imageVolumeStatus: MessageSchema = {
  1: { name: "imageRef", type: "string" },
};

export const volumeStatus: MessageSchema = {
  1: { name: "image", type: { message: imageVolumeStatus } },
};

export const volumeMountStatus: MessageSchema = {
  1: { name: "name", type: "string" },
  2: { name: "mountPath", type: "string" },
  3: { name: "readOnly", type: "bool" },
  4: { name: "recursiveReadOnly", type: "string", presence: true },
  5: { name: "volumeStatus", type: { message: volumeStatus } },
};

export const linuxContainerUser: MessageSchema = {
  1: { name: "uid", type: "int64" },
  2: { name: "gid", type: "int64" },
  3: { name: "supplementalGroups", type: "int64", repeated: true },
};

export const containerUser: MessageSchema = {
  1: { name: "linux", type: { message: linuxContainerUser } },
};

export const resourceHealth: MessageSchema = {
  1: { name: "resourceID", type: "string" },
  2: { name: "health", type: "string" },
  6: { name: "message", type: "string", presence: true },
};

export const resourceStatus: MessageSchema = {
  1: { name: "name", type: "string" },
  2: { name: "resources", type: { message: resourceHealth }, repeated: true },
};

export const containerStatus: MessageSchema = {
  1: { name: "name", type: "string" },
  2: { name: "state", type: { message: containerState } },
  3: { name: "lastState", type: { message: containerState } },
  4: { name: "ready", type: "bool" },
  5: { name: "restartCount", type: "int32" },
  6: { name: "image", type: "string" },
  7: { name: "imageID", type: "string" },
  8: { name: "containerID", type: "string" },
  9: { name: "started", type: "bool", presence: true },
  10: { name: "allocatedResources", type: { map: "quantity" } },
  11: { name: "resources", type: { message: resourceRequirements } },
  12: { name: "volumeMounts", type: { message: volumeMountStatus }, repeated: true },
  13: { name: "user", type: { message: containerUser } },
  14: { name: "allocatedResourcesStatus", type: { message: resourceStatus }, repeated: true },
  15: { name: "stopSignal", type: "string", presence: true },
};

export const podResourceClaimStatus: MessageSchema = {
  1: { name: "name", type: "string" },
  2: { name: "resourceClaimName", type: "string", presence: true },
};

export const containerExtendedResourceRequest: MessageSchema = {
  1: { name: "containerName", type: "string" },
  2: { name: "resourceName", type: "string" },
  3: { name: "requestName", type: "string" },
};

export const podExtendedResourceClaimStatus: MessageSchema = {
  1: { name: "requestMappings", type: { message: containerExtendedResourceRequest }, repeated: true },
  2: { name: "resourceClaimName", type: "string" },
};

export const nodeAllocatableResourceClaimStatus: MessageSchema = {
  1: { name: "resourceClaimName", type: "string" },
  2: { name: "containers", type: "string", repeated: true },
  3: { name: "resources", type: { map: "quantity" } },
};

export const podStatus: MessageSchema = {
  1: { name: "phase", type: "string" },
  2: { name: "conditions", type: { message: podCondition }, repeated: true },
  3: { name: "message", type: "string" },
  4: { name: "reason", type: "string" },
  5: { name: "hostIP", type: "string" },
  6: { name: "podIP", type: "string" },
  7: { name: "startTime", type: "time", presence: true },
  8: { name: "containerStatuses", type: { message: containerStatus }, repeated: true },
  9: { name: "qosClass", type: "string" },
  10: { name: "initContainerStatuses", type: { message: containerStatus }, repeated: true },
  11: { name: "nominatedNodeName", type: "string" },
  12: { name: "podIPs", type: { message: podIP }, repeated: true },
  13: { name: "ephemeralContainerStatuses", type: { message: containerStatus }, repeated: true },
  14: { name: "resize", type: "string" },
  15: { name: "resourceClaimStatuses", type: { message: podResourceClaimStatus }, repeated: true },
  16: { name: "hostIPs", type: { message: hostIP }, repeated: true },
  17: { name: "observedGeneration", type: "int64" },
  18: { name: "extendedResourceClaimStatus", type: { message: podExtendedResourceClaimStatus } },
  19: { name: "allocatedResources", type: { map: "quantity" } },
  20: { name: "resources", type: { message: resourceRequirements } },
  21: { name: "nodeAllocatableResourceClaimStatuses", type: { message: nodeAllocatableResourceClaimStatus }, repeated: true },
};
