import { validateSelectorMatchesTemplate } from "../../core/v1/pod-template-validation.js";
import type { PodTemplateSpec } from "../../core/v1/pod-template.js";
import { validatePodTemplateSpec } from "../../core/v1/pod-validation.js";
import { validateLabelSelector } from "../../labels/index.js";
import { validateObjectMeta, validateObjectMetaUpdate } from "../../meta/v1/object-meta-validation.js";
import { changedPaths, validateImmutableField, validateImmutableSelector, validateNonnegativeField } from "../../validation/common.js";
import { invalid, notSupported, PrintedValue, required, type FieldError } from "../../validation/field-error.js";
import { root } from "../../validation/field-path.js";
import { nameIsDNSSubdomain } from "../../validation/object-names.js";
import type { Job, JobSpec, PodFailurePolicyRule } from "./job.js";

const spec = root("spec");
const COMPLETION_MODES = ["NonIndexed", "Indexed"];
const POD_FAILURE_ACTIONS = ["Count", "FailIndex", "FailJob", "Ignore"];
const POD_REPLACEMENT_POLICIES = ["Failed", "TerminatingOrFailed"];
const MAX_PARALLELISM_FOR_INDEXED_JOB = 100000;

function validatePodFailureRule(jobSpec: JobSpec, rule: PodFailurePolicyRule, index: number): FieldError[] {
  const errors: FieldError[] = [];
  const at = spec.child("podFailurePolicy").child("rules").index(index);
  const actionPath = at.child("action");
  if (rule.action === "") errors.push(required(actionPath, `valid values: ${JSON.stringify(POD_FAILURE_ACTIONS).replaceAll(",", " ")}`));
  else if (rule.action === "FailIndex" && jobSpec.backoffLimitPerIndex === undefined) {
    errors.push(invalid(actionPath, rule.action, "requires the backoffLimitPerIndex to be set"));
  } else if (!POD_FAILURE_ACTIONS.includes(rule.action)) errors.push(notSupported(actionPath, rule.action, POD_FAILURE_ACTIONS));
  const exitCodes = rule.onExitCodes;
  if (exitCodes) {
    const exitPath = at.child("onExitCodes");
    if (exitCodes.operator !== "In" && exitCodes.operator !== "NotIn") {
      errors.push(notSupported(exitPath.child("operator"), exitCodes.operator, ["In", "NotIn"]));
    }
    if (exitCodes.values.length === 0) errors.push(required(exitPath.child("values"), "at least one value is required"));
    if (exitCodes.operator === "In" && exitCodes.values.includes(0)) {
      errors.push(invalid(exitPath.child("values").index(exitCodes.values.indexOf(0)), 0, "must not be 0 for the In operator"));
    }
  }
  const hasConditions = (rule.onPodConditions ?? []).length > 0;
  if (exitCodes && hasConditions) errors.push(invalid(at, new PrintedValue(rule, "<omitted>"), "specifying both OnExitCodes and OnPodConditions is not supported"));
  if (!exitCodes && !hasConditions) errors.push(invalid(at, new PrintedValue(rule, "<omitted>"), "specifying one of OnExitCodes and OnPodConditions is required"));
  return errors;
}

/** A Job's pods: restartPolicy OnFailure or Never (Never with a pod failure policy). */
function validateJobRestartPolicy(jobSpec: JobSpec): FieldError[] {
  const path = spec.child("template").child("spec").child("restartPolicy");
  const policy = jobSpec.template.spec.restartPolicy ?? "";
  if (policy === "Always" || policy === "") return [required(path, 'valid values: "OnFailure", "Never"')];
  if (policy !== "OnFailure" && policy !== "Never") return [notSupported(path, policy, ["OnFailure", "Never"])];
  if (jobSpec.podFailurePolicy && policy !== "Never") {
    return [invalid(path, policy, "only \"Never\" is supported when podFailurePolicy is specified")];
  }
  return [];
}

/**
 * Validates a Job as Kubernetes does. Without `manualSelector: true` a Job
 * may come without selector: the apiserver generates one on create
 * (generateJobSelector), so it is only checked once present.
 */
export function validateJob(job: Job): FieldError[] {
  const jobSpec = job.spec;
  const errors = validateObjectMeta(job.metadata, { namespaced: true, name: nameIsDNSSubdomain }, root("metadata"));
  errors.push(...validateNonnegativeField(jobSpec.parallelism, spec.child("parallelism")));
  errors.push(...validateNonnegativeField(jobSpec.completions, spec.child("completions")));
  errors.push(...validateNonnegativeField(jobSpec.activeDeadlineSeconds, spec.child("activeDeadlineSeconds")));
  errors.push(...validateNonnegativeField(jobSpec.backoffLimit, spec.child("backoffLimit")));
  errors.push(...validateNonnegativeField(jobSpec.ttlSecondsAfterFinished, spec.child("ttlSecondsAfterFinished")));
  errors.push(...validateNonnegativeField(jobSpec.backoffLimitPerIndex, spec.child("backoffLimitPerIndex")));
  errors.push(...validateNonnegativeField(jobSpec.maxFailedIndexes, spec.child("maxFailedIndexes")));
  const mode = jobSpec.completionMode;
  if (mode !== undefined) {
    if (!COMPLETION_MODES.includes(mode)) errors.push(notSupported(spec.child("completionMode"), mode, COMPLETION_MODES));
    if (mode === "Indexed") {
      if (jobSpec.completions === undefined) errors.push(required(spec.child("completions"), "when completion mode is Indexed"));
      if ((jobSpec.parallelism ?? 0) > MAX_PARALLELISM_FOR_INDEXED_JOB) {
        errors.push(
          invalid(spec.child("parallelism"), jobSpec.parallelism, `must be less than or equal to ${MAX_PARALLELISM_FOR_INDEXED_JOB} when completion mode is Indexed`),
        );
      }
    }
  }
  (jobSpec.podFailurePolicy?.rules ?? []).forEach((rule, i) => errors.push(...validatePodFailureRule(jobSpec, rule, i)));
  const replacement = jobSpec.podReplacementPolicy;
  if (replacement !== undefined && !POD_REPLACEMENT_POLICIES.includes(replacement)) {
    errors.push(notSupported(spec.child("podReplacementPolicy"), replacement, POD_REPLACEMENT_POLICIES));
  }
  const selectorToCome = jobSpec.selector === undefined && jobSpec.manualSelector !== true;
  if (!selectorToCome) {
    if (!jobSpec.selector) errors.push(required(spec.child("selector")));
    else errors.push(...validateLabelSelector(jobSpec.selector, spec.child("selector")));
    errors.push(...validateSelectorMatchesTemplate(jobSpec.selector, jobSpec.template, spec.child("template")));
  }
  errors.push(...validatePodTemplateSpec(jobSpec.template, spec.child("template")));
  errors.push(...validateJobRestartPolicy(jobSpec));
  return errors;
}

/** While a Job is suspended and has never started, its pods' scheduling directives may still change. */
function withSchedulingFrom(template: PodTemplateSpec, from: PodTemplateSpec): PodTemplateSpec {
  return {
    metadata: { ...template.metadata, labels: from.metadata.labels, annotations: from.metadata.annotations },
    spec: {
      ...template.spec,
      nodeSelector: from.spec.nodeSelector,
      tolerations: from.spec.tolerations,
      schedulingGates: from.spec.schedulingGates,
      affinity: from.spec.affinity ? { ...template.spec.affinity, nodeAffinity: from.spec.affinity.nodeAffinity } : template.spec.affinity,
    },
  };
}

/**
 * The rules a Job update must keep: selector, pod template (but for
 * scheduling directives of a suspended Job that never started),
 * completionMode, podFailurePolicy, successPolicy and managedBy never
 * change; completions only for an elastic Indexed Job.
 */
export function validateJobUpdate(job: Job, old: Job): FieldError[] {
  const errors = validateObjectMetaUpdate(job.metadata, old.metadata, root("metadata"));
  errors.push(...validateImmutableSelector(job.spec.selector, old.spec.selector, spec.child("selector")));
  const mutableScheduling = old.spec.suspend === true && old.status?.startTime === undefined;
  const oldTemplate = mutableScheduling ? withSchedulingFrom(old.spec.template, job.spec.template) : old.spec.template;
  const changed = changedPaths(oldTemplate, job.spec.template, spec.child("template"));
  if (changed.length > 0) {
    errors.push(invalid(spec.child("template"), new PrintedValue(job.spec.template, `changes to ${changed.join(", ")}`), "field is immutable"));
  }
  errors.push(...validateImmutableField(job.spec.completionMode, old.spec.completionMode, spec.child("completionMode")));
  errors.push(...validateImmutableField(job.spec.podFailurePolicy, old.spec.podFailurePolicy, spec.child("podFailurePolicy")));
  errors.push(...validateImmutableField(job.spec.backoffLimitPerIndex, old.spec.backoffLimitPerIndex, spec.child("backoffLimitPerIndex")));
  errors.push(...validateImmutableField(job.spec.successPolicy, old.spec.successPolicy, spec.child("successPolicy")));
  errors.push(...validateImmutableField(job.spec.managedBy, old.spec.managedBy, spec.child("managedBy")));
  const elastic = job.spec.completionMode === "Indexed" && job.spec.completions === job.spec.parallelism;
  if (!elastic) errors.push(...validateImmutableField(job.spec.completions, old.spec.completions, spec.child("completions")));
  return errors;
}
