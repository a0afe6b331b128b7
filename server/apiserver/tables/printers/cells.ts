import { selectorFromLabelSelector, type LabelSelectorInput } from "../../../../src/api/labels/index.js";
import { age } from "../../../../src/format/human-duration.js";
import { asRecord, listAt, recordAt, stringAt, stringMapAt, timeAt } from "../json-reader.js";

/** metadata.name. */
export function nameOf(object: unknown): string {
  return stringAt(object, "metadata", "name");
}

/** The AGE cell: time since metadata.creationTimestamp. */
export function ageOf(object: unknown, now: number): string {
  return age(timeAt(object, "metadata", "creationTimestamp"), now);
}

/** Whether metadata.deletionTimestamp is set. */
export function isDeleting(object: unknown): boolean {
  return stringAt(object, "metadata", "deletionTimestamp") !== "";
}

/**
 * The CONTAINERS and IMAGES cells of a pod spec: names and images joined
 * by commas, one entry per container.
 */
export function containerCells(podSpec: unknown): [names: string, images: string] {
  const containers = listAt(podSpec, "containers");
  return [
    containers.map((container) => stringAt(container, "name")).join(","),
    containers.map((container) => stringAt(container, "image")).join(","),
  ];
}

/** A label map as `a=1,b=2` (keys sorted), `<none>` when empty: Kubernetes' labels.FormatLabels. */
export function formatLabels(labels: Readonly<Record<string, string>>): string {
  const text = Object.keys(labels)
    .sort()
    .map((key) => `${key}=${labels[key] ?? ""}`)
    .join(",");
  return text === "" ? "<none>" : text;
}

/**
 * A LabelSelector in selector syntax (`app=web,tier in (a,b)`), or `""`
 * when it selects nothing or everything, `undefined` when it is invalid:
 * LabelSelectorAsSelector(...).String().
 */
export function labelSelectorString(selector: unknown): string | undefined {
  const built = selectorFromLabelSelector(labelSelectorInput(selector));
  return built.ok ? built.value.toString() : undefined;
}

/** metav1.FormatLabelSelector: the selector string, `<none>` when empty, `<error>` when invalid. */
export function formatLabelSelector(selector: unknown): string {
  const text = labelSelectorString(selector);
  if (text === undefined) return "<error>";
  return text === "" ? "<none>" : text;
}

function labelSelectorInput(selector: unknown): LabelSelectorInput | undefined {
  if (asRecord(selector) === undefined) return undefined;
  return {
    matchLabels: stringMapAt(selector, "matchLabels"),
    matchExpressions: listAt(selector, "matchExpressions").map((expression) => ({
      key: stringAt(expression, "key"),
      operator: stringAt(expression, "operator"),
      values: listAt(expression, "values").filter((value): value is string => typeof value === "string"),
    })),
  };
}

/** `true` when the status conditions hold one of `type` whose status is `True` (the first of that type decides). */
export function hasTrueCondition(object: unknown, type: string): boolean {
  const found = listAt(object, "status", "conditions").find((condition) => stringAt(condition, "type") === type);
  return found !== undefined && stringAt(found, "status") === "True";
}

/** The pod template's spec of a workload (spec.template.spec), if any. */
export function templatePodSpec(object: unknown): unknown {
  return recordAt(object, "spec", "template", "spec");
}
