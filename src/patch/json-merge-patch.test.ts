import { describe, expect, it } from "vitest";
import { jsonMergePatch } from "./json-merge-patch.js";
import { cloneJson, maxJsonDepth, type JsonObject, type JsonValue } from "./json-value.js";
import { PatchError } from "./patch-error.js";
import { seededRandom } from "../../test/support/seeded-random.js";
import { randomJson } from "./testing/random-json.js";

function nested(depth: number): JsonValue {
  let value: JsonValue = 1;
  for (let i = 0; i < depth; i++) value = { a: value };
  return value;
}

describe("jsonMergePatch", () => {
  // RFC 7386, appendix A, plus the cases the apiserver meets every day.
  const cases: [string, JsonValue, JsonValue, JsonValue][] = [
    ["replaces a member", { a: "b" }, { a: "c" }, { a: "c" }],
    ["adds a member", { a: "b" }, { b: "c" }, { a: "b", b: "c" }],
    ["null removes a member", { a: "b" }, { a: null }, {}],
    ["null removes only that member", { a: "b", b: "c" }, { a: null }, { b: "c" }],
    ["a scalar replaces an array", { a: ["b"] }, { a: "c" }, { a: "c" }],
    ["an array replaces a scalar", { a: "c" }, { a: ["b"] }, { a: ["b"] }],
    ["objects merge recursively", { a: { b: "c" } }, { a: { b: "d", c: null } }, { a: { b: "d" } }],
    ["arrays replace whole", { a: [{ b: "c" }] }, { a: [1] }, { a: [1] }],
    ["an array document is replaced", ["a", "b"], ["c", "d"], ["c", "d"]],
    ["an array patch replaces an object", { a: "b" }, ["c"], ["c"]],
    ["a null patch replaces the document", { a: "foo" }, null, null],
    ["a string patch replaces the document", { a: "foo" }, "bar", "bar"],
    ["nulls already in the document stay", { e: null }, { a: 1 }, { e: null, a: 1 }],
    ["an object patch on an array starts from {}", [1, 2], { a: "b", c: null }, { a: "b" }],
    ["nulls inside new objects are dropped", {}, { a: { bb: { ccc: null } } }, { a: { bb: {} } }],
    ["an empty patch changes nothing", { a: 1 }, {}, { a: 1 }],
    [
      "removes a label and sets another",
      { metadata: { name: "web", labels: { app: "web", tier: "front" } } },
      { metadata: { labels: { tier: null, track: "stable" } } },
      { metadata: { name: "web", labels: { app: "web", track: "stable" } } },
    ],
    [
      "kubectl scale",
      { spec: { replicas: 1, selector: { matchLabels: { app: "web" } } } },
      { spec: { replicas: 3 } },
      { spec: { replicas: 3, selector: { matchLabels: { app: "web" } } } },
    ],
    [
      "containers are replaced, not merged",
      { spec: { containers: [{ name: "a", image: "x" }, { name: "b", image: "y" }] } },
      { spec: { containers: [{ name: "a", image: "z" }] } },
      { spec: { containers: [{ name: "a", image: "z" }] } },
    ],
  ];

  it.each(cases)("%s", (_name, original, patch, expected) => {
    expect(jsonMergePatch(original, patch)).toEqual(expected);
  });

  it("changes neither input and shares nothing with them", () => {
    const original: JsonObject = { a: { b: [1, { c: 2 }] }, keep: { x: 1 } };
    const patch: JsonObject = { a: { d: { e: [3] } } };
    const before = [cloneJson(original), cloneJson(patch)];
    const result = jsonMergePatch(original, patch) as { a: { b: JsonValue[]; d: { e: JsonValue[] } }; keep: JsonObject };
    expect([original, patch]).toEqual(before);
    result.a.b.push(9);
    result.a.d.e.push(9);
    result.keep.y = 2;
    expect([original, patch]).toEqual(before);
  });

  it("treats __proto__ as an ordinary member", () => {
    const patch = JSON.parse('{"__proto__": {"polluted": true}, "a": 1}') as JsonValue;
    const result = jsonMergePatch({}, patch) as JsonObject;
    expect(Object.getPrototypeOf(result)).toBe(Object.prototype);
    expect(Object.hasOwn(result, "__proto__")).toBe(true);
    expect(JSON.stringify(result)).toBe('{"__proto__":{"polluted":true},"a":1}');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const removed = jsonMergePatch(result, JSON.parse('{"__proto__": null}') as JsonValue);
    expect(JSON.stringify(removed)).toBe('{"a":1}');
  });

  it("accepts documents nested to the limit and refuses deeper ones", () => {
    expect(jsonMergePatch(nested(maxJsonDepth), nested(maxJsonDepth))).toEqual(nested(maxJsonDepth));
    expect(() => jsonMergePatch({}, nested(maxJsonDepth + 1))).toThrow(PatchError);
  });

  it("refuses values that are not JSON with a BadRequest", () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    for (const bad of [undefined, Number.NaN, Infinity, cyclic, new Date(0), () => 1, [1, undefined]]) {
      try {
        jsonMergePatch({}, bad as JsonValue);
        expect.unreachable();
      } catch (error) {
        expect(error).toBeInstanceOf(PatchError);
        expect((error as PatchError).reason).toBe("BadRequest");
      }
    }
  });

  it("on random JSON yields results that a second application does not change", () => {
    const random = seededRandom(7386);
    const options = { keys: ["a", "b", "c", "__proto__"], strings: ["x", "y"], maxDepth: 4 };
    for (let i = 0; i < 2000; i++) {
      const original = randomJson(random, options);
      const patch = randomJson(random, options);
      const before = JSON.stringify([original, patch]);
      const once = jsonMergePatch(original, patch);
      expect(JSON.stringify([original, patch])).toBe(before);
      expect(jsonMergePatch(once, patch)).toEqual(once);
    }
  });
});
