import { z } from "zod";
import { setPodTemplateSpecDefaults } from "../../core/v1/pod-defaults.js";
import { podTemplateSpecSchema } from "../../core/v1/pod-template.js";
import { labelSelectorSchema } from "../../meta/v1/label-selector.js";
import { metadataField } from "../../meta/v1/object-meta.js";
import { typeFields } from "../../meta/v1/type-meta.js";
import { int32, int64, intOrString, time } from "../../schema/primitives.js";

export const rollingUpdateDeploymentSchema = z.object({
  maxUnavailable: intOrString.optional(),
  maxSurge: intOrString.optional(),
});

export const deploymentStrategySchema = z.object({
  type: z.string().optional(),
  rollingUpdate: rollingUpdateDeploymentSchema.optional(),
});
export type DeploymentStrategy = z.infer<typeof deploymentStrategySchema>;

export const deploymentSpecSchema = z.object({
  replicas: int32.optional(),
  selector: labelSelectorSchema.optional(),
  template: podTemplateSpecSchema.prefault({}),
  strategy: deploymentStrategySchema.optional(),
  minReadySeconds: int32.optional(),
  revisionHistoryLimit: int32.optional(),
  paused: z.boolean().optional(),
  progressDeadlineSeconds: int32.optional(),
});
export type DeploymentSpec = z.infer<typeof deploymentSpecSchema>;

/** A condition of a Deployment, ReplicaSet or DaemonSet (Available, Progressing, ReplicaFailure). */
export const workloadConditionSchema = z.object({
  type: z.string().default(""),
  status: z.string().default(""),
  lastUpdateTime: time.optional(),
  lastTransitionTime: time.optional(),
  reason: z.string().optional(),
  message: z.string().optional(),
});

export const deploymentStatusSchema = z.object({
  observedGeneration: int64.optional(),
  replicas: int32.optional(),
  updatedReplicas: int32.optional(),
  readyReplicas: int32.optional(),
  availableReplicas: int32.optional(),
  unavailableReplicas: int32.optional(),
  terminatingReplicas: int32.optional(),
  conditions: z.array(workloadConditionSchema).optional(),
  collisionCount: int32.optional(),
});
export type DeploymentStatus = z.infer<typeof deploymentStatusSchema>;

/** A Deployment: ReplicaSets rolled from one pod template to the next. */
export const deploymentSchema = z.object({
  ...typeFields("apps/v1", "Deployment"),
  metadata: metadataField,
  spec: deploymentSpecSchema.prefault({}),
  status: deploymentStatusSchema.optional(),
});
export type Deployment = z.infer<typeof deploymentSchema>;

/**
 * Kubernetes' Deployment defaults: 1 replica, RollingUpdate with 25% surge
 * and 25% unavailable, 10 old ReplicaSets kept, a 600 s progress deadline,
 * and the pod template's own defaults.
 */
export function setDeploymentDefaults(deployment: Deployment): void {
  const spec = deployment.spec;
  spec.replicas ??= 1;
  const strategy = (spec.strategy ??= {});
  strategy.type ||= "RollingUpdate";
  if (strategy.type === "RollingUpdate") {
    const rollingUpdate = (strategy.rollingUpdate ??= {});
    rollingUpdate.maxUnavailable ??= "25%";
    rollingUpdate.maxSurge ??= "25%";
  }
  spec.revisionHistoryLimit ??= 10;
  spec.progressDeadlineSeconds ??= 600;
  setPodTemplateSpecDefaults(spec.template);
}
