import { describe, expect, it } from "vitest";
import type { JsonObject } from "../../patch/json-value.js";
import { formatPath } from "../fieldpath/path-element.js";
import { atomicList, listMap, map, setList, struct } from "../schema/type-schema.js";
import { compareObjects } from "./compare.js";

const schema = struct({
  labels: map(),
  items: listMap(["name"]),
  finalizers: setList,
  command: atomicList,
});

function diff(before: JsonObject | undefined, after: JsonObject): Record<"added" | "modified" | "removed", string[]> {
  const c = compareObjects(before, after, schema);
  return { added: c.added.paths().map(formatPath), modified: c.modified.paths().map(formatPath), removed: c.removed.paths().map(formatPath) };
}

describe("compareObjects", () => {
  it("sees changed, added and removed leaves", () => {
    expect(diff({ spec: { replicas: 1, paused: true } }, { spec: { replicas: 2, image: "x" } })).toEqual({
      added: [".spec.image"],
      modified: [".spec.replicas"],
      removed: [".spec.paused"],
    });
  });

  it("adds a struct's fields but not the struct itself", () => {
    expect(diff({}, { spec: { replicas: 1 } }).added).toEqual([".spec.replicas"]);
    expect(diff({ spec: { replicas: 1 } }, {}).removed).toEqual([".spec.replicas"]);
  });

  it("adds maps, keyed lists and items as wholes along with their contents", () => {
    expect(diff({}, { labels: { app: "web" }, items: [{ name: "a", value: 1 }] }).added).toEqual([
      ".items",
      '.items[name="a"]',
      '.items[name="a"].name',
      '.items[name="a"].value',
      ".labels",
      ".labels.app",
    ]);
    expect(diff({ items: [{ name: "a" }, { name: "b" }] }, { items: [{ name: "b" }] }).removed).toEqual(['.items[name="a"]', '.items[name="a"].name']);
  });

  it("compares atomic lists whole and sets by value", () => {
    expect(diff({ command: ["a"], finalizers: ["x", "y"] }, { command: ["b"], finalizers: ["y", "z"] })).toEqual({
      added: ['.finalizers[="z"]'],
      modified: [".command"],
      removed: ['.finalizers[="x"]'],
    });
  });

  it("ignores item order", () => {
    const c = compareObjects({ items: [{ name: "a" }, { name: "b" }] }, { items: [{ name: "b" }, { name: "a" }] }, schema);
    expect(c.added.isEmpty() && c.modified.isEmpty() && c.removed.isEmpty()).toBe(true);
  });

  it("tells {} and [] from absent", () => {
    expect(diff({}, { spec: {}, items: [] }).added).toEqual([".items", ".spec"]);
    expect(diff({ spec: {} }, { spec: {} }).added).toEqual([]);
  });

  it("compares a stored key that repeats as one item", () => {
    const twice = { items: [{ name: "a", v: 1 }, { name: "a", v: 2 }] };
    expect(diff(twice, { items: [{ name: "a", v: 1 }, { name: "a", v: 3 }] }).modified).toEqual(['.items[name="a"]']);
    // As structured-merge-diff: the repeated item goes, the single one comes.
    expect(diff(twice, { items: [{ name: "a", v: 1 }] })).toEqual({
      added: ['.items[name="a"]', '.items[name="a"].name', '.items[name="a"].v'],
      modified: [],
      removed: ['.items[name="a"]'],
    });
    expect(diff({ items: [{ name: "a" }] }, twice)).toEqual({
      added: ['.items[name="a"]'],
      modified: [],
      removed: ['.items[name="a"]', '.items[name="a"].name'],
    });
  });

  it("compares a stored list it cannot key as a leaf", () => {
    expect(diff({ items: [{ value: 1 }] }, { items: [{ value: 2 }] }).modified).toEqual([".items"]);
  });
});
