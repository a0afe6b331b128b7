import { z } from "zod";
import { conditionSchema } from "../../meta/v1/condition.js";
import { metadataField } from "../../meta/v1/object-meta.js";
import { typeFields } from "../../meta/v1/type-meta.js";
import { int32, intOrString, stringMap } from "../../schema/primitives.js";

export const servicePortSchema = z.object({
  name: z.string().optional(),
  protocol: z.string().optional(),
  appProtocol: z.string().optional(),
  port: int32.default(0),
  targetPort: intOrString.optional(),
  nodePort: int32.optional(),
});
export type ServicePort = z.infer<typeof servicePortSchema>;

export const sessionAffinityConfigSchema = z.object({
  clientIP: z.object({ timeoutSeconds: int32.optional() }).optional(),
});

export const serviceSpecSchema = z.object({
  ports: z.array(servicePortSchema).optional(),
  selector: stringMap.optional(),
  clusterIP: z.string().optional(),
  clusterIPs: z.array(z.string()).optional(),
  type: z.string().optional(),
  externalIPs: z.array(z.string()).optional(),
  sessionAffinity: z.string().optional(),
  loadBalancerIP: z.string().optional(),
  loadBalancerSourceRanges: z.array(z.string()).optional(),
  externalName: z.string().optional(),
  externalTrafficPolicy: z.string().optional(),
  healthCheckNodePort: int32.optional(),
  publishNotReadyAddresses: z.boolean().optional(),
  sessionAffinityConfig: sessionAffinityConfigSchema.optional(),
  ipFamilies: z.array(z.string()).optional(),
  ipFamilyPolicy: z.string().optional(),
  allocateLoadBalancerNodePorts: z.boolean().optional(),
  loadBalancerClass: z.string().optional(),
  internalTrafficPolicy: z.string().optional(),
  trafficDistribution: z.string().optional(),
});
export type ServiceSpec = z.infer<typeof serviceSpecSchema>;

export const loadBalancerIngressSchema = z.object({
  ip: z.string().optional(),
  hostname: z.string().optional(),
  ipMode: z.string().optional(),
  ports: z
    .array(z.object({ port: int32.default(0), protocol: z.string().default(""), error: z.string().optional() }))
    .optional(),
});

export const serviceStatusSchema = z.object({
  loadBalancer: z.object({ ingress: z.array(loadBalancerIngressSchema).optional() }).optional(),
  conditions: z.array(conditionSchema).optional(),
});

/** A Service: a stable virtual IP and name in front of the pods its selector picks. */
export const serviceSchema = z.object({
  ...typeFields("v1", "Service"),
  metadata: metadataField,
  spec: serviceSpecSchema.prefault({}),
  status: serviceStatusSchema.optional(),
});
export type Service = z.infer<typeof serviceSchema>;

/** Three hours: how long ClientIP session affinity sticks unless told otherwise. */
export const DEFAULT_CLIENT_IP_AFFINITY_SECONDS = 10800;

/** Reachable from outside the cluster: NodePort, LoadBalancer, or a ClusterIP with external IPs. */
export function isExternallyAccessible(spec: ServiceSpec): boolean {
  return spec.type === "LoadBalancer" || spec.type === "NodePort" || (spec.type === "ClusterIP" && (spec.externalIPs ?? []).length > 0);
}

/**
 * Kubernetes' Service defaults: type ClusterIP, sessionAffinity None, TCP
 * ports whose targetPort is the port, traffic policies Cluster, and
 * clusterIP/clusterIPs kept in step (as the apiserver's strategy does).
 */
export function setServiceDefaults(service: Service): void {
  const spec = service.spec;
  spec.sessionAffinity ||= "None";
  if (spec.sessionAffinity === "None") delete spec.sessionAffinityConfig;
  if (spec.sessionAffinity === "ClientIP" && spec.sessionAffinityConfig?.clientIP?.timeoutSeconds === undefined) {
    spec.sessionAffinityConfig = { clientIP: { timeoutSeconds: DEFAULT_CLIENT_IP_AFFINITY_SECONDS } };
  }
  spec.type ||= "ClusterIP";
  for (const port of spec.ports ?? []) {
    port.protocol ||= "TCP";
    if (port.targetPort === undefined || port.targetPort === 0 || port.targetPort === "") port.targetPort = port.port;
  }
  if (isExternallyAccessible(spec)) spec.externalTrafficPolicy ||= "Cluster";
  if (spec.type === "NodePort" || spec.type === "LoadBalancer" || spec.type === "ClusterIP") spec.internalTrafficPolicy ??= "Cluster";
  if (spec.type === "LoadBalancer") {
    spec.allocateLoadBalancerNodePorts ??= true;
    for (const ingress of service.status?.loadBalancer?.ingress ?? []) {
      if (ingress.ip) ingress.ipMode ??= "VIP";
    }
  }
  if (spec.clusterIP && (spec.clusterIPs ?? []).length === 0) spec.clusterIPs = [spec.clusterIP];
  const first = spec.clusterIPs?.[0];
  if (!spec.clusterIP && first) spec.clusterIP = first;
}

/**
 * Carries what the apiserver allocated over to an update that does not say
 * (a `kubectl apply` never sends clusterIP or nodePorts), as Kubernetes'
 * strategy does before validating: clusterIP(s), nodePorts by port and
 * protocol, healthCheckNodePort. Not across a change to or from ExternalName.
 */
export function keepAllocatedServiceFields(service: Service, old: Service): void {
  const spec = service.spec;
  if (spec.type === "ExternalName" || old.spec.type === "ExternalName") return;
  if (!spec.clusterIP && (spec.clusterIPs ?? []).length === 0) {
    if (old.spec.clusterIP !== undefined) spec.clusterIP = old.spec.clusterIP;
    if (old.spec.clusterIPs !== undefined) spec.clusterIPs = [...old.spec.clusterIPs];
  }
  if (spec.type === "NodePort" || spec.type === "LoadBalancer") {
    for (const port of spec.ports ?? []) {
      if (port.nodePort) continue;
      const before = (old.spec.ports ?? []).find((candidate) => candidate.port === port.port && candidate.protocol === port.protocol);
      if (before?.nodePort) port.nodePort = before.nodePort;
    }
  }
  if (!spec.healthCheckNodePort && old.spec.healthCheckNodePort) spec.healthCheckNodePort = old.spec.healthCheckNodePort;
}
