import { describe, expect, it } from "vitest";
import type { JsonObject } from "../../patch/json-value.js";
import { FieldSet } from "../fieldpath/field-set.js";
import { fieldElement, formatPath, keyElement, type FieldPath } from "../fieldpath/path-element.js";
import { atomicList, listMap, map, setList, struct } from "../schema/type-schema.js";
import { withNamedFieldsAsMembers } from "./named-fields.js";
import { removeItems } from "./remove-items.js";

const schema = struct({
  metadata: struct({ labels: map() }),
  items: listMap(["name"]),
  finalizers: setList,
  command: atomicList,
});

const f = fieldElement;
const item = (name: string) => keyElement([{ name: "name", value: name }]);

describe("removeItems", () => {
  const object: JsonObject = {
    metadata: { labels: { a: "1", b: "2" } },
    items: [{ name: "x", v: 1 }, { name: "y", v: 2 }],
    finalizers: ["f", "g"],
    command: ["sh"],
    spec: { replicas: 1 },
  };

  it("removes map keys, keyed items, set values and fields with what lies under them", () => {
    const removed = removeItems(
      object,
      FieldSet.of([f("metadata"), f("labels"), f("a")], [f("items"), item("x")], [f("finalizers"), { kind: "value", value: "g" }], [f("command")], [f("items"), item("y"), f("v")]),
      schema,
    );
    expect(removed).toEqual({ metadata: { labels: { b: "2" } }, items: [{ name: "y" }], finalizers: ["f"], spec: { replicas: 1 } });
  });

  it("drops an object or list it empties", () => {
    const removed = removeItems(object, FieldSet.of([f("metadata"), f("labels"), f("a")], [f("metadata"), f("labels"), f("b")], [f("items"), item("x")], [f("items"), item("y")]), schema);
    expect(removed).toEqual({ finalizers: ["f", "g"], command: ["sh"], spec: { replicas: 1 } });
  });

  it("leaves what the set does not name, and the input, untouched", () => {
    const copy = structuredClone(object);
    expect(removeItems(object, FieldSet.of([f("status")], [f("items"), item("z")]), schema)).toEqual(object);
    expect(object).toEqual(copy);
  });
});

describe("withNamedFieldsAsMembers", () => {
  it("adds the struct fields leading to members, not map keys or list items", () => {
    const paths: FieldPath[] = [
      [f("metadata"), f("labels"), f("a")],
      [f("items"), item("x"), f("v")],
    ];
    expect(withNamedFieldsAsMembers(FieldSet.of(...paths), schema).paths().map(formatPath)).toEqual([
      ".items",
      '.items[name="x"].v',
      ".metadata",
      ".metadata.labels",
      ".metadata.labels.a",
    ]);
  });
});
