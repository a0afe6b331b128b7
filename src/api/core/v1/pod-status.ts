import { z } from "zod";
import { int32, int64, resourceList, time } from "../../schema/primitives.js";
import { resourceRequirementsSchema } from "./container.js";

export const podConditionSchema = z.object({
  type: z.string().default(""),
  observedGeneration: int64.optional(),
  status: z.string().default(""),
  // Kubernetes writes a PodScheduled condition's lastProbeTime as null (a zero metav1.Time): read as absent.
  lastProbeTime: z.preprocess((value) => (value === null ? undefined : value), time.optional()),
  lastTransitionTime: time.optional(),
  reason: z.string().optional(),
  message: z.string().optional(),
});
export type PodCondition = z.infer<typeof podConditionSchema>;

export const containerStateSchema = z.object({
  waiting: z.object({ reason: z.string().optional(), message: z.string().optional() }).optional(),
  running: z.object({ startedAt: time.optional() }).optional(),
  terminated: z
    .object({
      exitCode: int32.default(0),
      signal: int32.optional(),
      reason: z.string().optional(),
      message: z.string().optional(),
      startedAt: time.optional(),
      finishedAt: time.optional(),
      containerID: z.string().optional(),
    })
    .optional(),
});
export type ContainerState = z.infer<typeof containerStateSchema>;

export const containerStatusSchema = z.object({
  name: z.string().default(""),
  state: containerStateSchema.optional(),
  lastState: containerStateSchema.optional(),
  ready: z.boolean().default(false),
  restartCount: int32.default(0),
  image: z.string().default(""),
  imageID: z.string().default(""),
  containerID: z.string().optional(),
  started: z.boolean().optional(),
  allocatedResources: resourceList.optional(),
  resources: resourceRequirementsSchema.optional(),
  stopSignal: z.string().optional(),
});
export type ContainerStatus = z.infer<typeof containerStatusSchema>;

const podIPSchema = z.object({ ip: z.string().default("") });

/** What the agent reports about a pod. */
export const podStatusSchema = z.object({
  observedGeneration: int64.optional(),
  phase: z.string().optional(),
  conditions: z.array(podConditionSchema).optional(),
  message: z.string().optional(),
  reason: z.string().optional(),
  nominatedNodeName: z.string().optional(),
  hostIP: z.string().optional(),
  hostIPs: z.array(podIPSchema).optional(),
  podIP: z.string().optional(),
  podIPs: z.array(podIPSchema).optional(),
  startTime: time.optional(),
  initContainerStatuses: z.array(containerStatusSchema).optional(),
  containerStatuses: z.array(containerStatusSchema).optional(),
  ephemeralContainerStatuses: z.array(containerStatusSchema).optional(),
  qosClass: z.string().optional(),
  resize: z.string().optional(),
});
export type PodStatus = z.infer<typeof podStatusSchema>;
