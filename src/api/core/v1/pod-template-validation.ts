import { selectorFromLabelSelector } from "../../labels/index.js";
import type { LabelSelector } from "../../meta/v1/label-selector.js";
import { invalid, type FieldError } from "../../validation/field-error.js";
import type { FieldPath } from "../../validation/field-path.js";
import { goStringMap } from "../../validation/go-syntax.js";
import type { PodTemplateSpec } from "./pod-template.js";

/**
 * A controller's selector must select the pods its template makes:
 * `spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: \`selector\` does not match template \`labels\``.
 * An empty selector is not checked here (callers refuse it on their own);
 * an unparseable one neither (its own validation reports it).
 */
export function validateSelectorMatchesTemplate(
  selector: LabelSelector | undefined,
  template: PodTemplateSpec,
  templatePath: FieldPath,
): FieldError[] {
  const parsed = selectorFromLabelSelector(selector);
  if (!parsed.ok || parsed.value.isEmpty()) return [];
  const labels = template.metadata.labels;
  if (parsed.value.matches(labels ?? {})) return [];
  return [invalid(templatePath.child("metadata").child("labels"), goStringMap(labels), "`selector` does not match template `labels`")];
}
