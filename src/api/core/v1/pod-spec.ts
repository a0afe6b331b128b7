import { z } from "zod";
import { int32, int64, resourceList, stringMap } from "../../schema/primitives.js";
import { containerSchema, resourceRequirementsSchema } from "./container.js";
import { localObjectReferenceSchema } from "./object-reference.js";
import { podSecurityContextSchema } from "./security-context.js";
import { affinitySchema, tolerationSchema, topologySpreadConstraintSchema } from "./scheduling.js";
import { volumeSchema } from "./volume.js";

export const hostAliasSchema = z.object({
  ip: z.string().default(""),
  hostnames: z.array(z.string()).optional(),
});
export type HostAlias = z.infer<typeof hostAliasSchema>;

export const podDNSConfigSchema = z.object({
  nameservers: z.array(z.string()).optional(),
  searches: z.array(z.string()).optional(),
  options: z.array(z.object({ name: z.string().optional(), value: z.string().optional() })).optional(),
});
export type PodDNSConfig = z.infer<typeof podDNSConfigSchema>;

export const podReadinessGateSchema = z.object({
  conditionType: z.string().default(""),
});

export const podOSSchema = z.object({
  name: z.string().default(""),
});

export const podSchedulingGateSchema = z.object({
  name: z.string().default(""),
});

/** What a pod runs and where: containers, volumes, scheduling constraints. */
export const podSpecSchema = z.object({
  volumes: z.array(volumeSchema).optional(),
  initContainers: z.array(containerSchema).optional(),
  containers: z.array(containerSchema).default(() => []),
  restartPolicy: z.string().optional(),
  terminationGracePeriodSeconds: int64.optional(),
  activeDeadlineSeconds: int64.optional(),
  dnsPolicy: z.string().optional(),
  nodeSelector: stringMap.optional(),
  serviceAccountName: z.string().optional(),
  serviceAccount: z.string().optional(),
  automountServiceAccountToken: z.boolean().optional(),
  nodeName: z.string().optional(),
  hostNetwork: z.boolean().optional(),
  hostPID: z.boolean().optional(),
  hostIPC: z.boolean().optional(),
  shareProcessNamespace: z.boolean().optional(),
  securityContext: podSecurityContextSchema.optional(),
  imagePullSecrets: z.array(localObjectReferenceSchema).optional(),
  hostname: z.string().optional(),
  subdomain: z.string().optional(),
  affinity: affinitySchema.optional(),
  schedulerName: z.string().optional(),
  tolerations: z.array(tolerationSchema).optional(),
  hostAliases: z.array(hostAliasSchema).optional(),
  priorityClassName: z.string().optional(),
  priority: int32.optional(),
  dnsConfig: podDNSConfigSchema.optional(),
  readinessGates: z.array(podReadinessGateSchema).optional(),
  runtimeClassName: z.string().optional(),
  enableServiceLinks: z.boolean().optional(),
  preemptionPolicy: z.string().optional(),
  overhead: resourceList.optional(),
  topologySpreadConstraints: z.array(topologySpreadConstraintSchema).optional(),
  setHostnameAsFQDN: z.boolean().optional(),
  os: podOSSchema.optional(),
  hostUsers: z.boolean().optional(),
  schedulingGates: z.array(podSchedulingGateSchema).optional(),
  resources: resourceRequirementsSchema.optional(),
});
export type PodSpec = z.infer<typeof podSpecSchema>;
