/**
 * v1 Service, as `kubectl create service clusterip|nodeport|loadbalancer|externalname` sends it.
 * Field numbers and names as in k8s.io/api generated.proto (v0.36.3), checked
 * against the protobuf tags of its types.go, which also tell which fields are pointers.
 */
import { condition, metadata, type MessageSchema } from "../schemas.js";

export const servicePort: MessageSchema = {
  1: { name: "name", type: "string" },
  2: { name: "protocol", type: "string" },
  3: { name: "port", type: "int32" },
  4: { name: "targetPort", type: "intOrString" },
  5: { name: "nodePort", type: "int32" },
  6: { name: "appProtocol", type: "string", presence: true },
};

export const clientIPConfig: MessageSchema = {
  1: { name: "timeoutSeconds", type: "int32", presence: true },
};

export const sessionAffinityConfig: MessageSchema = {
  1: { name: "clientIP", type: { message: clientIPConfig } },
};

export const serviceSpec: MessageSchema = {
  1: { name: "ports", type: { message: servicePort }, repeated: true },
  2: { name: "selector", type: { map: "string" } },
  3: { name: "clusterIP", type: "string" },
  4: { name: "type", type: "string" },
  5: { name: "externalIPs", type: "string", repeated: true },
  7: { name: "sessionAffinity", type: "string" },
  8: { name: "loadBalancerIP", type: "string" },
  9: { name: "loadBalancerSourceRanges", type: "string", repeated: true },
  10: { name: "externalName", type: "string" },
  11: { name: "externalTrafficPolicy", type: "string" },
  12: { name: "healthCheckNodePort", type: "int32" },
  13: { name: "publishNotReadyAddresses", type: "bool" },
  14: { name: "sessionAffinityConfig", type: { message: sessionAffinityConfig } },
  17: { name: "ipFamilyPolicy", type: "string", presence: true },
  18: { name: "clusterIPs", type: "string", repeated: true },
  19: { name: "ipFamilies", type: "string", repeated: true },
  20: { name: "allocateLoadBalancerNodePorts", type: "bool", presence: true },
  21: { name: "loadBalancerClass", type: "string", presence: true },
  22: { name: "internalTrafficPolicy", type: "string", presence: true },
  23: { name: "trafficDistribution", type: "string", presence: true },
};

export const portStatus: MessageSchema = {
  1: { name: "port", type: "int32" },
  2: { name: "protocol", type: "string" },
  3: { name: "error", type: "string", presence: true },
};

export const loadBalancerIngress: MessageSchema = {
  1: { name: "ip", type: "string" },
  2: { name: "hostname", type: "string" },
  3: { name: "ipMode", type: "string", presence: true },
  4: { name: "ports", type: { message: portStatus }, repeated: true },
};

export const loadBalancerStatus: MessageSchema = {
  1: { name: "ingress", type: { message: loadBalancerIngress }, repeated: true },
};

export const serviceStatus: MessageSchema = {
  1: { name: "loadBalancer", type: { message: loadBalancerStatus } },
  2: { name: "conditions", type: { message: condition }, repeated: true },
};

export const service: MessageSchema = {
  1: metadata,
  2: { name: "spec", type: { message: serviceSpec } },
  3: { name: "status", type: { message: serviceStatus } },
};

export const coreServiceProtobufKinds: Readonly<Record<string, MessageSchema>> = {
  "v1/Service": service,
};
