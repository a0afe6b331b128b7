import { z } from "zod";
import { setPodTemplateSpecDefaults } from "../../core/v1/pod-defaults.js";
import { podTemplateSpecSchema } from "../../core/v1/pod-template.js";
import { labelSelectorSchema } from "../../meta/v1/label-selector.js";
import { metadataField } from "../../meta/v1/object-meta.js";
import { typeFields } from "../../meta/v1/type-meta.js";
import { int32, int64, intOrString } from "../../schema/primitives.js";
import { workloadConditionSchema } from "./deployment.js";

export const daemonSetUpdateStrategySchema = z.object({
  type: z.string().optional(),
  rollingUpdate: z.object({ maxUnavailable: intOrString.optional(), maxSurge: intOrString.optional() }).optional(),
});
export type DaemonSetUpdateStrategy = z.infer<typeof daemonSetUpdateStrategySchema>;

export const daemonSetSpecSchema = z.object({
  selector: labelSelectorSchema.optional(),
  template: podTemplateSpecSchema.prefault({}),
  updateStrategy: daemonSetUpdateStrategySchema.optional(),
  minReadySeconds: int32.optional(),
  revisionHistoryLimit: int32.optional(),
});

export const daemonSetStatusSchema = z.object({
  currentNumberScheduled: int32.default(0),
  numberMisscheduled: int32.default(0),
  desiredNumberScheduled: int32.default(0),
  numberReady: int32.default(0),
  observedGeneration: int64.optional(),
  updatedNumberScheduled: int32.optional(),
  numberAvailable: int32.optional(),
  numberUnavailable: int32.optional(),
  collisionCount: int32.optional(),
  conditions: z.array(workloadConditionSchema).optional(),
});

/** A DaemonSet: one pod of its template on every eligible node. */
export const daemonSetSchema = z.object({
  ...typeFields("apps/v1", "DaemonSet"),
  metadata: metadataField,
  spec: daemonSetSpecSchema.prefault({}),
  status: daemonSetStatusSchema.optional(),
});
export type DaemonSet = z.infer<typeof daemonSetSchema>;

/**
 * Kubernetes' DaemonSet defaults: RollingUpdate one node at a time
 * (maxUnavailable 1, maxSurge 0), 10 old revisions kept, and the pod
 * template's defaults.
 */
export function setDaemonSetDefaults(daemonSet: DaemonSet): void {
  const spec = daemonSet.spec;
  const strategy = (spec.updateStrategy ??= {});
  strategy.type ||= "RollingUpdate";
  if (strategy.type === "RollingUpdate") {
    const rollingUpdate = (strategy.rollingUpdate ??= {});
    rollingUpdate.maxUnavailable ??= 1;
    rollingUpdate.maxSurge ??= 0;
  }
  spec.revisionHistoryLimit ??= 10;
  setPodTemplateSpecDefaults(spec.template);
}
