import { describe, expect, it } from "vitest";
import type { JsonObject } from "../../patch/json-value.js";
import { encodeFieldsV1 } from "../fieldpath/fields-v1.js";
import { formatPath } from "../fieldpath/path-element.js";
import { schemaForKind } from "../schema/kinds.js";
import { atomicList, listMap, map, setList, struct } from "../schema/type-schema.js";
import { ItemKeyError } from "./shape.js";
import { toFieldSet } from "./to-field-set.js";

const schema = struct({
  labels: map(),
  items: listMap(["name"], struct({ tags: setList })),
  ports: listMap(["port", "protocol"], struct(), { protocol: "TCP" }),
  command: atomicList,
  finalizers: setList,
});

const owned = (value: JsonObject): string[] => toFieldSet(value, schema).paths().map(formatPath);

describe("toFieldSet", () => {
  it("owns leaves, not the structs that hold them", () => {
    expect(owned({ spec: { replicas: 2, paused: false } })).toEqual([".spec.paused", ".spec.replicas"]);
  });

  it("owns map keys, keyed items (whole and field by field) and set values", () => {
    expect(owned({ labels: { app: "web" }, items: [{ name: "a", tags: ["x"] }], finalizers: ["f"] })).toEqual([
      '.finalizers[="f"]',
      '.items[name="a"]',
      '.items[name="a"].name',
      '.items[name="a"].tags[="x"]',
      ".labels.app",
    ]);
  });

  it("owns atomic lists whole", () => {
    expect(owned({ command: ["sh", "-c"] })).toEqual([".command"]);
  });

  it("owns a member set to null or {}, and nothing for an empty keyed list", () => {
    expect(owned({ labels: null, spec: {}, items: [] })).toEqual([".labels", ".spec"]);
  });

  it("fills a missing key field from its default", () => {
    expect(owned({ ports: [{ port: 53 }] })).toEqual(['.ports[port=53,protocol="TCP"]', '.ports[port=53,protocol="TCP"].port']);
  });

  it("refuses items without their key, and duplicates, in structured-merge-diff's words", () => {
    expect(() => owned({ items: [{ value: 1 }] })).toThrow(ItemKeyError);
    expect(() => owned({ items: [{ value: 1 }] })).toThrow('.items: element 0: associative list with keys has an element that omits key field "name" (and doesn\'t have default value)');
    expect(() => owned({ items: [{ name: "a" }, { name: "a" }] })).toThrow('.items: duplicate entries for key [name="a"]');
    expect(() => owned({ items: ["a"] })).toThrow(".items: element 0: associative list with keys may not have non-map elements");
    expect(() => owned({ finalizers: [{}] })).toThrow(".finalizers: element 0: associative list without keys may only hold scalars");
  });

  it("gives kubectl's fieldsV1 for a Deployment", () => {
    const deployment: JsonObject = {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "web", labels: { app: "web" } },
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: "web" } },
        template: {
          metadata: { labels: { app: "web" } },
          spec: { containers: [{ name: "nginx", image: "nginx:1.27", ports: [{ containerPort: 80 }], env: [{ name: "A", valueFrom: { fieldRef: { fieldPath: "metadata.name" } } }] }] },
        },
      },
    };
    const fields = encodeFieldsV1(toFieldSet(deployment, schemaForKind("apps", "Deployment")));
    expect(fields).toEqual({
      "f:apiVersion": {},
      "f:kind": {},
      "f:metadata": { "f:labels": { "f:app": {} }, "f:name": {} },
      "f:spec": {
        "f:replicas": {},
        "f:selector": {},
        "f:template": {
          "f:metadata": { "f:labels": { "f:app": {} } },
          "f:spec": {
            "f:containers": {
              'k:{"name":"nginx"}': {
                ".": {},
                "f:env": { 'k:{"name":"A"}': { ".": {}, "f:name": {}, "f:valueFrom": { "f:fieldRef": {} } } },
                "f:image": {},
                "f:name": {},
                "f:ports": { 'k:{"containerPort":80,"protocol":"TCP"}': { ".": {}, "f:containerPort": {} } },
              },
            },
          },
        },
      },
    });
  });
});
