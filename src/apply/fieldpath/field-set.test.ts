import { describe, expect, it } from "vitest";
import { FieldSet } from "./field-set.js";
import { fieldElement, formatPath, keyElement, type FieldPath } from "./path-element.js";

/** `p("spec.replicas")`, with `[name]` for an item keyed by name. */
function p(text: string): FieldPath {
  return text.split(".").map((part) => (part.startsWith("[") ? keyElement([{ name: "name", value: part.slice(1, -1) }]) : fieldElement(part)));
}

const printed = (set: FieldSet): string[] => set.paths().map(formatPath);

describe("FieldSet", () => {
  it("holds members, not their prefixes", () => {
    const set = FieldSet.of(p("spec.replicas"), p("spec.containers.[web]"), p("spec.containers.[web].image"));
    expect(set.has(p("spec.replicas"))).toBe(true);
    expect(set.has(p("spec"))).toBe(false);
    expect(set.has(p("spec.containers.[web]"))).toBe(true);
    expect(set.has(p("spec.containers.[db]"))).toBe(false);
    expect(set.has([])).toBe(false);
  });

  it("lists paths in structured-merge-diff's order, a member before what lies under it", () => {
    const set = FieldSet.of(p("spec.replicas"), p("metadata.labels.app"), p("spec.containers.[web].image"), p("spec.containers.[web]"));
    expect(printed(set)).toEqual([".metadata.labels.app", ".spec.containers[name=\"web\"]", '.spec.containers[name="web"].image', ".spec.replicas"]);
  });

  it("unions, intersects and subtracts path by path", () => {
    const a = FieldSet.of(p("spec.replicas"), p("spec.paused"), p("metadata.labels.a"));
    const b = FieldSet.of(p("spec.replicas"), p("metadata.labels.b"));
    expect(printed(a.union(b))).toEqual([".metadata.labels.a", ".metadata.labels.b", ".spec.paused", ".spec.replicas"]);
    expect(printed(a.intersection(b))).toEqual([".spec.replicas"]);
    expect(printed(a.difference(b))).toEqual([".metadata.labels.a", ".spec.paused"]);
    // A member does not take what lies under it with it.
    expect(printed(FieldSet.of(p("spec.x"), p("spec")).difference(FieldSet.of(p("spec"))))).toEqual([".spec.x"]);
  });

  it("subtracts recursively everything under a member of the other set", () => {
    const set = FieldSet.of(p("status.replicas"), p("status.conditions"), p("spec.replicas"), p("status"));
    expect(printed(set.recursiveDifference(FieldSet.of(p("status"))))).toEqual([".spec.replicas"]);
  });

  it("is empty when nothing below is a member", () => {
    expect(new FieldSet().isEmpty()).toBe(true);
    const emptied = FieldSet.of(p("spec.replicas")).difference(FieldSet.of(p("spec.replicas")));
    expect(emptied.isEmpty()).toBe(true);
    expect(emptied.paths()).toEqual([]);
  });
});
