import { describe, expect, it } from "vitest";
import { resourceFieldValue } from "./resource-field.js";
import { parsePod } from "../testing/parse-pod.js";

const pod = parsePod({
  metadata: { name: "p", namespace: "default", uid: "u" },
  spec: {
    initContainers: [{ name: "init", resources: { limits: { memory: "32Mi" } } }],
    containers: [
      { name: "app", resources: { limits: { cpu: "1500m", memory: "128Mi" }, requests: { cpu: "250m", memory: "64Mi" } } },
      { name: "bare" },
    ],
  },
});
const [app, bare] = pod.spec.containers;
const allocatable = { cpu: "4", memory: "8Gi", "ephemeral-storage": "100Gi" };
const value = (resource: string, divisor?: string, containerName?: string, own = app): string =>
  resourceFieldValue(pod, own, { resource, divisor, containerName }, allocatable);

describe("resourceFieldValue", () => {
  it.each([
    ["limits.cpu", undefined, "2"],
    ["limits.cpu", "1m", "1500"],
    ["limits.cpu", "100m", "15"],
    ["requests.cpu", undefined, "1"],
    ["requests.cpu", "1m", "250"],
    ["limits.memory", undefined, String(128 * 1024 * 1024)],
    ["limits.memory", "1Mi", "128"],
    ["limits.memory", "1M", "135"],
    ["requests.memory", "1Mi", "64"],
    ["limits.memory", "0", String(128 * 1024 * 1024)],
  ])("%s with divisor %s → %s", (resource, divisor, expected) => {
    expect(value(resource, divisor)).toBe(expected);
  });

  it("reads unset limits as the node's allocatable, and unset requests as 0", () => {
    expect(value("limits.cpu", undefined, undefined, bare)).toBe("4");
    expect(value("limits.memory", "1Gi", undefined, bare)).toBe("8");
    expect(value("limits.ephemeral-storage", "1Gi", undefined, bare)).toBe("100");
    expect(value("requests.cpu", "1m", undefined, bare)).toBe("0");
    expect(resourceFieldValue(pod, bare, { resource: "limits.cpu" }, undefined)).toBe("0");
  });

  it("finds a named container, init containers too", () => {
    expect(value("limits.memory", "1Mi", "init", undefined)).toBe("32");
    expect(value("limits.cpu", "1m", "app", bare)).toBe("1500");
    expect(() => value("limits.cpu", undefined, "ghost")).toThrow("container ghost not found");
  });

  it("refuses resources the downward API does not have", () => {
    expect(() => value("limits.gpu")).toThrow("unsupported container resource : limits.gpu");
    expect(() => value("cpu")).toThrow("unsupported container resource : cpu");
  });
});
