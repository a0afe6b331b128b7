import { describe, expect, it } from "vitest";
import { decodeObject } from "../../decode.js";
import { formatFieldError } from "../../validation/field-error.js";

describe("scale", () => {
  it("asks for zero or more replicas", () => {
    const body = (replicas: number) => ({ apiVersion: "autoscaling/v1", kind: "Scale", metadata: { name: "web", namespace: "default" }, spec: { replicas } });
    expect(decodeObject(body(3)).ok).toBe(true);
    const result = decodeObject(body(-1));
    expect(result.ok ? [] : result.errors.map(formatFieldError)).toEqual(["spec.replicas: Invalid value: -1: must be greater than or equal to 0"]);
  });
});
