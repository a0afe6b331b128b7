import { z } from "zod";
import { setPodTemplateSpecDefaults } from "../../core/v1/pod-defaults.js";
import { podTemplateSpecSchema } from "../../core/v1/pod-template.js";
import { labelSelectorSchema } from "../../meta/v1/label-selector.js";
import { metadataField } from "../../meta/v1/object-meta.js";
import { typeFields } from "../../meta/v1/type-meta.js";
import { int32, int64, time } from "../../schema/primitives.js";

export const podFailurePolicyRuleSchema = z.object({
  action: z.string().default(""),
  onExitCodes: z
    .object({
      containerName: z.string().optional(),
      operator: z.string().default(""),
      values: z.array(int32).default(() => []),
    })
    .optional(),
  onPodConditions: z.array(z.object({ type: z.string().default(""), status: z.string().optional() })).optional(),
});
export type PodFailurePolicyRule = z.infer<typeof podFailurePolicyRuleSchema>;

export const jobSpecSchema = z.object({
  parallelism: int32.optional(),
  completions: int32.optional(),
  activeDeadlineSeconds: int64.optional(),
  podFailurePolicy: z.object({ rules: z.array(podFailurePolicyRuleSchema).default(() => []) }).optional(),
  successPolicy: z
    .object({
      rules: z.array(z.object({ succeededIndexes: z.string().optional(), succeededCount: int32.optional() })).default(() => []),
    })
    .optional(),
  backoffLimit: int32.optional(),
  backoffLimitPerIndex: int32.optional(),
  maxFailedIndexes: int32.optional(),
  selector: labelSelectorSchema.optional(),
  manualSelector: z.boolean().optional(),
  template: podTemplateSpecSchema.prefault({}),
  ttlSecondsAfterFinished: int32.optional(),
  completionMode: z.string().optional(),
  suspend: z.boolean().optional(),
  podReplacementPolicy: z.string().optional(),
  managedBy: z.string().optional(),
});
export type JobSpec = z.infer<typeof jobSpecSchema>;

export const jobConditionSchema = z.object({
  type: z.string().default(""),
  status: z.string().default(""),
  lastProbeTime: time.optional(),
  lastTransitionTime: time.optional(),
  reason: z.string().optional(),
  message: z.string().optional(),
});

export const jobStatusSchema = z.object({
  conditions: z.array(jobConditionSchema).optional(),
  startTime: time.optional(),
  completionTime: time.optional(),
  active: int32.optional(),
  succeeded: int32.optional(),
  failed: int32.optional(),
  terminating: int32.optional(),
  completedIndexes: z.string().optional(),
  failedIndexes: z.string().optional(),
  uncountedTerminatedPods: z.object({ succeeded: z.array(z.string()).optional(), failed: z.array(z.string()).optional() }).optional(),
  ready: int32.optional(),
});

/** A Job: pods run to completion, retried up to a limit. */
export const jobSchema = z.object({
  ...typeFields("batch/v1", "Job"),
  metadata: metadataField,
  spec: jobSpecSchema.prefault({}),
  status: jobStatusSchema.optional(),
});
export type Job = z.infer<typeof jobSchema>;

/**
 * Kubernetes' Job defaults: one pod at a time to one completion when
 * neither is given, 6 retries, NonIndexed, not suspended, the template's
 * labels on the Job when it has none, and the pod template's defaults.
 */
export function setJobDefaults(job: Job): void {
  const spec = job.spec;
  if (spec.completions === undefined && spec.parallelism === undefined) {
    spec.completions = 1;
    spec.parallelism = 1;
  }
  spec.parallelism ??= 1;
  spec.backoffLimit ??= spec.backoffLimitPerIndex !== undefined ? 2147483647 : 6;
  const templateLabels = spec.template.metadata.labels;
  if (templateLabels && Object.keys(job.metadata.labels ?? {}).length === 0) job.metadata.labels = { ...templateLabels };
  spec.completionMode ??= "NonIndexed";
  spec.suspend ??= false;
  for (const rule of spec.podFailurePolicy?.rules ?? []) {
    for (const condition of rule.onPodConditions ?? []) condition.status ??= "True";
  }
  spec.podReplacementPolicy ??= spec.podFailurePolicy ? "Failed" : "TerminatingOrFailed";
  setPodTemplateSpecDefaults(spec.template);
}

/** The labels the apiserver puts on a Job's pods to tie them to it. */
export const JOB_LABELS = {
  controllerUid: "batch.kubernetes.io/controller-uid",
  legacyControllerUid: "controller-uid",
  jobName: "batch.kubernetes.io/job-name",
  legacyJobName: "job-name",
} as const;

/**
 * Gives a new Job the selector Kubernetes generates for it unless
 * `manualSelector` is true: its pods are labelled with the Job's name and
 * uid, and the selector picks the uid. The apiserver calls this on create,
 * once the uid is known; labels the user set are left as they are.
 */
export function generateJobSelector(job: Job, uid: string): void {
  if (job.spec.manualSelector === true) return;
  const name = job.metadata.name ?? "";
  const labels = (job.spec.template.metadata.labels ??= {});
  labels[JOB_LABELS.legacyJobName] ??= name;
  labels[JOB_LABELS.jobName] ??= name;
  labels[JOB_LABELS.legacyControllerUid] ??= uid;
  labels[JOB_LABELS.controllerUid] ??= uid;
  const selector = (job.spec.selector ??= {});
  const matchLabels = (selector.matchLabels ??= {});
  matchLabels[JOB_LABELS.controllerUid] ??= uid;
}
