import { describe, expect, it } from "vitest";
import { decodeObject } from "../../decode.js";
import { formatFieldError } from "../../validation/field-error.js";
import { validateReplicaSetUpdate, type ReplicaSet } from "./replica-set.js";

const template = { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "web", image: "nginx:1.25" }] } };
const replicaSet = (spec: Record<string, unknown>) => ({ apiVersion: "apps/v1", kind: "ReplicaSet", metadata: { name: "web-5d9c" }, spec });

function decodeReplicaSet(spec: Record<string, unknown>): ReplicaSet {
  const result = decodeObject(replicaSet(spec));
  if (!result.ok) throw new Error(result.errors.map(formatFieldError).join("\n"));
  if (result.object.kind !== "ReplicaSet") throw new Error(`decoded a ${result.object.kind}`);
  return result.object;
}

const problems = (spec: Record<string, unknown>): string[] => {
  const result = decodeObject(replicaSet(spec));
  return result.ok ? [] : result.errors.map(formatFieldError);
};

describe("replicaset", () => {
  it("defaults replicas to 1 and the template", () => {
    const decoded = decodeReplicaSet({ selector: { matchLabels: { app: "web" } }, template });
    expect(decoded.spec.replicas).toBe(1);
    expect(decoded.spec.template.spec.dnsPolicy).toBe("ClusterFirst");
  });

  it("validates selector, template and counts", () => {
    expect(
      problems({
        replicas: -2,
        selector: { matchExpressions: [{ key: "app", operator: "In", values: ["api"] }] },
        template: { ...template, spec: { ...template.spec, activeDeadlineSeconds: 30 } },
      }),
    ).toEqual([
      "spec.replicas: Invalid value: -2: must be greater than or equal to 0",
      'spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`',
      "spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in ReplicaSet is not Supported",
    ]);
  });

  it("calls an unusable selector invalid", () => {
    expect(problems({ selector: { matchExpressions: [{ key: "app", operator: "Is", values: ["web"] }] }, template })).toEqual([
      'spec.selector.matchExpressions[0].operator: Invalid value: "Is": not a valid selector operator',
      'spec.selector: Invalid value: {"matchExpressions":[{"key":"app","operator":"Is","values":["web"]}]}: invalid label selector',
    ]);
  });

  it("keeps the selector immutable", () => {
    const old = decodeReplicaSet({ selector: { matchLabels: { app: "web" } }, template });
    const next = decodeReplicaSet({ selector: { matchExpressions: [{ key: "app", operator: "Exists" }] }, template });
    expect(validateReplicaSetUpdate(next, old).map(formatFieldError)).toEqual([
      'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement{v1.LabelSelectorRequirement{Key:"app", Operator:"Exists", Values:[]string(nil)}}}: field is immutable',
    ]);
  });
});
