import { describe, expect, it } from "vitest";
import { decodeObject } from "../../decode.js";
import { formatFieldError } from "../../validation/field-error.js";

const problems = (input: Record<string, unknown>): string[] => {
  const result = decodeObject({ apiVersion: "v1", kind: "Binding", metadata: { name: "web-0" }, ...input });
  return result.ok ? [] : result.errors.map(formatFieldError);
};

describe("binding", () => {
  it("binds a pod to a node", () => {
    expect(problems({ target: { apiVersion: "v1", kind: "Node", name: "pi-1" } })).toEqual([]);
  });
  it("needs a node name and no other kind", () => {
    expect(problems({ target: { kind: "Pod" } })).toEqual([
      'target.kind: Unsupported value: "Pod": supported values: "Node", "<empty>"',
      "target.name: Required value",
    ]);
  });
});

describe("service account", () => {
  it("is its metadata", () => {
    const result = decodeObject({ apiVersion: "v1", kind: "ServiceAccount", metadata: { name: "Robot" }, automountServiceAccountToken: false });
    expect(result.ok ? [] : result.errors.map(formatFieldError)).toEqual([
      "metadata.name: Invalid value: \"Robot\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
    ]);
  });
});
