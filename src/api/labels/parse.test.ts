import { describe, expect, it } from "vitest";
import { mustParseSelector, parseSelector } from "./parse.js";
import { SelectorError } from "./selector-error.js";

const errorOf = (selector: string): SelectorError => {
  const result = parseSelector(selector);
  if (result.ok) throw new Error(`${JSON.stringify(selector)} parsed as ${result.value.toString()}`);
  return result.error;
};

describe("parseSelector: accepted syntax", () => {
  it.each([
    ["", ""],
    ["   ", ""],
    ["app=web", "app=web"],
    ["app==web", "app==web"],
    ["app = web", "app=web"],
    ["tier!=db", "tier!=db"],
    ["app=web,tier!=db", "app=web,tier!=db"],
    ["tier!=db,app=web", "app=web,tier!=db"],
    ["env in (prod, staging)", "env in (prod,staging)"],
    ["env in(staging,prod,prod)", "env in (prod,staging)"],
    ["env notin (dev)", "env notin (dev)"],
    ["canary", "canary"],
    ["!canary", "!canary"],
    [" ! canary ", "!canary"],
    ["x=", "x="],
    ["x=,y=a", "x=,y=a"],
    ["x in ()", "x in ()"],
    ["x in (,)", "x in ()"],
    ["x in (a,)", "x in (,a)"],
    ["x in (a,,b)", "x in (,a,b)"],
    ["in=notin", "in=notin"],
    ["x in (in, notin)", "x in (in,notin)"],
    ["replicas>2", "replicas>2"],
    ["replicas < 3", "replicas<3"],
    ["app.kubernetes.io/name=web", "app.kubernetes.io/name=web"],
    ["a=1,a=2", "a=1,a=2"],
    ["\tapp=web\n", "app=web"],
  ])("%j → %j", (selector, canonical) => {
    const parsed = mustParseSelector(selector);
    expect(parsed.toString()).toBe(canonical);
    // The canonical string parses to the same selector.
    expect(mustParseSelector(canonical).toString()).toBe(canonical);
  });

  it("keeps the requirements' operators and values", () => {
    expect(mustParseSelector("b notin (y,x),!c,a").requirements()).toEqual([
      { key: "a", operator: "exists", values: [] },
      { key: "b", operator: "notin", values: ["x", "y"] },
      { key: "c", operator: "!", values: [] },
    ]);
  });
});

describe("parseSelector: errors name the problem and where", () => {
  it.each<[string, string, number]>([
    ["x=a=b", "found '=', expected: ',' or 'end of string'", 3],
    ["x==a==b", "found '==', expected: ',' or 'end of string'", 4],
    ["!x=a", "found '=', expected: ',' or 'end of string'", 2],
    ["x,,y", "found ',', expected: identifier after ','", 2],
    ["x=a,", "found '', expected: identifier after ','", 4],
    ["x=a b", "found 'b', expected: ',' or 'end of string'", 4],
    [",x", "found ',', expected: !, identifier, or 'end of string'", 0],
    ["=x", "found '=', expected: !, identifier, or 'end of string'", 0],
    ["!", "found '', expected: identifier", 1],
    ["!=x", "found '!=', expected: !, identifier, or 'end of string'", 0],
    ["x in a", "found 'a', expected: '('", 5],
    ["x in (a", "found '', expected: ',' or ')'", 7],
    ["x in (a b)", "found 'b', expected: ',' or ')'", 8],
    ["x in (!)", "found '!', expected: ',', ')' or identifier", 6],
    ["x in (a,", "found '', expected: ',', ')' or identifier", 8],
    ["x notin", "found '', expected: '('", 7],
    ["x (a)", "found '(', expected: in, notin, =, ==, !=, gt, lt", 2],
    ["x y", "found 'y', expected: in, notin, =, ==, !=, gt, lt", 2],
    ["x=(a)", "found '(', expected: identifier", 2],
    ["x>=1", "found '=', expected: identifier", 2],
  ])("%j: %s", (selector, problem, position) => {
    const error = errorOf(selector);
    expect(error).toBeInstanceOf(SelectorError);
    expect(error.position).toBe(position);
    expect(error.message).toBe(`unable to parse requirement: ${problem} (at position ${position})`);
  });

  it("checks keys and values as Kubernetes' NewRequirement", () => {
    expect(errorOf("a=b,-x=1").message).toMatch(
      /^unable to parse requirement: invalid label key "-x": name part must consist of alphanumeric characters.* \(at position 4\)$/,
    );
    expect(errorOf("x=a/b").message).toMatch(/invalid label value "a\/b": a valid label must be an empty string/);
    expect(errorOf(`x in (ok, ${"v".repeat(64)})`).message).toMatch(/must be no more than 63 characters/);
    expect(errorOf("x>a").message).toMatch(/for 'Gt', 'Lt' operators, the value must be an integer: "a"/);
    expect(errorOf("x<99999999999999999999").message).toMatch(/the value must be an integer/);
    expect(errorOf("x=a||y").message).toMatch(/invalid label value "a\|\|y"/);
    expect(errorOf("a/b/c").message).toMatch(/invalid label key "a\/b\/c": a qualified name must consist/);
  });

  it("never throws anything but its result on random input", () => {
    let seed = 7;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const pieces = ["a", "b", "=", "==", "!=", "!", "(", ")", ",", " ", "in", "notin", ">", "<", "1", "-", ".", "/", "é", "\t"];
    let parsed = 0;
    for (let i = 0; i < 5000; i++) {
      const selector = Array.from({ length: random(10) }, () => pieces[random(pieces.length)]).join("");
      const result = parseSelector(selector);
      if (result.ok) {
        parsed++;
        const canonical = result.value.toString();
        expect(mustParseSelector(canonical).toString(), selector).toBe(canonical);
      } else {
        expect(result.error).toBeInstanceOf(SelectorError);
        expect(result.error.position).toBeGreaterThanOrEqual(0);
        expect(result.error.position).toBeLessThanOrEqual(selector.length);
      }
    }
    expect(parsed).toBeGreaterThan(100);
  });

  it("mustParseSelector throws the typed error", () => {
    expect(() => mustParseSelector("x in (")).toThrow(SelectorError);
  });
});
