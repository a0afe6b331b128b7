import { describe, expect, it } from "vitest";
import { decodeObject } from "../../decode.js";
import { formatFieldError } from "../../validation/field-error.js";
import type { DaemonSet } from "./daemon-set.js";
import { validateDaemonSetUpdate } from "./daemon-set-validation.js";

const template = { metadata: { labels: { app: "agent" } }, spec: { containers: [{ name: "agent", image: "agent:2" }] } };
const daemonSet = (spec: Record<string, unknown>) => ({ apiVersion: "apps/v1", kind: "DaemonSet", metadata: { name: "agent" }, spec });

function decodeDaemonSet(spec: Record<string, unknown>): DaemonSet {
  const result = decodeObject(daemonSet(spec));
  if (!result.ok) throw new Error(result.errors.map(formatFieldError).join("\n"));
  if (result.object.kind !== "DaemonSet") throw new Error(`decoded a ${result.object.kind}`);
  return result.object;
}

const problems = (spec: Record<string, unknown>): string[] => {
  const result = decodeObject(daemonSet(spec));
  return result.ok ? [] : result.errors.map(formatFieldError);
};

describe("daemonset", () => {
  it("defaults to a rolling update of one node at a time", () => {
    const decoded = decodeDaemonSet({ selector: { matchLabels: { app: "agent" } }, template });
    expect(decoded.spec.updateStrategy).toEqual({ type: "RollingUpdate", rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } });
    expect(decoded.spec.revisionHistoryLimit).toBe(10);
  });

  it("validates selector, template, and surge against unavailable", () => {
    expect(problems({ template })).toEqual([
      'spec.template.metadata.labels: Invalid value: map[string]string{"app":"agent"}: `selector` does not match template `labels`',
    ]);
    expect(
      problems({
        selector: { matchLabels: { app: "agent" } },
        template,
        updateStrategy: { rollingUpdate: { maxUnavailable: 1, maxSurge: "10%" } },
      }),
    ).toEqual(['spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: "10%": may not be set when maxUnavailable is non-zero']);
    expect(
      problems({ selector: { matchLabels: { app: "agent" } }, template, updateStrategy: { rollingUpdate: { maxUnavailable: 0, maxSurge: 0 } } }),
    ).toEqual(["spec.updateStrategy.rollingUpdate.maxUnavailable: Required value: cannot be 0 when maxSurge is 0"]);
    expect(problems({ selector: { matchLabels: { app: "agent" } }, template, updateStrategy: { type: "OnDelete" } })).toEqual([]);
  });

  it("keeps the selector immutable", () => {
    const old = decodeDaemonSet({ selector: { matchLabels: { app: "agent" } }, template });
    const next = decodeDaemonSet({ selector: { matchLabels: { app: "agent" } }, template, minReadySeconds: 5 });
    expect(validateDaemonSetUpdate(next, old)).toEqual([]);
  });
});
