import { z } from "zod";
import { int32, resourceList } from "../../schema/primitives.js";
import { envFromSourceSchema, envVarSchema } from "./env.js";
import { lifecycleSchema, probeSchema } from "./probe.js";
import { securityContextSchema } from "./security-context.js";

export const containerPortSchema = z.object({
  name: z.string().optional(),
  hostPort: int32.optional(),
  containerPort: int32.default(0),
  protocol: z.string().optional(),
  hostIP: z.string().optional(),
});
export type ContainerPort = z.infer<typeof containerPortSchema>;

export const resourceClaimSchema = z.object({
  name: z.string().default(""),
  request: z.string().optional(),
});

/** Requests (what the scheduler reserves) and limits (what the runtime enforces). */
export const resourceRequirementsSchema = z.object({
  limits: resourceList.optional(),
  requests: resourceList.optional(),
  claims: z.array(resourceClaimSchema).optional(),
});
export type ResourceRequirements = z.infer<typeof resourceRequirementsSchema>;

export const containerResizePolicySchema = z.object({
  resourceName: z.string().default(""),
  restartPolicy: z.string().default(""),
});

export const volumeMountSchema = z.object({
  name: z.string().default(""),
  readOnly: z.boolean().optional(),
  recursiveReadOnly: z.string().optional(),
  mountPath: z.string().default(""),
  subPath: z.string().optional(),
  mountPropagation: z.string().optional(),
  subPathExpr: z.string().optional(),
});
export type VolumeMount = z.infer<typeof volumeMountSchema>;

export const volumeDeviceSchema = z.object({
  name: z.string().default(""),
  devicePath: z.string().default(""),
});

/** One container of a pod (also an init container). */
export const containerSchema = z.object({
  name: z.string().default(""),
  image: z.string().optional(),
  command: z.array(z.string()).optional(),
  args: z.array(z.string()).optional(),
  workingDir: z.string().optional(),
  ports: z.array(containerPortSchema).optional(),
  envFrom: z.array(envFromSourceSchema).optional(),
  env: z.array(envVarSchema).optional(),
  resources: resourceRequirementsSchema.optional(),
  resizePolicy: z.array(containerResizePolicySchema).optional(),
  restartPolicy: z.string().optional(),
  volumeMounts: z.array(volumeMountSchema).optional(),
  volumeDevices: z.array(volumeDeviceSchema).optional(),
  livenessProbe: probeSchema.optional(),
  readinessProbe: probeSchema.optional(),
  startupProbe: probeSchema.optional(),
  lifecycle: lifecycleSchema.optional(),
  terminationMessagePath: z.string().optional(),
  terminationMessagePolicy: z.string().optional(),
  imagePullPolicy: z.string().optional(),
  securityContext: securityContextSchema.optional(),
  stdin: z.boolean().optional(),
  stdinOnce: z.boolean().optional(),
  tty: z.boolean().optional(),
});
export type Container = z.infer<typeof containerSchema>;
