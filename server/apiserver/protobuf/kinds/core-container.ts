/**
 * A container: ports, env, resources, probes, lifecycle hooks, security context; and the ephemeral container built on it.
 * Field numbers and names as in k8s.io/api generated.proto (v0.36.3), checked
 * against the protobuf tags of its types.go, which also tell which fields are pointers.
 */
import type { MessageSchema } from "../schemas.js";
import { localObjectReference, objectFieldSelector, resourceFieldSelector } from "./core-refs.js";

export const containerPort: MessageSchema = {
  1: { name: "name", type: "string" },
  2: { name: "hostPort", type: "int32" },
  3: { name: "containerPort", type: "int32" },
  4: { name: "protocol", type: "string" },
  5: { name: "hostIP", type: "string" },
};

export const configMapEnvSource: MessageSchema = {
  1: { name: "localObjectReference", type: { message: localObjectReference }, inline: true },
  2: { name: "optional", type: "bool", presence: true },
};

export const secretEnvSource: MessageSchema = {
  1: { name: "localObjectReference", type: { message: localObjectReference }, inline: true },
  2: { name: "optional", type: "bool", presence: true },
};

export const envFromSource: MessageSchema = {
  1: { name: "prefix", type: "string" },
  2: { name: "configMapRef", type: { message: configMapEnvSource } },
  3: { name: "secretRef", type: { message: secretEnvSource } },
};

export const configMapKeySelector: MessageSchema = {
  1: { name: "localObjectReference", type: { message: localObjectReference }, inline: true },
  2: { name: "key", type: "string" },
  3: { name: "optional", type: "bool", presence: true },
};

export const secretKeySelector: MessageSchema = {
  1: { name: "localObjectReference", type: { message: localObjectReference }, inline: true },
  2: { name: "key", type: "string" },
  3: { name: "optional", type: "bool", presence: true },
};

export const fileKeySelector: MessageSchema = {
  1: { name: "volumeName", type: "string" },
  2: { name: "path", type: "string" },
  3: { name: "key", type: "string" },
  4: { name: "optional", type: "bool", presence: true },
};

export const envVarSource: MessageSchema = {
  1: { name: "fieldRef", type: { message: objectFieldSelector } },
  2: { name: "resourceFieldRef", type: { message: resourceFieldSelector } },
  3: { name: "configMapKeyRef", type: { message: configMapKeySelector } },
  4: { name: "secretKeyRef", type: { message: secretKeySelector } },
  5: { name: "fileKeyRef", type: { message: fileKeySelector } },
};

export const envVar: MessageSchema = {
  1: { name: "name", type: "string" },
  2: { name: "value", type: "string" },
  3: { name: "valueFrom", type: { message: envVarSource } },
};

export const resourceClaim: MessageSchema = {
  1: { name: "name", type: "string" },
  2: { name: "request", type: "string" },
};

export const resourceRequirements: MessageSchema = {
  1: { name: "limits", type: { map: "quantity" } },
  2: { name: "requests", type: { map: "quantity" } },
  3: { name: "claims", type: { message: resourceClaim }, repeated: true },
};

export const containerResizePolicy: MessageSchema = {
  1: { name: "resourceName", type: "string" },
  2: { name: "restartPolicy", type: "string" },
};

export const containerRestartRuleOnExitCodes: MessageSchema = {
  1: { name: "operator", type: "string" },
  2: { name: "values", type: "int32", repeated: true },
};

export const containerRestartRule: MessageSchema = {
  1: { name: "action", type: "string" },
  2: { name: "exitCodes", type: { message: containerRestartRuleOnExitCodes } },
};

export const volumeMount: MessageSchema = {
  1: { name: "name", type: "string" },
  2: { name: "readOnly", type: "bool" },
  3: { name: "mountPath", type: "string" },
  4: { name: "subPath", type: "string" },
  5: { name: "mountPropagation", type: "string", presence: true },
  6: { name: "subPathExpr", type: "string" },
  7: { name: "recursiveReadOnly", type: "string", presence: true },
};

export const volumeDevice: MessageSchema = {
  1: { name: "name", type: "string" },
  2: { name: "devicePath", type: "string" },
};

export const execAction: MessageSchema = {
  1: { name: "command", type: "string", repeated: true },
};

export const httpHeader: MessageSchema = {
  1: { name: "name", type: "string" },
  2: { name: "value", type: "string" },
};

export const httpGetAction: MessageSchema = {
  1: { name: "path", type: "string" },
  2: { name: "port", type: "intOrString" },
  3: { name: "host", type: "string" },
  4: { name: "scheme", type: "string" },
  5: { name: "httpHeaders", type: { message: httpHeader }, repeated: true },
};

export const tcpSocketAction: MessageSchema = {
  1: { name: "port", type: "intOrString" },
  2: { name: "host", type: "string" },
};

export const grpcAction: MessageSchema = {
  1: { name: "port", type: "int32" },
  2: { name: "service", type: "string", presence: true },
};

export const probeHandler: MessageSchema = {
  1: { name: "exec", type: { message: execAction } },
  2: { name: "httpGet", type: { message: httpGetAction } },
  3: { name: "tcpSocket", type: { message: tcpSocketAction } },
  4: { name: "grpc", type: { message: grpcAction } },
};

export const probe: MessageSchema = {
  1: { name: "handler", type: { message: probeHandler }, inline: true },
  2: { name: "initialDelaySeconds", type: "int32" },
  3: { name: "timeoutSeconds", type: "int32" },
  4: { name: "periodSeconds", type: "int32" },
  5: { name: "successThreshold", type: "int32" },
  6: { name: "failureThreshold", type: "int32" },
  7: { name: "terminationGracePeriodSeconds", type: "int64", presence: true },
};

export const sleepAction: MessageSchema = {
  1: { name: "seconds", type: "int64" },
};

export const lifecycleHandler: MessageSchema = {
  1: { name: "exec", type: { message: execAction } },
  2: { name: "httpGet", type: { message: httpGetAction } },
  3: { name: "tcpSocket", type: { message: tcpSocketAction } },
  4: { name: "sleep", type: { message: sleepAction } },
};

export const lifecycle: MessageSchema = {
  1: { name: "postStart", type: { message: lifecycleHandler } },
  2: { name: "preStop", type: { message: lifecycleHandler } },
  3: { name: "stopSignal", type: "string", presence: true },
};

export const capabilities: MessageSchema = {
  1: { name: "add", type: "string", repeated: true },
  2: { name: "drop", type: "string", repeated: true },
};

export const seLinuxOptions: MessageSchema = {
  1: { name: "user", type: "string" },
  2: { name: "role", type: "string" },
  3: { name: "type", type: "string" },
  4: { name: "level", type: "string" },
};

export const windowsSecurityContextOptions: MessageSchema = {
  1: { name: "gmsaCredentialSpecName", type: "string", presence: true },
  2: { name: "gmsaCredentialSpec", type: "string", presence: true },
  3: { name: "runAsUserName", type: "string", presence: true },
  4: { name: "hostProcess", type: "bool", presence: true },
};

export const seccompProfile: MessageSchema = {
  1: { name: "type", type: "string" },
  2: { name: "localhostProfile", type: "string", presence: true },
};

export const appArmorProfile: MessageSchema = {
  1: { name: "type", type: "string" },
  2: { name: "localhostProfile", type: "string", presence: true },
};

export const securityContext: MessageSchema = {
  1: { name: "capabilities", type: { message: capabilities } },
  2: { name: "privileged", type: "bool", presence: true },
  3: { name: "seLinuxOptions", type: { message: seLinuxOptions } },
  4: { name: "runAsUser", type: "int64", presence: true },
  5: { name: "runAsNonRoot", type: "bool", presence: true },
  6: { name: "readOnlyRootFilesystem", type: "bool", presence: true },
  7: { name: "allowPrivilegeEscalation", type: "bool", presence: true },
  8: { name: "runAsGroup", type: "int64", presence: true },
  9: { name: "procMount", type: "string", presence: true },
  10: { name: "windowsOptions", type: { message: windowsSecurityContextOptions } },
  11: { name: "seccompProfile", type: { message: seccompProfile } },
  12: { name: "appArmorProfile", type: { message: appArmorProfile } },
};

export const container: MessageSchema = {
  1: { name: "name", type: "string" },
  2: { name: "image", type: "string" },
  3: { name: "command", type: "string", repeated: true },
  4: { name: "args", type: "string", repeated: true },
  5: { name: "workingDir", type: "string" },
  6: { name: "ports", type: { message: containerPort }, repeated: true },
  7: { name: "env", type: { message: envVar }, repeated: true },
  8: { name: "resources", type: { message: resourceRequirements } },
  9: { name: "volumeMounts", type: { message: volumeMount }, repeated: true },
  10: { name: "livenessProbe", type: { message: probe } },
  11: { name: "readinessProbe", type: { message: probe } },
  12: { name: "lifecycle", type: { message: lifecycle } },
  13: { name: "terminationMessagePath", type: "string" },
  14: { name: "imagePullPolicy", type: "string" },
  15: { name: "securityContext", type: { message: securityContext } },
  16: { name: "stdin", type: "bool" },
  17: { name: "stdinOnce", type: "bool" },
  18: { name: "tty", type: "bool" },
  19: { name: "envFrom", type: { message: envFromSource }, repeated: true },
  20: { name: "terminationMessagePolicy", type: "string" },
  21: { name: "volumeDevices", type: { message: volumeDevice }, repeated: true },
  22: { name: "startupProbe", type: { message: probe } },
  23: { name: "resizePolicy", type: { message: containerResizePolicy }, repeated: true },
  24: { name: "restartPolicy", type: "string", presence: true },
  25: { name: "restartPolicyRules", type: { message: containerRestartRule }, repeated: true },
};

// The same fields under the same numbers as Container, in k8s.io/api's generated.proto.
export const ephemeralContainerCommon: MessageSchema = container;

export const ephemeralContainer: MessageSchema = {
  1: { name: "ephemeralContainerCommon", type: { message: ephemeralContainerCommon }, inline: true },
  2: { name: "targetContainerName", type: "string" },
};
