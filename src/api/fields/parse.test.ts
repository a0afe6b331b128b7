import { describe, expect, it } from "vitest";
import { FieldSelectorError, mustParseFieldSelector, parseFieldSelector } from "./parse.js";

const errorOf = (selector: string): FieldSelectorError => {
  const result = parseFieldSelector(selector);
  if (result.ok) throw new Error(`${JSON.stringify(selector)} parsed as ${result.value.toString()}`);
  return result.error;
};

describe("parseFieldSelector", () => {
  it.each([
    ["", ""],
    [",", ""],
    ["metadata.name=web", "metadata.name=web"],
    ["spec.nodeName==n1", "spec.nodeName=n1"],
    ["status.phase!=Running", "status.phase!=Running"],
    ["status.phase!=Running,metadata.name=web,spec.nodeName==n1", "metadata.name=web,spec.nodeName=n1,status.phase!=Running"],
    ["a=b,,c=d", "a=b,c=d"],
    ["spec.nodeName=", "spec.nodeName="],
    ["a=x\\,y", "a=x\\,y"],
    ["a=x\\=y\\\\z", "a=x\\=y\\\\z"],
    ["a=!b", "a=!b"],
    ["a==", "a="],
    ["=b", "=b"],
    ["a = b", "a = b"],
  ])("%j → %j", (selector, canonical) => {
    const parsed = mustParseFieldSelector(selector);
    expect(parsed.toString()).toBe(canonical);
    expect(mustParseFieldSelector(canonical).toString()).toBe(canonical);
  });

  it("lists the terms with unescaped values and == folded into =", () => {
    expect(mustParseFieldSelector("spec.nodeName==n1,metadata.name=a\\,b,status.phase!=Failed").requirements()).toEqual([
      { field: "metadata.name", operator: "=", value: "a,b" },
      { field: "spec.nodeName", operator: "=", value: "n1" },
      { field: "status.phase", operator: "!=", value: "Failed" },
    ]);
  });

  it("takes the first operator as the split, and keeps spaces as written", () => {
    expect(mustParseFieldSelector("a!=b!c").requirements()).toEqual([{ field: "a", operator: "!=", value: "b!c" }]);
    expect(mustParseFieldSelector("a = b").requirements()).toEqual([{ field: "a ", operator: "=", value: " b" }]);
  });

  it("is empty without terms", () => {
    expect(mustParseFieldSelector("").isEmpty()).toBe(true);
    expect(mustParseFieldSelector("a=b").isEmpty()).toBe(false);
  });
});

describe("parseFieldSelector errors", () => {
  it.each<[string, string, number]>([
    ["metadata.name", "invalid selector: 'metadata.name'; can't understand 'metadata.name'", 0],
    ["a=b,c", "invalid selector: 'a=b,c'; can't understand 'c'", 4],
    ["a>b", "invalid selector: 'a>b'; can't understand 'a>b'", 0],
    ["a=b=c", "invalid field selector: unescaped character in value: =", 3],
    ["a=b\\", "invalid field selector: invalid escape sequence: \\", 3],
    ["x=1,a=b\\n", "invalid field selector: invalid escape sequence: \\n", 7],
    ["a===b", "invalid field selector: unescaped character in value: =", 3],
  ])("%j: %s", (selector, message, position) => {
    const error = errorOf(selector);
    expect(error).toBeInstanceOf(FieldSelectorError);
    expect(error.position).toBe(position);
    expect(error.message).toBe(`${message} (at position ${position})`);
  });

  it("never throws anything but its result on random input", () => {
    let seed = 3;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const pieces = ["a", ".", "=", "==", "!=", "!", ",", "\\", " ", "x", "é", "\u{1F600}"];
    let parsed = 0;
    for (let i = 0; i < 5000; i++) {
      const selector = Array.from({ length: random(10) }, () => pieces[random(pieces.length)]).join("");
      const result = parseFieldSelector(selector);
      if (result.ok) {
        parsed++;
        const canonical = result.value.toString();
        expect(mustParseFieldSelector(canonical).requirements(), selector).toEqual(result.value.requirements());
      } else {
        expect(result.error).toBeInstanceOf(FieldSelectorError);
        expect(result.error.position).toBeLessThanOrEqual(selector.length);
      }
    }
    expect(parsed).toBeGreaterThan(100);
  });

  it("mustParseFieldSelector throws the typed error", () => {
    expect(() => mustParseFieldSelector("nonsense")).toThrow(FieldSelectorError);
  });
});
