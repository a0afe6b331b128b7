import { describe, expect, it } from "vitest";
import type { JsonObject, JsonValue } from "../../patch/json-value.js";
import { atomicList, atomicStruct, listMap, map, setList, struct } from "../schema/type-schema.js";
import { mergeObjects, withoutNulls } from "./merge.js";
import { ItemKeyError } from "./shape.js";

const schema = struct({
  labels: map(),
  items: listMap(["name"], struct({ tags: setList })),
  finalizers: setList,
  command: atomicList,
  selector: atomicStruct,
});

const merge = (live: JsonObject | undefined, config: JsonObject): JsonValue => mergeObjects(live, config, schema);
const names = (value: JsonValue): string[] => ((value as JsonObject).items as JsonObject[]).map((item) => item.name as string);

describe("mergeObjects", () => {
  it("sets the configuration's fields and keeps the others", () => {
    expect(merge({ spec: { replicas: 1, paused: true }, labels: { a: "1" } }, { spec: { replicas: 3 }, labels: { b: "2" } })).toEqual({
      spec: { replicas: 3, paused: true },
      labels: { a: "1", b: "2" },
    });
  });

  it("creates from nothing", () => {
    expect(merge(undefined, { spec: { replicas: 1 } })).toEqual({ spec: { replicas: 1 } });
  });

  it("replaces atomic lists and structs whole", () => {
    expect(merge({ command: ["a", "b"], selector: { matchLabels: { a: "1" }, x: 1 } }, { command: ["c"], selector: { matchLabels: { b: "2" } } })).toEqual({
      command: ["c"],
      selector: { matchLabels: { b: "2" } },
    });
  });

  it("merges keyed items field by field and sets by value", () => {
    expect(merge({ items: [{ name: "a", value: 1, tags: ["x"] }], finalizers: ["f"] }, { items: [{ name: "a", other: 2, tags: ["y"] }], finalizers: ["g"] })).toEqual({
      items: [{ name: "a", value: 1, other: 2, tags: ["x", "y"] }],
      finalizers: ["f", "g"],
    });
  });

  it("orders items as structured-merge-diff: the configuration's in its order, the others where they were", () => {
    const live = { items: [{ name: "a" }, { name: "b" }, { name: "c" }, { name: "d" }] };
    expect(names(merge(live, { items: [{ name: "d" }, { name: "b" }] }))).toEqual(["a", "c", "d", "b"]);
    expect(names(merge(live, { items: [{ name: "x" }, { name: "c" }] }))).toEqual(["a", "b", "x", "c", "d"]);
    expect(names(merge(live, { items: [{ name: "b" }, { name: "y" }] }))).toEqual(["a", "b", "c", "d", "y"]);
  });

  it("replaces a repeated stored key with the configuration's item, or keeps every copy", () => {
    const live: JsonObject = { items: [{ name: "a", v: 1 }, { name: "b" }, { name: "a", v: 2 }] };
    expect(merge(live, { items: [{ name: "a", v: 3 }] })).toEqual({ items: [{ name: "a", v: 3 }, { name: "b" }] });
    expect(merge(live, { items: [{ name: "b", w: 1 }] })).toEqual({ items: [{ name: "a", v: 1 }, { name: "b", w: 1 }, { name: "a", v: 2 }] });
  });

  it("keeps {} and [] the configuration sets", () => {
    expect(merge({}, { spec: {}, items: [] })).toEqual({ spec: {}, items: [] });
  });

  it("refuses configuration items it cannot key", () => {
    expect(() => merge({}, { items: [{ name: "a" }, { name: "a" }] })).toThrow(ItemKeyError);
  });

  it("lets the configuration replace a stored list it cannot key", () => {
    expect(merge({ items: [{ value: 1 }] }, { items: [{ name: "a" }] })).toEqual({ items: [{ name: "a" }] });
  });

  it("does not change its inputs", () => {
    const live = { spec: { replicas: 1 }, items: [{ name: "a" }] };
    const config = { spec: { paused: true }, items: [{ name: "a", v: 1 }] };
    const before = structuredClone([live, config]);
    merge(live, config);
    expect([live, config]).toEqual(before);
  });
});

describe("withoutNulls", () => {
  it("drops null members at any depth, not null list values", () => {
    expect(withoutNulls({ a: null, b: { c: null, d: 1 }, e: [{ f: null }, null] })).toEqual({ b: { d: 1 }, e: [{}, null] });
  });
});
