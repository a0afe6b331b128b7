import { describe, expect, it } from "vitest";
import { formatFieldError } from "../validation/field-error.js";
import { root } from "../validation/field-path.js";
import { selectorFromLabelSelector, validateLabelSelector, type LabelSelectorInput } from "./label-selector.js";
import { SelectorError } from "./selector-error.js";

const path = root("spec").child("selector");
const messages = (labelSelector: LabelSelectorInput): string[] => validateLabelSelector(labelSelector, path).map(formatFieldError);

describe("selectorFromLabelSelector", () => {
  const convert = (labelSelector: LabelSelectorInput | null | undefined): string => {
    const result = selectorFromLabelSelector(labelSelector);
    return result.ok ? result.value.toString() : `error: ${result.error.message}`;
  };

  it("turns matchLabels and matchExpressions into one selector", () => {
    const result = selectorFromLabelSelector({
      matchLabels: { app: "web" },
      matchExpressions: [
        { key: "tier", operator: "In", values: ["front", "api"] },
        { key: "env", operator: "NotIn", values: ["dev"] },
        { key: "canary", operator: "DoesNotExist" },
        { key: "release", operator: "Exists", values: [] },
      ],
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.toString()).toBe("app=web,!canary,env notin (dev),release,tier in (api,front)");
    expect(result.value.matches({ app: "web", tier: "api", release: "1" })).toBe(true);
    expect(result.value.matches({ app: "web", tier: "api", release: "1", canary: "yes" })).toBe(false);
    expect(result.value.matches({ app: "web", tier: "db", release: "1" })).toBe(false);
  });

  it("matches nothing without a selector and everything with an empty one", () => {
    const none = selectorFromLabelSelector(undefined);
    expect(none.ok && none.value.matches({})).toBe(false);
    const nullSelector = selectorFromLabelSelector(null);
    expect(nullSelector.ok && nullSelector.value.matches({ a: "b" })).toBe(false);
    const empty = selectorFromLabelSelector({});
    expect(empty.ok && empty.value.isEmpty()).toBe(true);
    const emptyLists = selectorFromLabelSelector({ matchLabels: {}, matchExpressions: [] });
    expect(emptyLists.ok && emptyLists.value.matches({ a: "b" })).toBe(true);
  });

  it("reports a bad operator, key or value count", () => {
    expect(convert({ matchExpressions: [{ key: "a", operator: "Gt", values: ["1"] }] })).toBe(
      'error: "Gt" is not a valid label selector operator',
    );
    expect(convert({ matchExpressions: [{ key: "a", operator: "In", values: [] }] })).toBe(
      "error: for 'in', 'notin' operators, values set can't be empty",
    );
    expect(convert({ matchLabels: { "-a": "b" } })).toMatch(/^error: invalid label key "-a"/);
    const result = selectorFromLabelSelector({ matchExpressions: [{ key: "a", operator: "Exists", values: ["x"] }] });
    expect(!result.ok && result.error).toBeInstanceOf(SelectorError);
  });
});

describe("validateLabelSelector", () => {
  it("accepts a good selector, and no selector", () => {
    expect(
      messages({
        matchLabels: { app: "web" },
        matchExpressions: [
          { key: "tier", operator: "In", values: ["front"] },
          { key: "canary", operator: "DoesNotExist" },
        ],
      }),
    ).toEqual([]);
    expect(validateLabelSelector(undefined, path)).toEqual([]);
  });

  it("requires values for In and NotIn", () => {
    expect(messages({ matchExpressions: [{ key: "tier", operator: "In" }] })).toEqual([
      "spec.selector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'",
    ]);
    expect(messages({ matchExpressions: [{ key: "a", operator: "In", values: ["x"] }, { key: "b", operator: "NotIn", values: [] }] })).toEqual([
      "spec.selector.matchExpressions[1].values: Required value: must be specified when `operator` is 'In' or 'NotIn'",
    ]);
  });

  it("forbids values for Exists and DoesNotExist", () => {
    expect(messages({ matchExpressions: [{ key: "tier", operator: "Exists", values: ["x"] }] })).toEqual([
      "spec.selector.matchExpressions[0].values: Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
    ]);
  });

  it("names a wrong operator, key and values", () => {
    expect(messages({ matchExpressions: [{ key: "-tier", operator: "in", values: ["ok", "not ok"] }] })).toEqual([
      'spec.selector.matchExpressions[0].operator: Invalid value: "in": not a valid selector operator',
      expect.stringMatching(/^spec\.selector\.matchExpressions\[0\]\.key: Invalid value: "-tier": name part must consist of/),
      expect.stringMatching(/^spec\.selector\.matchExpressions\[0\]\.values\[1\]: Invalid value: "not ok": a valid label must be/),
    ]);
  });

  it("validates matchLabels as labels", () => {
    expect(messages({ matchLabels: { app: "-web" } })).toEqual([
      expect.stringMatching(/^spec\.selector\.matchLabels: Invalid value: "-web": a valid label must be/),
    ]);
  });
});
