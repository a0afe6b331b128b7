import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import type { JsonValue } from "../../patch/json-value.js";
import { FieldSet } from "./field-set.js";
import { decodeFieldsV1, encodeFieldsV1 } from "./fields-v1.js";
import { fieldElement, FieldsV1Error, formatPath, keyElement } from "./path-element.js";

// The fieldsV1 kubectl shows for a Deployment applied server-side (Kubernetes 1.32).
const deploymentFields = parse(`
f:metadata:
  f:labels:
    f:app: {}
f:spec:
  f:replicas: {}
  f:selector: {}
  f:template:
    f:metadata:
      f:labels:
        f:app: {}
    f:spec:
      f:containers:
        k:{"name":"nginx"}:
          .: {}
          f:image: {}
          f:name: {}
          f:ports:
            k:{"containerPort":80,"protocol":"TCP"}:
              .: {}
              f:containerPort: {}
`) as JsonValue;

describe("FieldsV1", () => {
  it("decodes kubectl's fieldsV1 into its paths", () => {
    expect(decodeFieldsV1(deploymentFields).paths().map(formatPath)).toEqual([
      ".metadata.labels.app",
      ".spec.replicas",
      ".spec.selector",
      ".spec.template.metadata.labels.app",
      '.spec.template.spec.containers[name="nginx"]',
      '.spec.template.spec.containers[name="nginx"].image',
      '.spec.template.spec.containers[name="nginx"].name',
      '.spec.template.spec.containers[name="nginx"].ports[containerPort=80,protocol="TCP"]',
      '.spec.template.spec.containers[name="nginx"].ports[containerPort=80,protocol="TCP"].containerPort',
    ]);
  });

  it("encodes back to the same document, `.` only where a member has members below", () => {
    const encoded = encodeFieldsV1(decodeFieldsV1(deploymentFields));
    expect(encoded).toEqual(deploymentFields);
    expect(JSON.stringify(encoded)).toBe(JSON.stringify(deploymentFields));
  });

  it("writes members and subtrees in element order", () => {
    const set = FieldSet.of([fieldElement("b")], [fieldElement("c"), fieldElement("x")], [fieldElement("a")], [fieldElement("c")]);
    expect(JSON.stringify(encodeFieldsV1(set))).toBe('{"f:a":{},"f:b":{},"f:c":{".":{},"f:x":{}}}');
  });

  it("keeps odd field names as own keys", () => {
    const set = FieldSet.of([fieldElement("data"), fieldElement("__proto__")]);
    const encoded = encodeFieldsV1(set);
    expect(Object.keys(encoded["f:data"] as object)).toEqual(["f:__proto__"]);
    expect(decodeFieldsV1(encoded).has([fieldElement("data"), fieldElement("__proto__")])).toBe(true);
  });

  it("reads a node of only unknown prefixes as a member, as structured-merge-diff does", () => {
    const set = decodeFieldsV1({ "f:spec": { "z:future": {} }, "y:other": {} });
    expect(set.paths().map(formatPath)).toEqual([".spec"]);
  });

  it("refuses what is not FieldsV1", () => {
    for (const bad of [[], "f:x", { "f:spec": 1 }, { "k:nope": {} }, { nokey: {} }] as JsonValue[]) {
      expect(() => decodeFieldsV1(bad), JSON.stringify(bad)).toThrow(FieldsV1Error);
    }
    let deep: JsonValue = {};
    for (let i = 0; i < 1100; i++) deep = { "f:x": deep };
    expect(() => decodeFieldsV1(deep)).toThrow(/deeper than/);
  });

  it("round-trips keyed items whose keys are not strings", () => {
    const item = keyElement([{ name: "port", value: 53 }, { name: "protocol", value: "UDP" }]);
    const set = FieldSet.of([fieldElement("spec"), fieldElement("ports"), item], [fieldElement("spec"), fieldElement("ports"), item, fieldElement("port")]);
    const encoded = encodeFieldsV1(set);
    expect(encoded).toEqual({ "f:spec": { "f:ports": { 'k:{"port":53,"protocol":"UDP"}': { ".": {}, "f:port": {} } } } });
    expect(decodeFieldsV1(encoded).paths()).toEqual(set.paths());
  });
});
