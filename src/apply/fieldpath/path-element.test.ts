import { describe, expect, it } from "vitest";
import {
  compareElements,
  fieldElement,
  FieldsV1Error,
  formatPath,
  goJson,
  keyElement,
  parseElement,
  serializeElement,
  type PathElement,
} from "./path-element.js";

const port = keyElement([
  { name: "protocol", value: "TCP" },
  { name: "containerPort", value: 80 },
]);

describe("path elements", () => {
  it("serialize as FieldsV1 keys, key fields sorted by name", () => {
    expect(serializeElement(fieldElement("replicas"))).toBe("f:replicas");
    expect(serializeElement(port)).toBe('k:{"containerPort":80,"protocol":"TCP"}');
    expect(serializeElement({ kind: "value", value: "example.com/guard" })).toBe('v:"example.com/guard"');
    expect(serializeElement({ kind: "value", value: 3.1415 })).toBe("v:3.1415");
    expect(serializeElement({ kind: "index", index: 5 })).toBe("i:5");
  });

  it("write JSON as Go does: sorted keys, HTML characters escaped", () => {
    expect(goJson({ b: 1, a: ["<x>", "&"] })).toBe('{"a":["\\u003cx\\u003e","\\u0026"],"b":1}');
    expect(serializeElement({ kind: "value", value: "a<b" })).toBe('v:"a\\u003cb"');
  });

  it("parse back to the same element", () => {
    const elements: PathElement[] = [fieldElement("f:odd.name"), port, { kind: "value", value: false }, { kind: "index", index: 12 }];
    for (const element of elements) expect(parseElement(serializeElement(element))).toEqual(element);
    expect(parseElement('k:{"protocol":"TCP","containerPort":80}')).toEqual(port);
  });

  it("skip unknown prefixes and refuse malformed keys", () => {
    expect(parseElement("x:whatever")).toBeUndefined();
    for (const bad of ["", "f", "fx", "k:[1]", "k:{", "v:not json", "i:-1", "i:01"]) {
      expect(() => parseElement(bad), bad).toThrow(FieldsV1Error);
    }
  });

  it("order fields before keys, values and indexes, each by content", () => {
    const shuffled: PathElement[] = [
      { kind: "index", index: 2 },
      { kind: "value", value: "b" },
      keyElement([{ name: "name", value: "z" }]),
      fieldElement("b"),
      { kind: "value", value: 10 },
      keyElement([{ name: "name", value: "a" }]),
      fieldElement("a"),
      { kind: "index", index: 1 },
      { kind: "value", value: true },
    ];
    expect(shuffled.sort(compareElements).map(serializeElement)).toEqual([
      "f:a",
      "f:b",
      'k:{"name":"a"}',
      'k:{"name":"z"}',
      "v:10",
      'v:"b"',
      "v:true",
      "i:1",
      "i:2",
    ]);
  });

  it("print paths as Kubernetes does in conflicts", () => {
    const path = [fieldElement("spec"), fieldElement("template"), fieldElement("spec"), fieldElement("containers"), keyElement([{ name: "name", value: "web" }])];
    expect(formatPath([...path, fieldElement("ports"), port])).toBe('.spec.template.spec.containers[name="web"].ports[containerPort=80,protocol="TCP"]');
    expect(formatPath([fieldElement("metadata"), fieldElement("finalizers"), { kind: "value", value: "x" }])).toBe('.metadata.finalizers[="x"]');
    expect(formatPath([fieldElement("args"), { kind: "index", index: 0 }])).toBe(".args[0]");
  });
});
