import { describe, expect, it } from "vitest";
import { decodeObject } from "../../decode.js";
import { formatFieldError } from "../../validation/field-error.js";
import type { Deployment } from "./deployment.js";
import { validateDeploymentUpdate } from "./deployment-validation.js";

const template = { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "web", image: "nginx:1.25" }] } };
const deployment = (spec: Record<string, unknown>) => ({ apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "web" }, spec });

function decodeDeployment(spec: Record<string, unknown>): Deployment {
  const result = decodeObject(deployment(spec));
  if (!result.ok) throw new Error(result.errors.map(formatFieldError).join("\n"));
  if (result.object.kind !== "Deployment") throw new Error(`decoded a ${result.object.kind}`);
  return result.object;
}

const problems = (spec: Record<string, unknown>): string[] => {
  const result = decodeObject(deployment(spec));
  return result.ok ? [] : result.errors.map(formatFieldError);
};

describe("deployment defaults", () => {
  it("defaults replicas, strategy, history, deadline and the pod template", () => {
    const decoded = decodeDeployment({ selector: { matchLabels: { app: "web" } }, template });
    expect(decoded.spec.replicas).toBe(1);
    expect(decoded.spec.strategy).toEqual({ type: "RollingUpdate", rollingUpdate: { maxUnavailable: "25%", maxSurge: "25%" } });
    expect(decoded.spec.revisionHistoryLimit).toBe(10);
    expect(decoded.spec.progressDeadlineSeconds).toBe(600);
    expect(decoded.spec.template.spec.restartPolicy).toBe("Always");
    expect(decoded.spec.template.spec.containers[0]?.imagePullPolicy).toBe("IfNotPresent");
    expect(decoded.spec.template.spec.enableServiceLinks).toBeUndefined();
  });

  it("leaves Recreate without rolling parameters", () => {
    expect(decodeDeployment({ selector: { matchLabels: { app: "web" } }, template, strategy: { type: "Recreate" } }).spec.strategy).toEqual({
      type: "Recreate",
    });
  });
});

describe("deployment validation", () => {
  it("requires a selector that matches the template", () => {
    expect(problems({ selector: { matchLabels: { app: "api" } }, template })).toEqual([
      'spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`',
    ]);
    expect(problems({ template })).toEqual([
      "spec.selector: Required value",
      'spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`',
    ]);
    expect(problems({ selector: {}, template })).toEqual(["spec.selector: Invalid value: {}: empty selector is invalid for deployment"]);
  });

  it("reports problems deep in the template with their full path", () => {
    expect(
      problems({
        replicas: -1,
        selector: { matchLabels: { app: "web" } },
        template: { metadata: { labels: { app: "web", "bad key!": "x" } }, spec: { restartPolicy: "Never", containers: [{ name: "web" }] } },
      }),
    ).toEqual([
      "spec.replicas: Invalid value: -1: must be greater than or equal to 0",
      "spec.template.labels: Invalid value: \"bad key!\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
      "spec.template.spec.containers[0].image: Required value",
      'spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"',
    ]);
  });

  it("checks the rolling update parameters", () => {
    const base = { selector: { matchLabels: { app: "web" } }, template };
    expect(problems({ ...base, strategy: { rollingUpdate: { maxSurge: 0, maxUnavailable: "0%" } } })).toEqual([
      'spec.strategy.rollingUpdate.maxUnavailable: Invalid value: "0%": may not be 0 when `maxSurge` is 0',
    ]);
    expect(problems({ ...base, strategy: { rollingUpdate: { maxSurge: "lots", maxUnavailable: "150%" } } })).toEqual([
      "spec.strategy.rollingUpdate.maxSurge: Invalid value: \"lots\": a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')",
      'spec.strategy.rollingUpdate.maxUnavailable: Invalid value: "150%": must not be greater than 100%',
    ]);
    expect(problems({ ...base, strategy: { type: "Recreate", rollingUpdate: {} } })).toEqual([
      "spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate'",
    ]);
    expect(problems({ ...base, strategy: { type: "BlueGreen" } })).toEqual([
      'spec.strategy: Unsupported value: {"type":"BlueGreen"}: supported values: "Recreate", "RollingUpdate"',
    ]);
    expect(problems({ ...base, minReadySeconds: 700 })).toEqual([
      "spec.progressDeadlineSeconds: Invalid value: 600: must be greater than minReadySeconds",
    ]);
  });

  it("keeps the selector immutable", () => {
    const old = decodeDeployment({ selector: { matchLabels: { app: "web" } }, template });
    const next = decodeDeployment({
      selector: { matchLabels: { app: "web", tier: "fe" } },
      template: { ...template, metadata: { labels: { app: "web", tier: "fe" } } },
      replicas: 3,
    });
    expect(validateDeploymentUpdate(next, old).map(formatFieldError)).toEqual([
      'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"web", "tier":"fe"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable',
    ]);
    const scaled = decodeDeployment({ selector: { matchLabels: { app: "web" } }, template, replicas: 5 });
    expect(validateDeploymentUpdate(scaled, old)).toEqual([]);
  });
});
