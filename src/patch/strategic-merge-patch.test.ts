import { describe, expect, it } from "vitest";
import { cloneJson, isJsonObject, maxJsonDepth, type JsonObject, type JsonValue } from "./json-value.js";
import { PatchError, type PatchErrorReason } from "./patch-error.js";
import type { FieldPatchMeta, StructPatchMeta } from "./strategic-merge-meta.js";
import { strategicMergePatch } from "./strategic-merge-patch.js";
import { seededRandom } from "../../test/support/seeded-random.js";
import { randomObject } from "./testing/random-json.js";

// The shape of apimachinery's own test type (mergeItem): recursive, with every strategy.
const item: Record<string, FieldPatchMeta> = {};
Object.assign(item, {
  mergingList: { strategy: "merge", mergeKey: "name", fields: item },
  nonMergingList: { fields: item },
  mergingIntList: { strategy: "merge" },
  mergeItemPtr: { strategy: "merge", mergeKey: "name", fields: item },
  retainKeysMap: { strategy: "retainKeys" },
  retainKeysMergingList: { strategy: "merge,retainKeys", mergeKey: "name", fields: item },
} satisfies StructPatchMeta);
const meta: StructPatchMeta = item;

function patchError(run: () => unknown): PatchError {
  try {
    run();
  } catch (error) {
    if (error instanceof PatchError) return error;
    throw error;
  }
  throw new Error("expected a PatchError");
}

describe("strategicMergePatch", () => {
  const cases: [string, JsonObject, JsonObject, JsonObject][] = [
    ["merges scalar lists as a union", { mergingIntList: [1, 2] }, { mergingIntList: [2, 3] }, { mergingIntList: [1, 2, 3] }],
    ["replaces scalar lists without strategy", { nonMergingIntList: [1, 2] }, { nonMergingIntList: [3] }, { nonMergingIntList: [3] }],
    [
      "merges lists of objects by key",
      { mergingList: [{ name: "a", value: "1" }, { name: "b", value: "2" }] },
      { mergingList: [{ name: "b", other: "x" }, { name: "c" }] },
      { mergingList: [{ name: "a", value: "1" }, { name: "b", value: "2", other: "x" }, { name: "c" }] },
    ],
    [
      "replaces lists of objects without strategy",
      { nonMergingList: [{ name: "a", value: "1" }, { name: "b" }] },
      { nonMergingList: [{ name: "a" }] },
      { nonMergingList: [{ name: "a" }] },
    ],
    [
      "merges lists nested in merged items",
      { mergingList: [{ name: "a", mergingList: [{ name: "x", value: "1" }], nonMergingList: [{ name: "p" }] }] },
      { mergingList: [{ name: "a", mergingList: [{ name: "y" }], nonMergingList: [{ name: "q" }] }] },
      // Without $setElementOrder, Kubernetes puts items the stored list lacks first.
      { mergingList: [{ name: "a", mergingList: [{ name: "y" }, { name: "x", value: "1" }], nonMergingList: [{ name: "q" }] }] },
    ],
    [
      "null deletes a field of a merged item",
      { mergingList: [{ name: "a", value: "1", other: "o" }] },
      { mergingList: [{ name: "a", value: null }] },
      { mergingList: [{ name: "a", other: "o" }] },
    ],
    ["$patch: delete empties a nested map", { simpleMap: { key1: "1", key2: "1" } }, { simpleMap: { $patch: "delete" } }, { simpleMap: {} }],
    ["$patch: delete on a missing map adds nothing", { a: 1 }, { simpleMap: { $patch: "delete" } }, { a: 1 }],
    ["$patch: replace at the root keeps only the patch", { name: "1", value: "1" }, { $patch: "replace" }, {}],
    ["$patch: replace with fields", { name: "1", value: "1" }, { other: "a", $patch: "replace" }, { other: "a" }],
    [
      "$patch: replace in a nested map",
      { simpleMap: { a: "1", b: "2" }, keep: true },
      { simpleMap: { $patch: "replace", c: "3", d: null } },
      { simpleMap: { c: "3" }, keep: true },
    ],
    ["$patch: replace item empties a merged list", { mergingList: [{ name: "1" }, { name: "2" }] }, { mergingList: [{ $patch: "replace" }] }, { mergingList: [] }],
    [
      "$patch: replace item with new items",
      { mergingList: [{ name: "1", value: "a" }, { name: "2" }] },
      { mergingList: [{ name: "3" }, { $patch: "replace" }, { name: "1" }] },
      { mergingList: [{ name: "3" }, { name: "1" }] },
    ],
    ["empty lists merge to empty", { mergingList: [] }, { mergingList: [] }, { mergingList: [] }],
    ["an empty patch list leaves a merged list alone", { mergingList: [{ name: "a" }] }, { mergingList: [] }, { mergingList: [{ name: "a" }] }],
    [
      "$patch: delete removes every item with the key",
      { mergingList: [{ name: "1" }, { name: "1" }, { name: "2", value: "a" }, { name: "3" }, { name: "3" }] },
      { mergingList: [{ name: "1", $patch: "delete" }, { name: "3", $patch: "delete" }] },
      { mergingList: [{ name: "2", value: "a" }] },
    ],
    ["$patch: delete of a missing item is no error", { mergingList: [{ name: "1" }] }, { mergingList: [{ name: "2", $patch: "delete" }] }, { mergingList: [{ name: "1" }] }],
    [
      "adds and deletes in one patch",
      { mergingList: [{ name: "1" }, { name: "2" }] },
      { mergingList: [{ name: "3" }, { name: "1", $patch: "delete" }] },
      { mergingList: [{ name: "3" }, { name: "2" }] },
    ],
    [
      "adds and deletes in the order $setElementOrder gives",
      { mergingList: [{ name: "1" }, { name: "2", other: "b" }, { name: "4", other: "c" }] },
      { "$setElementOrder/mergingList": [{ name: "2" }, { name: "3" }], mergingList: [{ name: "3" }, { name: "1", $patch: "delete" }] },
      { mergingList: [{ name: "2", other: "b" }, { name: "4", other: "c" }, { name: "3" }] },
    ],
    [
      "keeps the patch's order for the items it names",
      { mergingList: [{ name: "1" }, { name: "2", value: "b" }, { name: "3" }] },
      { mergingList: [{ name: "3", value: "c" }, { name: "1", value: "a" }, { name: "2", other: "x" }] },
      { mergingList: [{ name: "3", value: "c" }, { name: "1", value: "a" }, { name: "2", value: "b", other: "x" }] },
    ],
    [
      "places the others where the stored order allows",
      { mergingList: [{ name: "1" }, { name: "2", value: "b" }, { name: "3" }] },
      { mergingList: [{ name: "3", value: "c" }, { name: "1", value: "a" }] },
      { mergingList: [{ name: "2", value: "b" }, { name: "3", value: "c" }, { name: "1", value: "a" }] },
    ],
    ["orders scalar lists by the patch", { mergingIntList: [1, 2, 3] }, { mergingIntList: [3, 1, 2] }, { mergingIntList: [3, 1, 2] }],
    ["orders scalar lists with stored extras", { mergingIntList: [1, 2, 3] }, { mergingIntList: [3, 1] }, { mergingIntList: [2, 3, 1] }],
    [
      "$setElementOrder reorders a merged list",
      { mergingList: [{ name: "1" }, { name: "3", value: "3" }, { name: "4", value: "4" }, { name: "2", value: "2" }] },
      { "$setElementOrder/mergingList": [{ name: "4" }, { name: "2" }, { name: "3" }, { name: "1" }] },
      { mergingList: [{ name: "4", value: "4" }, { name: "2", value: "2" }, { name: "3", value: "3" }, { name: "1" }] },
    ],
    [
      "$setElementOrder keeps stored-only items in place",
      { mergingList: [{ name: "1", other: "a" }, { name: "2" }, { name: "7" }, { name: "9" }, { name: "8" }, { name: "3" }, { name: "4" }] },
      { "$setElementOrder/mergingList": [{ name: "2" }, { name: "1" }, { name: "4" }, { name: "3" }] },
      { mergingList: [{ name: "2" }, { name: "1", other: "a" }, { name: "7" }, { name: "9" }, { name: "8" }, { name: "4" }, { name: "3" }] },
    ],
    [
      "$setElementOrder may name items the list lacks",
      { mergingList: [{ name: "1" }, { name: "3" }] },
      { "$setElementOrder/mergingList": [{ name: "3" }, { name: "2" }, { name: "1" }], mergingList: [{ name: "3", value: "3" }, { name: "1", value: "1" }] },
      { mergingList: [{ name: "3", value: "3" }, { name: "1", value: "1" }] },
    ],
    ["$setElementOrder on a scalar list", { mergingIntList: [1, 3] }, { "$setElementOrder/mergingIntList": [3, 2, 1] }, { mergingIntList: [3, 1] }],
    [
      "$setElementOrder with duplicates stored",
      { mergingIntList: [1, 2, 3, 2, 4] },
      { "$setElementOrder/mergingIntList": [2, 1, 4, 3, 2] },
      { mergingIntList: [2, 2, 1, 4, 3] },
    ],
    [
      "$setElementOrder with a new list",
      { a: 1 },
      { "$setElementOrder/mergingList": [{ name: "2" }, { name: "1" }], mergingList: [{ name: "2" }, { name: "1", x: null }] },
      { a: 1, mergingList: [{ name: "2" }, { name: "1" }] },
    ],
    ["$setElementOrder for a list nobody has", { a: 1 }, { "$setElementOrder/mergingList": [{ name: "1" }] }, { a: 1 }],
    [
      "$setElementOrder over a stored null",
      { mergingList: null },
      { "$setElementOrder/mergingList": [{ name: "1" }], mergingList: [{ name: "1" }] },
      { mergingList: [{ name: "1" }] },
    ],
    [
      "deletes in one list and reorders another",
      { mergingList: [{ name: "a", value: "a" }, { name: "b", value: "b" }], mergeItemPtr: [{ name: "c", value: "c" }, { name: "d", value: "d" }] },
      {
        "$setElementOrder/mergingList": [{ name: "b" }],
        "$setElementOrder/mergeItemPtr": [{ name: "d" }, { name: "c" }],
        mergingList: [{ $patch: "delete", name: "a" }],
      },
      { mergingList: [{ name: "b", value: "b" }], mergeItemPtr: [{ name: "d", value: "d" }, { name: "c", value: "c" }] },
    ],
    ["$deleteFromPrimitiveList takes values out", { mergingIntList: [1, 2, 3] }, { "$deleteFromPrimitiveList/mergingIntList": [2] }, { mergingIntList: [1, 3] }],
    ["$deleteFromPrimitiveList of a missing value", { mergingIntList: [1, 2] }, { "$deleteFromPrimitiveList/mergingIntList": [3] }, { mergingIntList: [1, 2] }],
    ["$deleteFromPrimitiveList on a null list", { mergingIntList: null }, { "$deleteFromPrimitiveList/mergingIntList": [3] }, { mergingIntList: null }],
    ["$deleteFromPrimitiveList on a missing list", { foo: ["bar"] }, { "$deleteFromPrimitiveList/mergingIntList": [3] }, { foo: ["bar"] }],
    [
      "$deleteFromPrimitiveList on a list without strategy",
      { nonMergingIntList: [1, 2, 3] },
      { "$deleteFromPrimitiveList/nonMergingIntList": [2] },
      { nonMergingIntList: [1, 3] },
    ],
    ["$retainKeys clears unlisted fields", { retainKeysMap: { value: "foo" } }, { retainKeysMap: { $retainKeys: ["other"], other: "bar" } }, { retainKeysMap: { other: "bar" } }],
    [
      "$retainKeys switches a union",
      { retainKeysMap: { name: "type1", value: "foo" } },
      { retainKeysMap: { $retainKeys: ["name", "other"], name: "type2", other: "bar" } },
      { retainKeysMap: { name: "type2", other: "bar" } },
    ],
    [
      "$retainKeys allows nulls for unlisted fields",
      { retainKeysMap: { name: "foo", value: "a" } },
      { retainKeysMap: { $retainKeys: ["name"], value: null } },
      { retainKeysMap: { name: "foo" } },
    ],
    ["a retainKeys field without the directive merges", { retainKeysMap: { name: "foo" } }, { retainKeysMap: { value: "bar" } }, { retainKeysMap: { name: "foo", value: "bar" } }],
    ["an empty map patch changes nothing", { retainKeysMap: { name: "foo", value: "a" } }, { retainKeysMap: {} }, { retainKeysMap: { name: "foo", value: "a" } }],
    [
      "$retainKeys in items of a merged list",
      { retainKeysMergingList: [{ name: "bar" }, { name: "foo", value: "a", other: "b" }] },
      { retainKeysMergingList: [{ name: "foo", $retainKeys: ["name", "other"], other: "c" }] },
      { retainKeysMergingList: [{ name: "bar" }, { name: "foo", other: "c" }] },
    ],
    ["null deletes a member", { a: 1, b: 2 }, { a: null }, { b: 2 }],
    ["null for a missing member is ignored", { a: 1 }, { b: null }, { a: 1 }],
    ["stored nulls stay", { thing: null, complex: { key: null } }, { nested: { value: 5 } }, { thing: null, complex: { key: null }, nested: { value: 5 } }],
    ["nulls inside new maps are dropped", {}, { complex: { nested: null, nested2: "foo" } }, { complex: { nested2: "foo" } }],
    ["a new map of nulls becomes empty", {}, { complex: { nested: null } }, { complex: {} }],
    [
      "nulls inside objects in new lists are dropped",
      {},
      { complex: [{ inner: { one: "foo", two: null } }] },
      { complex: [{ inner: { one: "foo" } }] },
    ],
    ["nulls inside scalar lists stay", {}, { complex: ["key1", null, "key2"] }, { complex: ["key1", null, "key2"] }],
    ["a value of another kind replaces", { a: [1], b: { c: 1 }, c: "x" }, { a: { x: 1 }, b: [2], c: 3 }, { a: { x: 1 }, b: [2], c: 3 }],
    [
      "an object patch on a stored list replaces it",
      { mergingList: [{ name: "a" }] },
      { mergingList: { name: "b" } },
      { mergingList: { name: "b" } },
    ],
    ["directives in new content are dropped", {}, { fresh: { $retainKeys: ["a"], "$setElementOrder/x": [], a: 1, gone: { $patch: "delete" } } }, { fresh: { a: 1 } }],
  ];

  it.each(cases)("%s", (_name, original, patch, expected) => {
    expect(strategicMergePatch(original, patch, meta)).toStrictEqual(expected);
  });

  const failures: [string, JsonValue, JsonValue, PatchErrorReason, string][] = [
    ["a patch list item without merge key", { mergingList: [{ name: "1", value: "a" }] }, { mergingList: [{ value: "b" }] }, "Invalid", 'mergingList: map: {"value":"b"} does not contain declared merge key: name'],
    ["a delete item without merge key", { mergingList: [{ name: "1" }] }, { mergingList: [{ $patch: "delete" }] }, "Invalid", "does not contain declared merge key: name"],
    ["a replacement item without merge key", { mergingList: [{ name: "1" }] }, { mergingList: [{ $patch: "replace" }, { value: "x" }] }, "Invalid", "does not contain declared merge key"],
    ["a null merge key", { mergingList: [{ name: "1" }] }, { mergingList: [{ name: null }] }, "Invalid", "does not contain declared merge key: name"],
    [
      "a patch list out of the $setElementOrder order",
      { mergingList: [{ name: "1" }, { name: "3" }, { name: "2" }] },
      { "$setElementOrder/mergingList": [{ name: "1" }, { name: "2" }, { name: "3" }], mergingList: [{ name: "3", value: "3" }, { name: "1", value: "1" }] },
      "Invalid",
      "doesn't match $setElementOrder list",
    ],
    [
      "a scalar patch list out of the $setElementOrder order",
      { mergingIntList: [1, 3, 2] },
      { "$setElementOrder/mergingIntList": [1, 2, 3], mergingIntList: [3, 1] },
      "Invalid",
      "doesn't match",
    ],
    ["an order item without merge key", { mergingList: [{ name: "1" }] }, { "$setElementOrder/mergingList": [{ value: "1" }] }, "Invalid", "does not contain declared merge key"],
    ["$setElementOrder that is not a list", { mergingList: [] }, { "$setElementOrder/mergingList": { name: "1" } }, "BadRequest", "invalid patch format of setElementOrder list"],
    ["$setElementOrder without a field", {}, { $setElementOrder: [] }, "BadRequest", 'invalid patch format of setElementOrder list: "$setElementOrder"'],
    ["$setElementOrder against a stored map", { mergingList: { a: 1 } }, { "$setElementOrder/mergingList": [] }, "Invalid", "mergingList: $setElementOrder needs a list, but the stored value is object"],
    ["$setElementOrder with a null list", {}, { "$setElementOrder/mergingList": [], mergingList: null }, "Invalid", "the patch value is null"],
    ["$deleteFromPrimitiveList that is not a list", { mergingIntList: [1] }, { "$deleteFromPrimitiveList/mergingIntList": 1 }, "BadRequest", "invalid patch format of primitive list"],
    ["$deleteFromPrimitiveList without a slash", {}, { $deleteFromPrimitiveListx: [] }, "BadRequest", "invalid patch format of primitive list"],
    ["$retainKeys that is not a list", { retainKeysMap: {} }, { retainKeysMap: { $retainKeys: "name" } }, "BadRequest", "retainKeysMap: invalid patch format of retainKeys"],
    ["a field missing from $retainKeys", { retainKeysMap: {} }, { retainKeysMap: { $retainKeys: ["name"], value: "x" } }, "BadRequest", '"value" is set but not in $retainKeys'],
    ["an unknown $patch in a map", { simpleMap: { a: "1" } }, { simpleMap: { $patch: "merge" } }, "Invalid", 'simpleMap: unknown patch type: "merge" in map'],
    ["an unknown $patch at the root", {}, { $patch: 1 }, "Invalid", "unknown patch type: 1"],
    ["$patch: merge in a list", { mergingList: [{ name: "1" }] }, { mergingList: [{ $patch: "merge" }] }, "Invalid", "merging lists cannot yet be specified in the patch"],
    ["an unknown $patch in a list", { mergingList: [{ name: "1" }] }, { mergingList: [{ name: "1", $patch: "drop" }] }, "Invalid", 'unknown patch type: "drop"'],
    ["an unknown directive", { a: 1 }, { $merge: true }, "BadRequest", 'unknown patch directive "$merge"'],
    ["an unknown directive in new content", { a: 1 }, { b: { c: { $frob: 1 } } }, "BadRequest", 'b.c: unknown patch directive "$frob"'],
    ["lists of lists", { mergingIntList: [[1]] }, { mergingIntList: [[2]] }, "Invalid", "lists of lists are not supported"],
    ["mixed element kinds", { mergingIntList: [1] }, { mergingIntList: ["1"] }, "Invalid", "mergingIntList: list element types are not identical"],
    ["objects in a merged list without merge key", { mergingIntList: [{ a: 1 }] }, { mergingIntList: [{ a: 2 }] }, "Invalid", "cannot merge lists without merge key"],
    ["$patch: replace in a scalar list", { mergingIntList: [1] }, { mergingIntList: [{ $patch: "replace" }] }, "Invalid", "list element types are not identical"],
    ["a stored item without merge key", { mergingList: [{ value: "x" }] }, { mergingList: [{ name: "1" }] }, "Invalid", "does not contain declared merge key"],
    ["an array patch", {}, [], "BadRequest", "a strategic merge patch must be a JSON object, not array"],
    ["a null patch", {}, null, "BadRequest", "must be a JSON object, not null"],
    ["an array document", [], {}, "BadRequest", "the object to patch is not a JSON object"],
  ];

  it.each(failures)("refuses %s", (_name, original, patch, reason, message) => {
    const error = patchError(() => strategicMergePatch(original, patch, meta));
    expect(error.reason).toBe(reason);
    expect(error.message).toContain(message);
  });

  it("names where a nested failure happened", () => {
    const error = patchError(() =>
      strategicMergePatch(
        { mergingList: [{ name: "a", mergingList: [{ name: "x" }] }] },
        { mergingList: [{ name: "a", mergingList: [{ value: "y" }] }] },
        meta,
      ),
    );
    expect(error.path).toBe("mergingList[name=a].mergingList");
    expect(error.message).toMatch(/^mergingList\[name=a\]\.mergingList: map: /);
  });

  it("changes neither input and shares nothing with them", () => {
    const original: JsonObject = { mergingList: [{ name: "a", value: "1" }], mergingIntList: [1], simpleMap: { a: "1" } };
    const patch: JsonObject = {
      mergingList: [{ name: "a", other: "x" }, { name: "b", nonMergingList: [{ name: "n" }] }],
      mergingIntList: [2],
      simpleMap: { b: "2" },
      added: { deep: [1] },
    };
    const before = cloneJson([original, patch]);
    const result = strategicMergePatch(original, patch, meta) as {
      mergingList: { name: string; nonMergingList?: JsonObject[] }[];
      added: { deep: JsonValue[] };
      simpleMap: JsonObject;
    };
    expect([original, patch]).toEqual(before);
    result.mergingList[0]!.name = "changed";
    result.mergingList[1]!.nonMergingList!.push({});
    result.added.deep.push(2);
    result.simpleMap.c = "3";
    expect([original, patch]).toEqual(before);
  });

  it("treats __proto__ as an ordinary field", () => {
    const patch = JSON.parse('{"__proto__": {"polluted": true}, "mergingList": [{"name": "__proto__"}]}') as JsonObject;
    const result = strategicMergePatch({}, patch, meta);
    expect(Object.getPrototypeOf(result)).toBe(Object.prototype);
    expect(JSON.stringify(result)).toBe('{"__proto__":{"polluted":true},"mergingList":[{"name":"__proto__"}]}');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    // A field called "constructor" has no metadata, whatever Object.prototype holds.
    expect(strategicMergePatch({ constructor: [1] }, { constructor: [2] }, meta)).toEqual({ constructor: [2] });
  });

  it("handles documents nested to the limit", () => {
    let original: JsonValue = {};
    let patch: JsonValue = { value: "x" };
    let expected: JsonValue = { value: "x" };
    for (let depth = 1; depth < maxJsonDepth / 2; depth++) {
      original = { mergingList: [{ name: "n", ...(original as JsonObject) }] };
      patch = { mergingList: [{ name: "n", ...(patch as JsonObject) }] };
      expected = { mergingList: [{ name: "n", ...(expected as JsonObject) }] };
    }
    expect(strategicMergePatch(original, patch, meta)).toEqual(expected);
    expect(strategicMergePatch({}, patch, meta)).toEqual(expected);
    expect(patchError(() => strategicMergePatch({}, { deeper: [patch] }, meta)).reason).toBe("BadRequest");
  });

  it("on random input yields a result free of directives, or a PatchError", () => {
    const random = seededRandom(1024);
    const names = ["a", "b", "c"];
    const documentKeys = ["mergingList", "nonMergingList", "mergingIntList", "retainKeysMap", "name", "value", "__proto__"];
    const patchKeys = [
      ...documentKeys,
      "$patch",
      "$retainKeys",
      "$setElementOrder/mergingList",
      "$setElementOrder/mergingIntList",
      "$deleteFromPrimitiveList/mergingIntList",
      "$bogus",
    ];
    const strings = [...names, "delete", "replace", "merge", "name", "value"];
    let applied = 0;
    for (let i = 0; i < 3000; i++) {
      const original = randomObject(random, { keys: documentKeys, strings: names, maxDepth: 4 });
      const patch = randomObject(random, { keys: random() < 0.5 ? documentKeys : patchKeys, strings, maxDepth: 4 });
      const before = JSON.stringify([original, patch]);
      try {
        expect(directiveKeys(strategicMergePatch(original, patch, meta))).toEqual([]);
        applied++;
      } catch (error) {
        if (!(error instanceof PatchError)) throw error;
      }
      expect(JSON.stringify([original, patch])).toBe(before);
    }
    expect(applied).toBeGreaterThan(1000);
  });
});

function directiveKeys(value: JsonValue): string[] {
  if (Array.isArray(value)) return value.flatMap(directiveKeys);
  if (!isJsonObject(value)) return [];
  return Object.entries(value).flatMap(([key, member]) => [...(key.startsWith("$") ? [key] : []), ...directiveKeys(member)]);
}
