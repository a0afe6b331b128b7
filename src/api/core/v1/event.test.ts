import { describe, expect, it } from "vitest";
import { decodeObject } from "../../decode.js";
import { formatFieldError } from "../../validation/field-error.js";

const problems = (input: Record<string, unknown>): string[] => {
  const result = decodeObject({ apiVersion: "v1", kind: "Event", ...input });
  return result.ok ? [] : result.errors.map(formatFieldError);
};

describe("event", () => {
  it("accepts a kubelet-style event", () => {
    expect(
      problems({
        metadata: { name: "web-0.17a8b", namespace: "default" },
        involvedObject: { kind: "Pod", name: "web-0", namespace: "default" },
        reason: "Pulled",
        message: "Container image already present",
        source: { component: "kubelet", host: "pi-1" },
        firstTimestamp: "2024-05-01T12:00:00Z",
        count: 1,
        type: "Normal",
      }),
    ).toEqual([]);
  });

  it("needs the namespace of the object it is about", () => {
    expect(problems({ metadata: { name: "e", namespace: "web" }, involvedObject: { kind: "Pod", name: "p", namespace: "db" } })).toEqual([
      'involvedObject.namespace: Invalid value: "db": does not match event.namespace',
    ]);
  });

  it("needs reporter, action and reason once it has an eventTime", () => {
    expect(
      problems({ metadata: { name: "e", namespace: "web" }, involvedObject: { namespace: "web" }, eventTime: "2024-05-01T12:00:00.000000Z" }),
    ).toEqual([
      "reportingComponent: Required value",
      'reportingComponent: Invalid value: "": name part must be non-empty',
      "reportingComponent: Invalid value: \"\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
      "reportingInstance: Required value",
      "action: Required value",
      "reason: Required value",
    ]);
  });
});
