import { describe, expect, it } from "vitest";
import { applyJsonPatch } from "./json-patch.js";
import { formatPointer, parsePointer } from "./json-pointer.js";
import { cloneJson, maxJsonDepth, type JsonObject, type JsonValue } from "./json-value.js";
import { PatchError, type PatchErrorReason } from "./patch-error.js";
import { seededRandom } from "../../test/support/seeded-random.js";
import { randomJson } from "./testing/random-json.js";

function patchError(run: () => unknown): PatchError {
  try {
    run();
  } catch (error) {
    if (error instanceof PatchError) return error;
    throw error;
  }
  throw new Error("expected a PatchError");
}

describe("JSON pointers", () => {
  it.each([
    ["", []],
    ["/", [""]],
    ["/a/b", ["a", "b"]],
    ["/a~1b/m~0n", ["a/b", "m~n"]],
    ["/~01", ["~1"]],
    ["/ /%", [" ", "%"]],
  ])("parses %j", (pointer, tokens) => {
    expect(parsePointer(pointer)).toEqual(tokens);
    expect(formatPointer(tokens)).toBe(pointer);
  });

  it.each(["a", "a/b", "/~", "/a~2", "/~a"])("refuses %j", (pointer) => {
    expect(parsePointer(pointer)).toBeUndefined();
  });
});

describe("applyJsonPatch", () => {
  // RFC 6902, appendix A, then what kubectl and controllers send.
  const cases: [string, JsonValue, JsonValue, JsonValue][] = [
    ["A.1 adds an object member", { foo: "bar" }, [{ op: "add", path: "/baz", value: "qux" }], { baz: "qux", foo: "bar" }],
    [
      "A.2 inserts an array element",
      { foo: ["bar", "baz"] },
      [{ op: "add", path: "/foo/1", value: "qux" }],
      { foo: ["bar", "qux", "baz"] },
    ],
    ["A.3 removes an object member", { baz: "qux", foo: "bar" }, [{ op: "remove", path: "/baz" }], { foo: "bar" }],
    ["A.4 removes an array element", { foo: ["bar", "qux", "baz"] }, [{ op: "remove", path: "/foo/1" }], { foo: ["bar", "baz"] }],
    [
      "A.5 replaces a value",
      { baz: "qux", foo: "bar" },
      [{ op: "replace", path: "/baz", value: "boo" }],
      { baz: "boo", foo: "bar" },
    ],
    [
      "A.6 moves a value",
      { foo: { bar: "baz", waldo: "fred" }, qux: { corge: "grault" } },
      [{ op: "move", from: "/foo/waldo", path: "/qux/thud" }],
      { foo: { bar: "baz" }, qux: { corge: "grault", thud: "fred" } },
    ],
    [
      "A.7 moves an array element",
      { foo: ["all", "grass", "cows", "eat"] },
      [{ op: "move", from: "/foo/1", path: "/foo/3" }],
      { foo: ["all", "cows", "eat", "grass"] },
    ],
    [
      "A.8 tests values",
      { baz: "qux", foo: ["a", 2, "c"] },
      [
        { op: "test", path: "/baz", value: "qux" },
        { op: "test", path: "/foo/1", value: 2 },
      ],
      { baz: "qux", foo: ["a", 2, "c"] },
    ],
    [
      "A.10 adds a nested object",
      { foo: "bar" },
      [{ op: "add", path: "/child", value: { grandchild: {} } }],
      { foo: "bar", child: { grandchild: {} } },
    ],
    [
      "A.11 ignores unknown members",
      { foo: "bar" },
      [{ op: "add", path: "/baz", value: "qux", xyz: 123 }],
      { foo: "bar", baz: "qux" },
    ],
    ["A.14 unescapes ~01 to ~1", { "/": 9, "~1": 10 }, [{ op: "test", path: "/~01", value: 10 }], { "/": 9, "~1": 10 }],
    [
      "A.16 adds an array as one element",
      { foo: ["bar"] },
      [{ op: "add", path: "/foo/-", value: ["abc", "def"] }],
      { foo: ["bar", ["abc", "def"]] },
    ],
    ["add replaces an existing member", { a: 1 }, [{ op: "add", path: "/a", value: 2 }], { a: 2 }],
    ["add at the array's length appends", { a: [1] }, [{ op: "add", path: "/a/1", value: 2 }], { a: [1, 2] }],
    ["add at the root replaces the document", { a: 1 }, [{ op: "add", path: "", value: [1] }], [1]],
    ["replace at the root replaces the document", { a: 1 }, [{ op: "replace", path: "", value: { b: 2 } }], { b: 2 }],
    ["null is a value like any other", { a: 1 }, [{ op: "replace", path: "/a", value: null }], { a: null }],
    ["an empty key is a key", { "": 1 }, [{ op: "replace", path: "/", value: 2 }], { "": 2 }],
    ["copy duplicates a subtree", { a: { b: [1] } }, [{ op: "copy", from: "/a", path: "/c" }], { a: { b: [1] }, c: { b: [1] } }],
    ["copy may copy the document into itself", { a: 1 }, [{ op: "copy", from: "", path: "/b" }], { a: 1, b: { a: 1 } }],
    ["move to the same place changes nothing", { a: 1 }, [{ op: "move", from: "/a", path: "/a" }], { a: 1 }],
    ["test compares objects whatever their order", { a: { x: 1, y: 2 } }, [{ op: "test", path: "/a", value: { y: 2, x: 1 } }], { a: { x: 1, y: 2 } }],
    ["test compares 1 and 1.0 as one number", { a: 1 }, [{ op: "test", path: "/a", value: 1.0 }], { a: 1 }],
    ["test of the whole document", [1], [{ op: "test", path: "", value: [1] }], [1]],
    [
      "kubectl label via JSON patch, escaped key",
      { metadata: { labels: { app: "web" } } },
      [{ op: "add", path: "/metadata/labels/app.kubernetes.io~1name", value: "web" }],
      { metadata: { labels: { app: "web", "app.kubernetes.io/name": "web" } } },
    ],
    [
      "kubectl rollout undo: replace the template and annotations",
      { metadata: { annotations: { a: "1" } }, spec: { replicas: 2, template: { spec: { containers: [{ name: "w", image: "v2" }] } } } },
      [
        { op: "replace", path: "/spec/template", value: { spec: { containers: [{ name: "w", image: "v1" }] } } },
        { op: "replace", path: "/metadata/annotations", value: { b: "2" } },
      ],
      { metadata: { annotations: { b: "2" } }, spec: { replicas: 2, template: { spec: { containers: [{ name: "w", image: "v1" }] } } } },
    ],
    [
      "guarded scale: test the old value, then replace it",
      { spec: { replicas: 1 } },
      [
        { op: "test", path: "/spec/replicas", value: 1 },
        { op: "replace", path: "/spec/replicas", value: 5 },
      ],
      { spec: { replicas: 5 } },
    ],
    [
      "removing a finalizer by index",
      { metadata: { finalizers: ["a", "b", "c"] } },
      [{ op: "remove", path: "/metadata/finalizers/1" }],
      { metadata: { finalizers: ["a", "c"] } },
    ],
    ["no operations, no change", { a: 1 }, [], { a: 1 }],
  ];

  it.each(cases)("%s", (_name, document, patch, expected) => {
    expect(applyJsonPatch(document, patch)).toEqual(expected);
  });

  const failures: [string, JsonValue, JsonValue, PatchErrorReason, number | undefined, string][] = [
    ["A.9 a failed test", { baz: "qux" }, [{ op: "test", path: "/baz", value: "bar" }], "Invalid", 0, "testing value /baz failed"],
    [
      "A.12 adding under a missing member",
      { foo: "bar" },
      [{ op: "add", path: "/baz/bat", value: "qux" }],
      "Invalid",
      0,
      "add operation does not apply: doc is missing path: /baz/bat",
    ],
    ["A.15 a string is not a number", { "/": 9, "~1": 10 }, [{ op: "test", path: "/~01", value: "10" }], "Invalid", 0, "testing value /~01 failed"],
    [
      "a failed test on a label",
      { metadata: { labels: { app: "web" } } },
      [{ op: "test", path: "/metadata/labels/app", value: "db" }],
      "Invalid",
      0,
      "testing value /metadata/labels/app failed",
    ],
    ["test of a missing member", { a: 1 }, [{ op: "test", path: "/b", value: null }], "Invalid", 0, "test operation does not apply: doc is missing path: /b"],
    ["remove of a missing member", { a: 1 }, [{ op: "test", path: "/a", value: 1 }, { op: "remove", path: "/b" }], "Invalid", 1, "doc is missing path: /b"],
    ["replace of a missing member", { a: 1 }, [{ op: "replace", path: "/b", value: 1 }], "Invalid", 0, "replace operation does not apply"],
    ["remove past the end", { a: [1] }, [{ op: "remove", path: "/a/1" }], "Invalid", 0, 'invalid array index "1" in /a/1'],
    ["add past the end", { a: [1] }, [{ op: "add", path: "/a/2", value: 1 }], "Invalid", 0, 'invalid array index "2"'],
    ["an index with a leading zero", { a: [1, 2] }, [{ op: "replace", path: "/a/01", value: 1 }], "Invalid", 0, 'invalid array index "01"'],
    ["a negative index", { a: [1, 2] }, [{ op: "remove", path: "/a/-1" }], "Invalid", 0, 'invalid array index "-1"'],
    ["- is only for add", { a: [1] }, [{ op: "replace", path: "/a/-", value: 1 }], "Invalid", 0, 'invalid array index "-"'],
    ["a member of a scalar", { a: 1 }, [{ op: "add", path: "/a/b", value: 1 }], "Invalid", 0, "doc is missing path: /a/b"],
    ["removing the document", { a: 1 }, [{ op: "remove", path: "" }], "Invalid", 0, "cannot remove the whole document"],
    ["moving into a child of itself", { a: { b: 1 } }, [{ op: "move", from: "/a", path: "/a/b/c" }], "Invalid", 0, "into its own child"],
    ["moving from a missing member", { a: 1 }, [{ op: "move", from: "/b", path: "/c" }], "Invalid", 0, "doc is missing path: /b"],
    ["copying from a missing member", { a: 1 }, [{ op: "copy", from: "/b", path: "/c" }], "Invalid", 0, "doc is missing path: /b"],
    ["an unknown op", { a: 1 }, [{ op: "merge", path: "/a" }], "BadRequest", 0, 'unknown op "merge"'],
    ["a missing op", { a: 1 }, [{ path: "/a" }], "BadRequest", 0, "unknown op null"],
    ["a missing path", { a: 1 }, [{ op: "remove" }], "BadRequest", 0, "path: "],
    ["a missing value", { a: 1 }, [{ op: "add", path: "/b" }], "BadRequest", 0, "value: Required value"],
    ["a missing from", { a: 1 }, [{ op: "copy", path: "/b" }], "BadRequest", 0, "from: "],
    ["a path that is not a string", { a: 1 }, [{ op: "remove", path: 1 }], "BadRequest", 0, "path: "],
    ["a pointer without a leading slash", { a: 1 }, [{ op: "remove", path: "a" }], "BadRequest", 0, '"a" is not a JSON pointer'],
    ["a bad escape", { a: 1 }, [{ op: "remove", path: "/~2" }], "BadRequest", 0, '"/~2" is not a JSON pointer'],
    ["an operation that is not an object", { a: 1 }, [{ op: "test", path: "/a", value: 1 }, "remove"], "BadRequest", 1, "must be an object"],
    ["a patch that is not an array", { a: 1 }, { op: "remove", path: "/a" }, "BadRequest", undefined, "must be an array"],
  ];

  it.each(failures)("refuses %s", (_name, document, patch, reason, operation, message) => {
    const error = patchError(() => applyJsonPatch(document, patch));
    expect(error.reason).toBe(reason);
    expect(error.operation).toBe(operation);
    expect(error.message).toContain(message);
  });

  it("is atomic: a failing operation leaves the document as it was", () => {
    const document: JsonObject = { metadata: { labels: { app: "web" } }, spec: { replicas: 1, list: [1, 2] } };
    const before = cloneJson(document);
    const error = patchError(() =>
      applyJsonPatch(document, [
        { op: "replace", path: "/spec/replicas", value: 3 },
        { op: "remove", path: "/spec/list/0" },
        { op: "add", path: "/metadata/labels/tier", value: "db" },
        { op: "test", path: "/metadata/labels/app", value: "db" },
      ]),
    );
    expect(error.operation).toBe(3);
    expect(error.path).toBe("/metadata/labels/app");
    expect(document).toEqual(before);
  });

  it("shares nothing with the document or the patch", () => {
    const document: JsonObject = { a: { b: [1] } };
    const value: JsonObject = { c: [2] };
    const result = applyJsonPatch(document, [
      { op: "add", path: "/v", value },
      { op: "copy", from: "/a", path: "/w" },
    ]) as { a: { b: JsonValue[] }; v: { c: JsonValue[] }; w: { b: JsonValue[] } };
    result.a.b.push(9);
    result.v.c.push(9);
    result.w.b.push(8);
    expect(document).toEqual({ a: { b: [1] } });
    expect(value).toEqual({ c: [2] });
    expect(result.a.b).toEqual([1, 9]);
  });

  it("sets __proto__ as an ordinary member", () => {
    const result = applyJsonPatch({}, [{ op: "add", path: "/__proto__", value: { polluted: true } }]) as JsonObject;
    expect(Object.getPrototypeOf(result)).toBe(Object.prototype);
    expect(JSON.stringify(result)).toBe('{"__proto__":{"polluted":true}}');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(applyJsonPatch(result, [{ op: "remove", path: "/__proto__" }])).toEqual({});
    expect(patchError(() => applyJsonPatch({}, [{ op: "remove", path: "/__proto__" }])).reason).toBe("Invalid");
    expect(patchError(() => applyJsonPatch({}, [{ op: "add", path: "/constructor/x", value: 1 }])).reason).toBe("Invalid");
  });

  it("limits the number of operations", () => {
    const patch = Array.from({ length: 3 }, () => ({ op: "test", path: "", value: {} }));
    expect(applyJsonPatch({}, patch, { maxOperations: 3, maxCopyBytes: 10 })).toEqual({});
    const error = patchError(() => applyJsonPatch({}, [...patch, ...patch], { maxOperations: 3, maxCopyBytes: 10 }));
    expect(error.reason).toBe("RequestEntityTooLarge");
    expect(error.message).toBe("The allowed maximum operations in a JSON patch is 3, got 6");
  });

  it("limits what copies may add, so doubling a document cannot run away", () => {
    const doubling = Array.from({ length: 40 }, (_, i) => ({ op: "copy", from: "", path: `/c${i}` }));
    const error = patchError(() => applyJsonPatch({ a: "x".repeat(100) }, doubling));
    expect(error.reason).toBe("Invalid");
    expect(error.message).toContain("exceeding the limit 3145728");
    expect(error.operation).toBeGreaterThan(10);
  });

  it("refuses results nested deeper than the engines accept", () => {
    // As deep as a value inside a patch (an array of operation objects) can be.
    let deep: JsonValue = 1;
    for (let i = 0; i < maxJsonDepth - 2; i++) deep = [deep];
    expect(applyJsonPatch({}, [{ op: "add", path: "/a", value: deep }])).toEqual({ a: deep });
    const error = patchError(() =>
      applyJsonPatch({ a: { b: {} } }, [
        { op: "add", path: "/x", value: deep },
        { op: "move", from: "/x", path: "/a/b/x" },
      ]),
    );
    expect(error.operation).toBe(1);
    expect(error.message).toContain("nested deeper than 1000 levels");
  });

  it("on random operations yields a result or a PatchError, never anything else", () => {
    const random = seededRandom(6902);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
    const options = { keys: ["a", "b", "~", "/", "__proto__", ""], strings: ["x", "/a", "/a/0"], maxDepth: 4 };
    const pointers = ["", "/", "/a", "/a/0", "/a/1", "/a/-", "/a/2", "/b", "/b/a", "/~0", "/~1", "/a/0/a", "/__proto__", "/a/01", "x", "/~"];
    const ops = ["add", "add", "remove", "replace", "move", "copy", "test", "bogus"];
    let applied = 0;
    for (let i = 0; i < 3000; i++) {
      const document: JsonValue =
        random() < 0.9 ? { a: [randomJson(random, options), randomJson(random, options)], b: randomJson(random, options) } : randomJson(random, options);
      const patch: JsonValue = Array.from({ length: 1 + Math.floor(random() * 2) }, () => {
        const operation: JsonObject = { op: pick(ops), path: pick(pointers) };
        if (random() < 0.9) operation.from = pick(pointers);
        if (random() < 0.9) operation.value = randomJson(random, options);
        return random() < 0.02 ? randomJson(random, options) : operation;
      });
      const before = JSON.stringify([document, patch]);
      try {
        applyJsonPatch(document, patch);
        applied++;
      } catch (error) {
        expect(error).toBeInstanceOf(PatchError);
      }
      expect(JSON.stringify([document, patch])).toBe(before);
    }
    expect(applied).toBeGreaterThan(300);
  });
});
