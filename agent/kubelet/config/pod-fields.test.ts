import { describe, expect, it } from "vitest";
import type { Pod } from "../../../src/api/core/v1/pod.js";
import { formatMap, goQuote, podFieldValue, podMetadataField } from "./pod-fields.js";
import { parsePod } from "../testing/parse-pod.js";

const pod: Pod = parsePod({
  metadata: {
    name: "web-1",
    namespace: "shop",
    uid: "u-123",
    labels: { app: "web", tier: "front" },
    annotations: { "example.com/note": 'say "hi"\nbye', build: "7" },
  },
  spec: { nodeName: "pi-3", serviceAccountName: "builder", containers: [{ name: "app" }] },
});
const addresses = { podIPs: ["10.42.0.7", "fd00::7"], hostIPs: ["192.168.1.5"] };
const field = (fieldPath: string, apiVersion?: string): string => podFieldValue(pod, { fieldPath, apiVersion }, addresses);

describe("podFieldValue", () => {
  it.each([
    ["metadata.name", "web-1"],
    ["metadata.namespace", "shop"],
    ["metadata.uid", "u-123"],
    ["metadata.labels['app']", "web"],
    ["metadata.labels['missing']", ""],
    ["metadata.annotations['example.com/note']", 'say "hi"\nbye'],
    ["metadata.annotations['Build']", ""],
    ["spec.nodeName", "pi-3"],
    ["spec.serviceAccountName", "builder"],
    ["status.podIP", "10.42.0.7"],
    ["status.podIPs", "10.42.0.7,fd00::7"],
    ["status.hostIP", "192.168.1.5"],
    ["status.hostIPs", "192.168.1.5"],
    ["metadata.labels", 'app="web"\ntier="front"'],
    ["metadata.annotations", 'build="7"\nexample.com/note="say \\"hi\\"\\nbye"'],
  ])("%s → %j", (path, expected) => {
    expect(field(path, "v1")).toBe(expected);
  });

  it("takes a missing apiVersion as v1 and refuses another", () => {
    expect(field("metadata.name")).toBe("web-1");
    expect(() => field("metadata.name", "v2")).toThrow("unsupported pod version: v2");
  });

  it("gives empty strings for addresses not known yet", () => {
    const none = { podIPs: [], hostIPs: [] };
    expect(podFieldValue(pod, { fieldPath: "status.podIP" }, none)).toBe("");
    expect(podFieldValue(pod, { fieldPath: "status.podIPs" }, none)).toBe("");
    expect(podFieldValue(pod, { fieldPath: "status.hostIP" }, none)).toBe("");
  });

  it("names unsupported paths and bad subscripts in the kubelet's words", () => {
    expect(() => field("spec.restartPolicy")).toThrow("unsupported fieldPath: spec.restartPolicy");
    expect(() => field("metadata.name['x']")).toThrow(`fieldPath "metadata.name['x']" does not support subscript`);
    expect(() => field("metadata.labels['-bad-']")).toThrow(/^invalid key subscript in metadata.labels\['-bad-'\]: /);
  });
});

describe("podMetadataField (downward API files)", () => {
  it("does not know node or status fields", () => {
    expect(() => podMetadataField(pod, "spec.nodeName")).toThrow("unsupported fieldPath: spec.nodeName");
  });

  it("formats an empty map as an empty string", () => {
    expect(formatMap({})).toBe("");
  });
});

describe("goQuote", () => {
  it.each([
    ["plain", '"plain"'],
    ['a"b\\c', '"a\\"b\\\\c"'],
    ["\t\n\r\x07\b\f\v", '"\\t\\n\\r\\a\\b\\f\\v"'],
    ["\x00\x1f\x7f", '"\\x00\\x1f\\x7f"'],
    ["héllo ✓ 日本", '"héllo ✓ 日本"'],
    ["\u200b", '"\\u200b"'],
  ])("%j → %s", (input, expected) => {
    expect(goQuote(input)).toBe(expected);
  });
});
