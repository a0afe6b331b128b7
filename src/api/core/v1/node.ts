import { z } from "zod";
import { metadataField } from "../../meta/v1/object-meta.js";
import { typeFields } from "../../meta/v1/type-meta.js";
import { int32, int64, resourceList, time } from "../../schema/primitives.js";
import { canonicalResourceList } from "./quantities.js";

/** A taint: keeps pods without a matching toleration off the node (or evicts them, NoExecute). */
export const taintSchema = z.object({
  key: z.string().default(""),
  value: z.string().optional(),
  effect: z.string().default(""),
  timeAdded: time.optional(),
});
export type Taint = z.infer<typeof taintSchema>;

export const nodeSpecSchema = z.object({
  podCIDR: z.string().optional(),
  podCIDRs: z.array(z.string()).optional(),
  providerID: z.string().optional(),
  unschedulable: z.boolean().optional(),
  taints: z.array(taintSchema).optional(),
  externalID: z.string().optional(),
});
export type NodeSpec = z.infer<typeof nodeSpecSchema>;

export const nodeConditionSchema = z.object({
  type: z.string().default(""),
  status: z.string().default(""),
  lastHeartbeatTime: time.optional(),
  lastTransitionTime: time.optional(),
  reason: z.string().optional(),
  message: z.string().optional(),
});
export type NodeCondition = z.infer<typeof nodeConditionSchema>;

export const nodeAddressSchema = z.object({
  type: z.string().default(""),
  address: z.string().default(""),
});
export type NodeAddress = z.infer<typeof nodeAddressSchema>;

export const nodeSystemInfoSchema = z.object({
  machineID: z.string().default(""),
  systemUUID: z.string().default(""),
  bootID: z.string().default(""),
  kernelVersion: z.string().default(""),
  osImage: z.string().default(""),
  containerRuntimeVersion: z.string().default(""),
  kubeletVersion: z.string().default(""),
  kubeProxyVersion: z.string().default(""),
  operatingSystem: z.string().default(""),
  architecture: z.string().default(""),
});

export const nodeStatusSchema = z.object({
  capacity: resourceList.optional(),
  allocatable: resourceList.optional(),
  phase: z.string().optional(),
  conditions: z.array(nodeConditionSchema).optional(),
  addresses: z.array(nodeAddressSchema).optional(),
  daemonEndpoints: z.object({ kubeletEndpoint: z.object({ Port: int32.default(0) }).optional() }).optional(),
  nodeInfo: nodeSystemInfoSchema.optional(),
  images: z.array(z.object({ names: z.array(z.string()).optional(), sizeBytes: int64.optional() })).optional(),
  volumesInUse: z.array(z.string()).optional(),
  volumesAttached: z.array(z.object({ name: z.string().default(""), devicePath: z.string().default("") })).optional(),
});
export type NodeStatus = z.infer<typeof nodeStatusSchema>;

/** A Node: one host running the skiff agent. */
export const nodeSchema = z.object({
  ...typeFields("v1", "Node"),
  metadata: metadataField,
  spec: nodeSpecSchema.optional(),
  status: nodeStatusSchema.optional(),
});
export type Node = z.infer<typeof nodeSchema>;

/**
 * Kubernetes' Node defaults: allocatable is the capacity unless reported,
 * quantities written canonically, and podCIDR/podCIDRs kept in step.
 */
export function setNodeDefaults(node: Node): void {
  const status = node.status;
  if (status?.capacity) {
    status.capacity = canonicalResourceList(status.capacity);
    status.allocatable ??= { ...status.capacity };
  }
  if (status?.allocatable) status.allocatable = canonicalResourceList(status.allocatable);
  const spec = node.spec;
  if (spec?.podCIDR && (spec.podCIDRs ?? []).length === 0) spec.podCIDRs = [spec.podCIDR];
  const first = spec?.podCIDRs?.[0];
  if (spec && !spec.podCIDR && first) spec.podCIDR = first;
}
