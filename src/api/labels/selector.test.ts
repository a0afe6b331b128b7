import { describe, expect, it } from "vitest";
import { mustParseSelector } from "./parse.js";
import { newRequirement } from "./requirement.js";
import { Selector, selectorFromSet } from "./selector.js";

const matches = (selector: string, labels: Record<string, string>): boolean => mustParseSelector(selector).matches(labels);

describe("Selector.matches", () => {
  const web = { app: "web", tier: "front", env: "prod" };

  it.each<[string, Record<string, string>, boolean]>([
    ["", {}, true],
    ["", web, true],
    ["app=web", web, true],
    ["app==web", web, true],
    ["app=api", web, false],
    ["app=web,tier=front", web, true],
    ["app=web,tier=back", web, false],
    ["tier!=db", web, true],
    ["tier!=front", web, false],
    ["missing!=x", web, true],
    ["env in (prod, staging)", web, true],
    ["env in (dev, staging)", web, false],
    ["missing in (a)", web, false],
    ["env notin (dev)", web, true],
    ["env notin (prod)", web, false],
    ["missing notin (a)", web, true],
    ["app", web, true],
    ["canary", web, false],
    ["!canary", web, true],
    ["!app", web, false],
    ["x=", { x: "" }, true],
    ["x=", {}, false],
    ["x in ()", { x: "" }, true],
    ["n>2", { n: "3" }, true],
    ["n>2", { n: "2" }, false],
    ["n<2", { n: "-5" }, true],
    ["n>2", { n: "three" }, false],
    ["n>2", {}, false],
    ["n<10", { n: "9" }, true],
  ])("%j on %j → %s", (selector, labels, expected) => {
    expect(matches(selector, labels)).toBe(expected);
  });

  it("does not see inherited properties as labels", () => {
    expect(matches("toString", {})).toBe(false);
    expect(matches("!constructor", {})).toBe(true);
    expect(matches("hasOwnProperty!=x", {})).toBe(true);
  });
});

describe("everything, nothing and isEmpty", () => {
  it("everything matches all and is empty", () => {
    expect(Selector.everything().matches({})).toBe(true);
    expect(Selector.everything().isEmpty()).toBe(true);
    expect(mustParseSelector("").isEmpty()).toBe(true);
    expect(mustParseSelector("a").isEmpty()).toBe(false);
  });

  it("nothing matches nothing and is not empty", () => {
    expect(Selector.nothing().matches({})).toBe(false);
    expect(Selector.nothing().matches({ a: "b" })).toBe(false);
    expect(Selector.nothing().isEmpty()).toBe(false);
    expect(Selector.nothing().toString()).toBe("");
  });
});

describe("selectorFromSet", () => {
  it("selects the labels exactly, sorted by key", () => {
    const selector = selectorFromSet({ tier: "front", app: "web" });
    expect(selector.toString()).toBe("app=web,tier=front");
    expect(selector.matches({ app: "web", tier: "front", extra: "x" })).toBe(true);
    expect(selector.matches({ app: "web" })).toBe(false);
  });

  it("of an empty set selects everything", () => {
    expect(selectorFromSet({}).isEmpty()).toBe(true);
  });
});

describe("newRequirement", () => {
  it("checks the number of values for each operator", () => {
    expect(newRequirement("a", "in", [])).toEqual({ ok: false, problems: ["for 'in', 'notin' operators, values set can't be empty"] });
    expect(newRequirement("a", "=", ["x", "y"])).toEqual({
      ok: false,
      problems: ["exact-match compatibility requires one single value"],
    });
    expect(newRequirement("a", "exists", ["x"])).toEqual({
      ok: false,
      problems: ["values set must be empty for exists and does not exist"],
    });
    expect(newRequirement("a", "gt", [])).toEqual({ ok: false, problems: ["for 'Gt', 'Lt' operators, exactly one value is required"] });
    expect(newRequirement("a", "notin", ["x"])).toEqual({ ok: true, value: { key: "a", operator: "notin", values: ["x"] } });
  });

  it("copies the values it is given", () => {
    const values = ["x"];
    const built = newRequirement("a", "in", values);
    values.push("y");
    expect(built.ok && built.value.values).toEqual(["x"]);
  });
});
