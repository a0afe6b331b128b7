import { describe, expect, it } from "vitest";
import { formatFieldError, invalid } from "./field-error.js";
import { root } from "./field-path.js";
import { goLabelSelector, goStringMap } from "./go-syntax.js";

describe("Go syntax of bad values", () => {
  it("prints label maps sorted, as Kubernetes shows them", () => {
    const error = invalid(root("spec").child("template").child("metadata").child("labels"), goStringMap({ tier: "fe", app: "web" }), "`selector` does not match template `labels`");
    expect(formatFieldError(error)).toBe(
      'spec.template.metadata.labels: Invalid value: map[string]string{"app":"web", "tier":"fe"}: `selector` does not match template `labels`',
    );
    expect(goStringMap(undefined).text).toBe("map[string]string(nil)");
  });

  it("prints label selectors", () => {
    expect(goLabelSelector({ matchLabels: { app: "web" } }).text).toBe(
      'v1.LabelSelector{MatchLabels:map[string]string{"app":"web"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}',
    );
    expect(goLabelSelector({ matchExpressions: [{ key: "tier", operator: "In", values: ["a", "b"] }] }).text).toBe(
      'v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement{v1.LabelSelectorRequirement{Key:"tier", Operator:"In", Values:[]string{"a", "b"}}}}',
    );
  });
});
