import { PrintedValue } from "./field-error.js";

/**
 * A string map as Go's `%#v` prints it, which is how Kubernetes shows a label
 * map in an error: `map[string]string{"app":"web", "tier":"db"}`, keys
 * sorted; an absent map is `map[string]string(nil)`.
 */
export function goStringMap(map: Readonly<Record<string, string>> | undefined): PrintedValue {
  if (map === undefined) return new PrintedValue(map, "map[string]string(nil)");
  const entries = Object.keys(map)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${JSON.stringify(map[key])}`);
  return new PrintedValue(map, `map[string]string{${entries.join(", ")}}`);
}

/** A string list as Go's `%#v` prints it: `[]string{"a", "b"}`, or `[]string(nil)`. */
function goStringList(values: readonly string[] | undefined): string {
  if (values === undefined) return "[]string(nil)";
  return `[]string{${values.map((value) => JSON.stringify(value)).join(", ")}}`;
}

interface SelectorLike {
  matchLabels?: Readonly<Record<string, string>> | undefined;
  matchExpressions?: readonly { key: string; operator: string; values?: readonly string[] | undefined }[] | undefined;
}

/**
 * A LabelSelector as Go's `%#v` prints it, which is how Kubernetes shows
 * one in `field is immutable`:
 * `v1.LabelSelector{MatchLabels:map[string]string{"app":"web"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}`.
 */
export function goLabelSelector(selector: SelectorLike | undefined): PrintedValue {
  if (selector === undefined) return new PrintedValue(selector, "null");
  const expressions = selector.matchExpressions;
  const shownExpressions =
    expressions === undefined
      ? "[]v1.LabelSelectorRequirement(nil)"
      : `[]v1.LabelSelectorRequirement{${expressions
          .map(
            (expression) =>
              `v1.LabelSelectorRequirement{Key:${JSON.stringify(expression.key)}, Operator:${JSON.stringify(expression.operator)}, Values:${goStringList(expression.values)}}`,
          )
          .join(", ")}}`;
  return new PrintedValue(
    selector,
    `v1.LabelSelector{MatchLabels:${goStringMap(selector.matchLabels).text}, MatchExpressions:${shownExpressions}}`,
  );
}
