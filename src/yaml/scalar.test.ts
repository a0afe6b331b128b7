import { describe, expect, test } from "vitest";
import { resolvePlainScalar, resolveScalar, type ScalarValue } from "./scalar.js";

const str = (value: string): ScalarValue => ({ kind: "string", value });
const int = (value: bigint): ScalarValue => ({ kind: "int", value });
const float = (value: number): ScalarValue => ({ kind: "float", value });
const bool = (value: boolean): ScalarValue => ({ kind: "bool", value });

describe("plain scalars resolve as go-yaml v2 (YAML 1.1) does", () => {
  test.each([
    ["yes", bool(true)],
    ["Yes", bool(true)],
    ["on", bool(true)],
    ["ON", bool(true)],
    ["y", bool(true)],
    ["True", bool(true)],
    ["no", bool(false)],
    ["off", bool(false)],
    ["N", bool(false)],
    ["FALSE", bool(false)],
    ["", { kind: "null" }],
    ["~", { kind: "null" }],
    ["Null", { kind: "null" }],
  ] as const)("%j", (text, expected) => {
    expect(resolvePlainScalar(text)).toEqual(expected);
  });

  test.each([
    ["0644", int(420n)],
    ["0o755", int(493n)],
    ["-0644", int(-420n)],
    ["0x1F", int(31n)],
    ["0X1f", int(31n)],
    ["0b101", int(5n)],
    ["-0b101", int(-5n)],
    ["+12", int(12n)],
    ["1_000", int(1000n)],
    ["0", int(0n)],
    ["00", int(0n)],
    ["8080", int(8080n)],
    ["9223372036854775807", int(9223372036854775807n)],
    ["18446744073709551615", int(18446744073709551615n)],
  ] as const)("integer %j", (text, expected) => {
    expect(resolvePlainScalar(text)).toEqual(expected);
  });

  test.each([
    ["1.5", float(1.5)],
    ["1e3", float(1000)],
    ["-.5", float(-0.5)],
    [".5e1", float(5)],
    ["1.", float(1)],
    // Not octal (8 is no octal digit), so Go falls back to the float reading.
    ["08", float(8)],
    // Beyond uint64: a float, as in Go.
    ["99999999999999999999", float(1e20)],
    [".inf", float(Number.POSITIVE_INFINITY)],
    ["-.Inf", float(Number.NEGATIVE_INFINITY)],
    [".NaN", float(Number.NaN)],
  ] as const)("float %j", (text, expected) => {
    expect(resolvePlainScalar(text)).toEqual(expected);
  });

  test.each([
    "1:30", // sexagesimal: never a number in go-yaml
    "2024-01-02", // timestamps stay strings
    "0x", // a prefix alone
    "0b102",
    "1e999", // overflows: Go keeps the text
    "tRUE",
    "yes please",
    ".",
    "-",
    "1.2.3",
    "v1",
    "_1",
    "Infinity",
  ])("string %j", (text) => {
    expect(resolvePlainScalar(text)).toEqual(str(text));
  });
});

describe("tags and quoting", () => {
  test("quoted and block scalars are strings", () => {
    expect(resolveScalar("0644", undefined, false)).toEqual(str("0644"));
    expect(resolveScalar("yes", undefined, false)).toEqual(str("yes"));
  });

  test("!!str and the non-specific ! keep the text", () => {
    expect(resolveScalar("0644", "tag:yaml.org,2002:str", true)).toEqual(str("0644"));
    expect(resolveScalar("on", "!", true)).toEqual(str("on"));
  });

  test("!!int, !!float, !!bool and !!null resolve the text, quoted or not", () => {
    expect(resolveScalar("12", "tag:yaml.org,2002:int", false)).toEqual(int(12n));
    expect(resolveScalar("12", "tag:yaml.org,2002:float", true)).toEqual(float(12));
    expect(resolveScalar("off", "tag:yaml.org,2002:bool", false)).toEqual(bool(false));
    expect(resolveScalar("~", "tag:yaml.org,2002:null", true)).toEqual({ kind: "null" });
  });

  test("a tag the text does not fit is an error in go-yaml's words", () => {
    expect(resolveScalar("abc", "tag:yaml.org,2002:int", true)).toEqual({
      kind: "tag-error",
      message: 'cannot decode !!str "abc" as a !!int',
    });
    expect(resolveScalar("1.5", "tag:yaml.org,2002:bool", true)).toEqual({
      kind: "tag-error",
      message: 'cannot decode !!float "1.5" as a !!bool',
    });
  });

  test("!!binary is refused; unknown tags keep the text", () => {
    expect(resolveScalar("aGk=", "tag:yaml.org,2002:binary", true)).toMatchObject({ kind: "tag-error" });
    expect(resolveScalar("12", "!Ref", true)).toEqual(str("12"));
  });
});
