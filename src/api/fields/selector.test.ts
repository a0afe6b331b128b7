import { describe, expect, it } from "vitest";
import { escapeFieldValue, unescapeFieldValue } from "./escape.js";
import { extractFieldValue } from "./extract.js";
import { mustParseFieldSelector } from "./parse.js";
import { FieldSelector, oneTermEqualSelector } from "./selector.js";

const pod = {
  metadata: { name: "web-1", namespace: "default", labels: { app: "web" } },
  spec: { nodeName: "n1", hostNetwork: false, priority: 0, containers: [{ name: "c" }] },
  status: { phase: "Running", podIP: null },
};
const readPod = (field: string): string | undefined => extractFieldValue(pod, field);

describe("FieldSelector.matches", () => {
  it.each<[string, boolean]>([
    ["", true],
    ["metadata.name=web-1", true],
    ["metadata.name==web-1", true],
    ["metadata.name=web-2", false],
    ["metadata.name!=web-2", true],
    ["spec.nodeName=n1,status.phase!=Succeeded", true],
    ["spec.nodeName=n1,status.phase=Succeeded", false],
    ["spec.hostNetwork=false", true],
    ["spec.priority=0", true],
    ["status.podIP=", true],
    ["spec.schedulerName=", true],
    ["spec.schedulerName!=", false],
  ])("%j → %s", (selector, expected) => {
    expect(mustParseFieldSelector(selector).matches(readPod)).toBe(expected);
  });

  it("matches everything when empty", () => {
    expect(FieldSelector.everything().matches(() => undefined)).toBe(true);
    expect(FieldSelector.everything().toString()).toBe("");
  });

  it("builds a one-term selector", () => {
    const selector = oneTermEqualSelector("spec.nodeName", "n,1");
    expect(selector.toString()).toBe("spec.nodeName=n\\,1");
    expect(selector.matches((field) => (field === "spec.nodeName" ? "n,1" : undefined))).toBe(true);
    expect(mustParseFieldSelector(selector.toString()).requirements()).toEqual(selector.requirements());
  });
});

describe("extractFieldValue", () => {
  it("reads strings, numbers and booleans along a dotted path", () => {
    expect(extractFieldValue(pod, "metadata.namespace")).toBe("default");
    expect(extractFieldValue(pod, "metadata.labels.app")).toBe("web");
    expect(extractFieldValue(pod, "spec.hostNetwork")).toBe("false");
    expect(extractFieldValue(pod, "spec.priority")).toBe("0");
  });

  it("gives undefined for what is not a scalar field", () => {
    expect(extractFieldValue(pod, "metadata")).toBeUndefined();
    expect(extractFieldValue(pod, "spec.containers")).toBeUndefined();
    expect(extractFieldValue(pod, "spec.containers.0.name")).toBeUndefined();
    expect(extractFieldValue(pod, "status.podIP")).toBeUndefined();
    expect(extractFieldValue(pod, "status.missing.deeper")).toBeUndefined();
    expect(extractFieldValue(pod, "metadata.toString")).toBeUndefined();
    expect(extractFieldValue(pod, "metadata.__proto__")).toBeUndefined();
    expect(extractFieldValue(null, "a")).toBeUndefined();
    expect(extractFieldValue("text", "length")).toBeUndefined();
    expect(extractFieldValue(pod, "")).toBeUndefined();
  });
});

describe("escaping", () => {
  it("round-trips every value", () => {
    for (const value of ["", "plain", "a,b", "a=b", "a\\b", "\\", ",=\\", "é\u{1F600}"]) {
      expect(unescapeFieldValue(escapeFieldValue(value))).toEqual({ ok: true, value });
    }
  });

  it("names a bad escape with its whole character", () => {
    expect(unescapeFieldValue("a\\\u{1F600}")).toEqual({ ok: false, problem: "invalid escape sequence: \\\u{1F600}", offset: 1 });
  });
});
