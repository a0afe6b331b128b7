import { validateSelectorMatchesTemplate } from "../../core/v1/pod-template-validation.js";
import { validatePodTemplateSpec } from "../../core/v1/pod-validation.js";
import { validateLabelSelector } from "../../labels/index.js";
import { validateObjectMeta, validateObjectMetaUpdate } from "../../meta/v1/object-meta-validation.js";
import { validateImmutableSelector, validateNonnegativeField } from "../../validation/common.js";
import { forbidden, invalid, notSupported, required, type FieldError } from "../../validation/field-error.js";
import { root } from "../../validation/field-path.js";
import { nameIsDNSSubdomain } from "../../validation/object-names.js";
import type { DaemonSet, DaemonSetUpdateStrategy } from "./daemon-set.js";
import { intOrPercentValue, validateNotMoreThan100Percent, validatePositiveIntOrPercent } from "./int-or-percent.js";

const spec = root("spec");

function validateUpdateStrategy(strategy: DaemonSetUpdateStrategy | undefined): FieldError[] {
  const path = spec.child("updateStrategy");
  const type = strategy?.type ?? "";
  if (type === "OnDelete") return [];
  if (type !== "RollingUpdate") return [notSupported(path, strategy ?? {}, ["RollingUpdate", "OnDelete"])];
  const rollingUpdate = strategy?.rollingUpdate;
  const rollingPath = path.child("rollingUpdate");
  if (!rollingUpdate) return [required(rollingPath)];
  const maxUnavailable = rollingUpdate.maxUnavailable ?? 0;
  const maxSurge = rollingUpdate.maxSurge ?? 0;
  const errors = validatePositiveIntOrPercent(maxUnavailable, rollingPath.child("maxUnavailable"));
  errors.push(...validatePositiveIntOrPercent(maxSurge, rollingPath.child("maxSurge")));
  errors.push(...validateNotMoreThan100Percent(maxUnavailable, rollingPath.child("maxUnavailable")));
  errors.push(...validateNotMoreThan100Percent(maxSurge, rollingPath.child("maxSurge")));
  const hasUnavailable = intOrPercentValue(maxUnavailable) !== 0;
  const hasSurge = intOrPercentValue(maxSurge) !== 0;
  if (hasUnavailable && hasSurge) errors.push(invalid(rollingPath.child("maxSurge"), maxSurge, "may not be set when maxUnavailable is non-zero"));
  if (!hasUnavailable && !hasSurge) errors.push(required(rollingPath.child("maxUnavailable"), "cannot be 0 when maxSurge is 0"));
  return errors;
}

/** Validates a DaemonSet as Kubernetes' ValidateDaemonSet does. */
export function validateDaemonSet(daemonSet: DaemonSet): FieldError[] {
  const { selector, template } = daemonSet.spec;
  const errors = validateObjectMeta(daemonSet.metadata, { namespaced: true, name: nameIsDNSSubdomain }, root("metadata"));
  errors.push(...validateLabelSelector(selector, spec.child("selector")));
  errors.push(...validateSelectorMatchesTemplate(selector, template, spec.child("template")));
  if (selector && Object.keys(selector.matchLabels ?? {}).length + (selector.matchExpressions ?? []).length === 0) {
    errors.push(invalid(spec.child("selector"), selector, "empty selector is invalid for daemonset"));
  }
  errors.push(...validatePodTemplateSpec(template, spec.child("template")));
  const policy = template.spec.restartPolicy ?? "";
  if (policy !== "Always") errors.push(notSupported(spec.child("template").child("spec").child("restartPolicy"), policy, ["Always"]));
  if (template.spec.activeDeadlineSeconds !== undefined) {
    errors.push(forbidden(spec.child("template").child("spec").child("activeDeadlineSeconds"), "activeDeadlineSeconds in DaemonSet is not Supported"));
  }
  errors.push(...validateNonnegativeField(daemonSet.spec.minReadySeconds, spec.child("minReadySeconds")));
  errors.push(...validateUpdateStrategy(daemonSet.spec.updateStrategy));
  errors.push(...validateNonnegativeField(daemonSet.spec.revisionHistoryLimit, spec.child("revisionHistoryLimit")));
  return errors;
}

/** A DaemonSet's selector never changes (apps/v1). */
export function validateDaemonSetUpdate(daemonSet: DaemonSet, old: DaemonSet): FieldError[] {
  const errors = validateObjectMetaUpdate(daemonSet.metadata, old.metadata, root("metadata"));
  errors.push(...validateImmutableSelector(daemonSet.spec.selector, old.spec.selector, spec.child("selector")));
  return errors;
}
