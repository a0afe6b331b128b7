import { describe, expect, test } from "vitest";
import { parseStream } from "./parse-stream.js";
import { toPlainValue } from "./to-plain-value.js";

/** Converts the first document of `text`; errors as `line:column message`. */
function convert(text: string): { value: unknown; errors: string[] } {
  const { documents, position } = parseStream(text);
  const document = documents[0];
  if (!document) throw new Error("no document");
  const result = toPlainValue(document.contents, position);
  const errors = result.errors.map((e) => {
    const { line, column } = position(e.offset);
    return `${line}:${column} ${e.message}`;
  });
  return { value: result.value, errors };
}

describe("values", () => {
  test("scalars become JSON values the way kubectl sends them", () => {
    const text = "mode: 0644\nport: 8080\nflag: yes\nname: on\nq: 'on'\nempty:\nnothing: ~\nratio: 1.5\ntime: 12:30\n";
    expect(convert(text)).toEqual({
      value: { mode: 420, port: 8080, flag: true, name: true, q: "on", empty: null, nothing: null, ratio: 1.5, time: "12:30" },
      errors: [],
    });
  });

  test("block scalars keep their text", () => {
    expect(convert("a: |\n  0644\n  yes\nb: >-\n  one\n  two\n").value).toEqual({ a: "0644\nyes\n", b: "one two" });
  });

  test("what JSON cannot hold is an error at its line", () => {
    expect(convert("a: .inf\nb: [1, .nan]\nc: 9007199254740993\nd: 9007199254740991\n").errors).toEqual([
      "1:4 .inf is not a valid JSON number",
      "2:8 .nan is not a valid JSON number",
      "3:4 integer 9007199254740993 is too large to hold exactly (quote it to make it a string)",
    ]);
  });

  test("a key named __proto__ is an ordinary key", () => {
    const { value } = convert("__proto__: {polluted: true}\n");
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.keys(value as object)).toEqual(["__proto__"]);
  });
});

describe("keys", () => {
  test("non-string keys become strings as sigs.k8s.io/yaml makes them", () => {
    expect(convert("on: a\n80: b\n0x10: c\n1.0: d\n1.5: e\n1e6: f\n0.00001: g\n-2.5e-7: h\n").value).toEqual({
      true: "a",
      "80": "b",
      "16": "c",
      "1": "d",
      "1.5": "e",
      "1e+06": "f",
      "1e-05": "g",
      "-2.5e-07": "h",
    });
  });

  test("y, n and null are not the letters and word they look like", () => {
    expect(convert("y: 1\nn: 2\nnull: 3\n").errors).toEqual([
      "3:1 a null mapping key has no JSON form",
    ]);
    expect(convert("y: 1\nn: 2\n").value).toEqual({ true: 1, false: 2 });
  });

  test("duplicate keys are errors, also when they differ only in spelling", () => {
    expect(convert("a: 1\nb: 2\na: 3\nyes: 4\non: 5\n").errors).toEqual([
      '3:1 mapping key "a" already defined at line 1',
      '5:1 mapping key "true" already defined at line 4',
    ]);
  });

  test("null and collection keys have no JSON form", () => {
    expect(convert("~: a\n? [x]\n: b\n").errors).toEqual([
      "1:1 a null mapping key has no JSON form",
      "2:3 a sequence cannot be a mapping key",
    ]);
  });
});

describe("anchors, aliases and merges", () => {
  test("aliases copy the anchored value", () => {
    const { value } = convert("base: &b {cpu: 100m}\nlimits: *b\nrequests: *b\n");
    expect(value).toEqual({ base: { cpu: "100m" }, limits: { cpu: "100m" }, requests: { cpu: "100m" } });
    const object = value as Record<string, unknown>;
    expect(object.limits).not.toBe(object.requests);
  });

  test("<< merges mappings; explicit keys after it win, earlier merge sources win", () => {
    const text = "a: &a {cpu: 1, mem: 1}\nb: &b {mem: 2, disk: 2}\nc:\n  <<: [*a, *b]\n  cpu: 3\n";
    expect(convert(text).value).toEqual({
      a: { cpu: 1, mem: 1 },
      b: { mem: 2, disk: 2 },
      c: { mem: 1, disk: 2, cpu: 3 },
    });
  });

  test("a quoted << is an ordinary key", () => {
    expect(convert('"<<": {a: 1}\n').value).toEqual({ "<<": { a: 1 } });
  });

  test("a merge of something else than mappings is an error", () => {
    expect(convert("s: &s [1]\nm:\n  <<: *s\n").errors).toEqual(["3:7 a merge (<<) takes a mapping or a sequence of mappings"]);
  });

  test("unknown and self-containing anchors are errors", () => {
    expect(convert("a: *nope\n").errors).toEqual(['1:4 unknown anchor "nope" referenced']);
    expect(convert("a: &loop [1, *loop]\n").errors).toEqual(['1:14 anchor "loop" value contains itself']);
  });

  test("an alias refers to the latest anchor of that name before it", () => {
    expect(convert("a: &x 1\nb: *x\nc: &x 2\nd: *x\n").value).toEqual({ a: 1, b: 1, c: 2, d: 2 });
  });

  test("exponential alias expansion is stopped", () => {
    let text = "l0: &l0 [x, x, x, x, x, x, x, x, x, x]\n";
    for (let i = 1; i <= 9; i++) text += `l${i}: &l${i} [${Array(10).fill(`*l${i - 1}`).join(", ")}]\n`;
    const { errors } = convert(text);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/aliases expand to more than 100000 values/);
  });
});
