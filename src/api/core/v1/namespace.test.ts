import { describe, expect, it } from "vitest";
import { decodeObject } from "../../decode.js";
import { formatFieldError } from "../../validation/field-error.js";

const namespace = (metadata: Record<string, unknown>, spec?: Record<string, unknown>) => ({ apiVersion: "v1", kind: "Namespace", metadata, spec });

describe("namespace", () => {
  it("gets its name label, the kubernetes finalizer and phase Active", () => {
    const result = decodeObject(namespace({ name: "team-a", labels: { team: "a" } }));
    if (!result.ok || result.object.kind !== "Namespace") throw new Error("not a valid Namespace");
    expect(result.object.metadata.labels).toEqual({ team: "a", "kubernetes.io/metadata.name": "team-a" });
    expect(result.object.spec).toEqual({ finalizers: ["kubernetes"] });
    expect(result.object.status).toEqual({ phase: "Active" });
  });

  it("needs a DNS-1123 label name and known or qualified finalizers", () => {
    const result = decodeObject(namespace({ name: "team.a" }, { finalizers: ["kubernetes", "cleanup", "example.com/cleanup"] }));
    expect(result.ok ? [] : result.errors.map(formatFieldError)).toEqual([
      'metadata.name: Invalid value: "team.a": must not contain dots',
      'spec.finalizers: Invalid value: "cleanup": name is neither a standard finalizer name nor is it fully qualified',
    ]);
  });
});
