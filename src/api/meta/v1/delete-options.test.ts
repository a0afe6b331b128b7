import { describe, expect, it } from "vitest";
import { parseWith } from "../../schema/parse.js";
import { formatFieldError } from "../../validation/field-error.js";
import { deleteOptionsSchema, validateDeleteOptions } from "./delete-options.js";

const problems = (input: unknown): string[] => {
  const parsed = parseWith(deleteOptionsSchema, input);
  if (!parsed.ok) return parsed.errors.map(formatFieldError);
  return validateDeleteOptions(parsed.value).map(formatFieldError);
};

describe("delete options", () => {
  it("accept what kubectl sends", () => {
    expect(problems({ kind: "DeleteOptions", apiVersion: "v1", propagationPolicy: "Background" })).toEqual([]);
    expect(problems({ gracePeriodSeconds: 0, preconditions: { uid: "u", resourceVersion: "5" }, dryRun: ["All"] })).toEqual([]);
    expect(problems({})).toEqual([]);
  });

  it("refuse unknown policies, both policies at once, and other dry runs", () => {
    expect(problems({ orphanDependents: true, propagationPolicy: "Sometimes", dryRun: ["Some"] })).toEqual([
      'propagationPolicy: Invalid value: "Sometimes": orphanDependents and deletionPropagation cannot be both set',
      'propagationPolicy: Unsupported value: "Sometimes": supported values: "Foreground", "Background", "Orphan", "nil"',
      'dryRun: Unsupported value: ["Some"]: supported values: "All"',
    ]);
    expect(problems({ gracePeriodSeconds: "soon" })).toEqual(['gracePeriodSeconds: Invalid value: "soon": must be of type integer']);
  });
});
