import { describe, expect, it } from "vitest";
import { justAfter, prefixRange } from "./key-range.js";

function inRange(prefix: string, key: string): boolean {
  const { lower, upper } = prefixRange(prefix);
  const below = typeof upper === "string" ? Buffer.compare(Buffer.from(key), Buffer.from(upper)) < 0 : true;
  return Buffer.compare(Buffer.from(key), Buffer.from(lower)) >= 0 && below;
}

describe("prefixRange", () => {
  it("bounds an ASCII prefix just past its last character", () => {
    expect(prefixRange("/a/")).toEqual({ lower: "/a/", upper: "/a0" });
  });

  it.each([
    ["/a/", "/a/x", true],
    ["/a/", "/a/", true],
    ["/a/", "/ab/x", false],
    ["/a/", "/a", false],
    ["/ü/", "/ü/日本", true],
    ["/ü/", "/ý", false],
    ["/\u{10FFFF}", "/\u{10FFFF}\u{10FFFF}x", true],
    ["/\u{10FFFF}", "0", false],
    ["/\uD7FF", "/\uE000", false],
  ])("prefix %j contains %j: %s", (prefix, key, expected) => {
    expect(inRange(prefix, key)).toBe(expected);
  });

  it("has no upper bound for the empty prefix", () => {
    expect(prefixRange("").upper).toEqual(Buffer.alloc(0));
  });

  it("steps over the surrogate block", () => {
    expect(prefixRange("\uD7FF").upper).toBe("\uE000");
  });
});

describe("justAfter", () => {
  it("sorts after the key and before any longer key", () => {
    const after = justAfter("/a/b");
    expect(Buffer.compare(Buffer.from(after), Buffer.from("/a/b"))).toBe(1);
    expect(Buffer.compare(Buffer.from(after), Buffer.from("/a/b\u0001"))).toBe(-1);
  });
});
