import { validatePodTemplateSpec } from "../../core/v1/pod-validation.js";
import { validateSelectorMatchesTemplate } from "../../core/v1/pod-template-validation.js";
import type { PodTemplateSpec } from "../../core/v1/pod-template.js";
import { selectorFromLabelSelector, validateLabelSelector } from "../../labels/index.js";
import type { LabelSelector } from "../../meta/v1/label-selector.js";
import { forbidden, invalid, notSupported, required, type FieldError } from "../../validation/field-error.js";
import type { FieldPath } from "../../validation/field-path.js";

/**
 * The selector of a Deployment or ReplicaSet: required, valid, not empty.
 * Kubernetes says "deployment" for both, and adds `invalid label selector`
 * when the selector cannot be used at all.
 */
export function validateRequiredSelector(selector: LabelSelector | undefined, path: FieldPath, kindWord: string): FieldError[] {
  if (!selector) return [required(path)];
  const errors = validateLabelSelector(selector, path);
  const terms = Object.keys(selector.matchLabels ?? {}).length + (selector.matchExpressions ?? []).length;
  if (terms === 0) errors.push(invalid(path, selector, `empty selector is invalid for ${kindWord}`));
  if (!selectorFromLabelSelector(selector).ok) errors.push(invalid(path, selector, "invalid label selector"));
  return errors;
}

/**
 * The pod template of a controller that keeps pods running (Deployment,
 * ReplicaSet, DaemonSet): selected by its selector, a valid template,
 * restartPolicy Always and no activeDeadlineSeconds.
 */
export function validateReplicatedTemplate(
  template: PodTemplateSpec,
  selector: LabelSelector | undefined,
  path: FieldPath,
  kindName: string,
): FieldError[] {
  const errors = validateSelectorMatchesTemplate(selector, template, path);
  errors.push(...validatePodTemplateSpec(template, path));
  const policy = template.spec.restartPolicy ?? "";
  if (policy !== "Always") errors.push(notSupported(path.child("spec").child("restartPolicy"), policy, ["Always"]));
  if (template.spec.activeDeadlineSeconds !== undefined) {
    errors.push(forbidden(path.child("spec").child("activeDeadlineSeconds"), `activeDeadlineSeconds in ${kindName} is not Supported`));
  }
  return errors;
}
