import { describe, expect, it } from "vitest";
import { decodeObject } from "../../decode.js";
import { formatFieldError } from "../../validation/field-error.js";
import { generateJobSelector, type Job } from "./job.js";
import { validateJob, validateJobUpdate } from "./job-validation.js";

const template = { spec: { restartPolicy: "Never", containers: [{ name: "pi", image: "perl:5.34", command: ["perl", "-e", "print 1"] }] } };
const job = (spec: Record<string, unknown>, metadata: Record<string, unknown> = { name: "pi" }) => ({
  apiVersion: "batch/v1",
  kind: "Job",
  metadata,
  spec,
});

function decodeJob(spec: Record<string, unknown>, metadata?: Record<string, unknown>): Job {
  const result = decodeObject(job(spec, metadata));
  if (!result.ok) throw new Error(result.errors.map(formatFieldError).join("\n"));
  if (result.object.kind !== "Job") throw new Error(`decoded a ${result.object.kind}`);
  return result.object;
}

const problems = (spec: Record<string, unknown>): string[] => {
  const result = decodeObject(job(spec));
  return result.ok ? [] : result.errors.map(formatFieldError);
};

describe("job defaults", () => {
  it("defaults counts, retries, mode and suspension", () => {
    const decoded = decodeJob({ template: { metadata: { labels: { app: "pi" } }, spec: template.spec } });
    expect(decoded.spec).toMatchObject({
      completions: 1,
      parallelism: 1,
      backoffLimit: 6,
      completionMode: "NonIndexed",
      suspend: false,
      podReplacementPolicy: "TerminatingOrFailed",
    });
    expect(decoded.metadata.labels).toEqual({ app: "pi" });
    expect(decoded.spec.template.spec.terminationGracePeriodSeconds).toBe(30);
  });

  it("leaves completions unset for a work queue (parallelism only)", () => {
    const decoded = decodeJob({ parallelism: 3, template });
    expect(decoded.spec.completions).toBeUndefined();
    expect(decoded.spec.parallelism).toBe(3);
  });
});

describe("job validation", () => {
  it("requires OnFailure or Never", () => {
    expect(problems({ template: { spec: { containers: template.spec.containers } } })).toEqual([
      'spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"',
    ]);
    expect(problems({ template: { spec: { ...template.spec, restartPolicy: "Sometimes" } } })).toEqual([
      'spec.template.spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"',
      'spec.template.spec.restartPolicy: Unsupported value: "Sometimes": supported values: "OnFailure", "Never"',
    ]);
  });

  it("checks counts, mode and pod failure policy", () => {
    expect(
      problems({
        backoffLimit: -1,
        completionMode: "Indexed",
        parallelism: 2,
        podFailurePolicy: { rules: [{ action: "Retry", onExitCodes: { operator: "In", values: [0] } }, { action: "FailJob" }] },
        template,
      }),
    ).toEqual([
      "spec.backoffLimit: Invalid value: -1: must be greater than or equal to 0",
      "spec.completions: Required value: when completion mode is Indexed",
      'spec.podFailurePolicy.rules[0].action: Unsupported value: "Retry": supported values: "Count", "FailIndex", "FailJob", "Ignore"',
      "spec.podFailurePolicy.rules[0].onExitCodes.values[0]: Invalid value: 0: must not be 0 for the In operator",
      "spec.podFailurePolicy.rules[1]: Invalid value: <omitted>: specifying one of OnExitCodes and OnPodConditions is required",
    ]);
  });

  it("checks a manual selector against the template", () => {
    expect(problems({ manualSelector: true, template })).toEqual(["spec.selector: Required value", "spec.template.metadata.labels: Invalid value: map[string]string(nil): `selector` does not match template `labels`"]);
  });

  it("generates the selector from the uid on create", () => {
    const decoded = decodeJob({ template });
    generateJobSelector(decoded, "1f2e");
    expect(decoded.spec.selector).toEqual({ matchLabels: { "batch.kubernetes.io/controller-uid": "1f2e" } });
    expect(decoded.spec.template.metadata.labels).toEqual({
      "job-name": "pi",
      "batch.kubernetes.io/job-name": "pi",
      "controller-uid": "1f2e",
      "batch.kubernetes.io/controller-uid": "1f2e",
    });
    expect(validateJob(decoded)).toEqual([]);
  });
});

describe("job update validation", () => {
  const created = (spec: Record<string, unknown>): Job => {
    const decoded = decodeJob(spec);
    generateJobSelector(decoded, "1f2e");
    return decoded;
  };

  it("keeps the template immutable", () => {
    const old = created({ template });
    const next = structuredClone(old);
    next.spec.template.spec.containers[0]!.image = "perl:5.36";
    next.spec.parallelism = 4;
    expect(validateJobUpdate(next, old).map(formatFieldError)).toEqual([
      "spec.template: Invalid value: changes to spec.template.spec.containers[0].image: field is immutable",
    ]);
  });

  it("lets a suspended Job that never ran change where its pods go", () => {
    const old = created({ suspend: true, template });
    const next = structuredClone(old);
    next.spec.template.spec.nodeSelector = { zone: "b" };
    next.spec.suspend = false;
    expect(validateJobUpdate(next, old)).toEqual([]);
    const running = structuredClone(old);
    running.spec.suspend = false;
    expect(validateJobUpdate(next, { ...running, status: { startTime: "2024-01-01T00:00:00Z" } }).map(formatFieldError)).toEqual([
      "spec.template: Invalid value: changes to spec.template.spec.nodeSelector: field is immutable",
    ]);
  });

  it("keeps the selector and completions immutable", () => {
    const old = created({ template });
    const next = structuredClone(old);
    next.spec.selector = { matchLabels: { app: "other" } };
    next.spec.completions = 5;
    expect(validateJobUpdate(next, old).map(formatFieldError)).toEqual([
      'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"other"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable',
      "spec.completions: Invalid value: 5: field is immutable",
    ]);
  });
});
