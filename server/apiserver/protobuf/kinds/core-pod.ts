/**
 * v1 Pod (`kubectl run`) and the PodTemplateSpec every workload kind embeds.
 * Field numbers and names as in k8s.io/api generated.proto (v0.36.3), checked
 * against the protobuf tags of its types.go, which also tell which fields are pointers.
 */
import { metadata, type MessageSchema } from "../schemas.js";
import { appArmorProfile, container, ephemeralContainer, resourceRequirements, seLinuxOptions, seccompProfile, windowsSecurityContextOptions } from "./core-container.js";
import { podStatus } from "./core-pod-status.js";
import { localObjectReference } from "./core-refs.js";
import { affinity, toleration, topologySpreadConstraint } from "./core-scheduling.js";
import { volume } from "./core-volumes.js";

export const sysctl: MessageSchema = {
  1: { name: "name", type: "string" },
  2: { name: "value", type: "string" },
};

export const podSecurityContext: MessageSchema = {
  1: { name: "seLinuxOptions", type: { message: seLinuxOptions } },
  2: { name: "runAsUser", type: "int64", presence: true },
  3: { name: "runAsNonRoot", type: "bool", presence: true },
  4: { name: "supplementalGroups", type: "int64", repeated: true },
  5: { name: "fsGroup", type: "int64", presence: true },
  6: { name: "runAsGroup", type: "int64", presence: true },
  7: { name: "sysctls", type: { message: sysctl }, repeated: true },
  8: { name: "windowsOptions", type: { message: windowsSecurityContextOptions } },
  9: { name: "fsGroupChangePolicy", type: "string", presence: true },
  10: { name: "seccompProfile", type: { message: seccompProfile } },
  11: { name: "appArmorProfile", type: { message: appArmorProfile } },
  12: { name: "supplementalGroupsPolicy", type: "string", presence: true },
  13: { name: "seLinuxChangePolicy", type: "string", presence: true },
};

export const hostAlias: MessageSchema = {
  1: { name: "ip", type: "string" },
  2: { name: "hostnames", type: "string", repeated: true },
};

export const podDNSConfigOption: MessageSchema = {
  1: { name: "name", type: "string" },
  2: { name: "value", type: "string", presence: true },
};

export const podDNSConfig: MessageSchema = {
  1: { name: "nameservers", type: "string", repeated: true },
  2: { name: "searches", type: "string", repeated: true },
  3: { name: "options", type: { message: podDNSConfigOption }, repeated: true },
};

export const podReadinessGate: MessageSchema = {
  1: { name: "conditionType", type: "string" },
};

export const podOS: MessageSchema = {
  1: { name: "name", type: "string" },
};

export const podSchedulingGate: MessageSchema = {
  1: { name: "name", type: "string" },
};

export const podResourceClaim: MessageSchema = {
  1: { name: "name", type: "string" },
  3: { name: "resourceClaimName", type: "string", presence: true },
  4: { name: "resourceClaimTemplateName", type: "string", presence: true },
};

export const podSchedulingGroup: MessageSchema = {
  1: { name: "podGroupName", type: "string", presence: true },
};

export const podSpec: MessageSchema = {
  1: { name: "volumes", type: { message: volume }, repeated: true },
  2: { name: "containers", type: { message: container }, repeated: true },
  3: { name: "restartPolicy", type: "string" },
  4: { name: "terminationGracePeriodSeconds", type: "int64", presence: true },
  5: { name: "activeDeadlineSeconds", type: "int64", presence: true },
  6: { name: "dnsPolicy", type: "string" },
  7: { name: "nodeSelector", type: { map: "string" } },
  8: { name: "serviceAccountName", type: "string" },
  9: { name: "serviceAccount", type: "string" },
  10: { name: "nodeName", type: "string" },
  11: { name: "hostNetwork", type: "bool" },
  12: { name: "hostPID", type: "bool" },
  13: { name: "hostIPC", type: "bool" },
  14: { name: "securityContext", type: { message: podSecurityContext } },
  15: { name: "imagePullSecrets", type: { message: localObjectReference }, repeated: true },
  16: { name: "hostname", type: "string" },
  17: { name: "subdomain", type: "string" },
  18: { name: "affinity", type: { message: affinity } },
  19: { name: "schedulerName", type: "string" },
  20: { name: "initContainers", type: { message: container }, repeated: true },
  21: { name: "automountServiceAccountToken", type: "bool", presence: true },
  22: { name: "tolerations", type: { message: toleration }, repeated: true },
  23: { name: "hostAliases", type: { message: hostAlias }, repeated: true },
  24: { name: "priorityClassName", type: "string" },
  25: { name: "priority", type: "int32", presence: true },
  26: { name: "dnsConfig", type: { message: podDNSConfig } },
  27: { name: "shareProcessNamespace", type: "bool", presence: true },
  28: { name: "readinessGates", type: { message: podReadinessGate }, repeated: true },
  29: { name: "runtimeClassName", type: "string", presence: true },
  30: { name: "enableServiceLinks", type: "bool", presence: true },
  31: { name: "preemptionPolicy", type: "string", presence: true },
  32: { name: "overhead", type: { map: "quantity" } },
  33: { name: "topologySpreadConstraints", type: { message: topologySpreadConstraint }, repeated: true },
  34: { name: "ephemeralContainers", type: { message: ephemeralContainer }, repeated: true },
  35: { name: "setHostnameAsFQDN", type: "bool", presence: true },
  36: { name: "os", type: { message: podOS } },
  37: { name: "hostUsers", type: "bool", presence: true },
  38: { name: "schedulingGates", type: { message: podSchedulingGate }, repeated: true },
  39: { name: "resourceClaims", type: { message: podResourceClaim }, repeated: true },
  40: { name: "resources", type: { message: resourceRequirements } },
  41: { name: "hostnameOverride", type: "string", presence: true },
  43: { name: "schedulingGroup", type: { message: podSchedulingGroup } },
};

export const pod: MessageSchema = {
  1: metadata,
  2: { name: "spec", type: { message: podSpec } },
  3: { name: "status", type: { message: podStatus } },
};

export const podTemplateSpec: MessageSchema = {
  1: metadata,
  2: { name: "spec", type: { message: podSpec } },
};

export const corePodProtobufKinds: Readonly<Record<string, MessageSchema>> = {
  "v1/Pod": pod,
};
