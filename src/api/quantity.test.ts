import { describe, expect, it } from "vitest";
import { mustParseQuantity, parseQuantity, parseQuantityValue, Quantity, QuantityError, type QuantityFormat } from "./quantity.js";

const q = mustParseQuantity;

/** The parsed value in nano-units, via the public API: milli/value are rounded, so compare against a nano-built quantity. */
function expectValue(text: string, nanos: bigint, format: QuantityFormat): void {
  const parsed = q(text);
  expect(parsed.cmp(Quantity.fromNanos(nanos, format)), `${text} value`).toBe(0);
  expect(parsed.format, `${text} format`).toBe(format);
}

const unit = 1_000_000_000n;
const Ki = 1024n;

describe("parseQuantity: values and formats", () => {
  it.each<[string, bigint, QuantityFormat]>([
    ["0", 0n, "DecimalSI"],
    ["0m", 0n, "DecimalSI"],
    ["0Ki", 0n, "BinarySI"],
    ["00", 0n, "DecimalSI"],
    ["1", unit, "DecimalSI"],
    ["+1", unit, "DecimalSI"],
    ["-1", -unit, "DecimalSI"],
    ["1Ki", Ki * unit, "BinarySI"],
    ["7Mi", 7n * Ki ** 2n * unit, "BinarySI"],
    ["6Gi", 6n * Ki ** 3n * unit, "BinarySI"],
    ["5Ti", 5n * Ki ** 4n * unit, "BinarySI"],
    ["4Pi", 4n * Ki ** 5n * unit, "BinarySI"],
    ["3Ei", 3n * Ki ** 6n * unit, "BinarySI"],
    ["5n", 5n, "DecimalSI"],
    ["4u", 4_000n, "DecimalSI"],
    ["500m", 500_000_000n, "DecimalSI"],
    ["8k", 8_000n * unit, "DecimalSI"],
    ["7M", 7_000_000n * unit, "DecimalSI"],
    ["1G", 1_000_000_000n * unit, "DecimalSI"],
    ["5T", 5n * 10n ** 12n * unit, "DecimalSI"],
    ["2P", 2n * 10n ** 15n * unit, "DecimalSI"],
    ["1E", 10n ** 18n * unit, "DecimalSI"],
    ["12E", 12n * 10n ** 18n * unit, "DecimalSI"],
    ["2e3", 2_000n * unit, "DecimalExponent"],
    ["1E-3", 1_000_000n, "DecimalExponent"],
    ["1e+6", 1_000_000n * unit, "DecimalExponent"],
    ["1.3E+6", 1_300_000n * unit, "DecimalExponent"],
    ["0.5e-2", 5_000_000n, "DecimalExponent"],
    ["1.5", 1_500_000_000n, "DecimalSI"],
    ["0.1", 100_000_000n, "DecimalSI"],
    [".5", 500_000_000n, "DecimalSI"],
    ["5.", 5n * unit, "DecimalSI"],
    ["1.G", 10n ** 9n * unit, "DecimalSI"],
    [".0001k", 100_000_000n, "DecimalSI"],
    ["100.035k", 100_035n * unit, "DecimalSI"],
    ["6.987654321G", 6_987_654_321n * unit, "DecimalSI"],
    ["100.035Ki", 102_435_840_000_000n, "BinarySI"],
    ["0.5Mi", 524_288n * unit, "BinarySI"],
    ["0.05Gi", 53_687_091_200_000_000n, "BinarySI"],
  ])("%s", (text, nanos, format) => {
    expectValue(text, nanos, format);
  });

  it("rounds up to 1n, away from zero", () => {
    expectValue("3.001n", 4n, "DecimalSI");
    expectValue("0.1n", 1n, "DecimalSI");
    expectValue("0.0000000001", 1n, "DecimalSI");
    expectValue("1.1E-9", 2n, "DecimalExponent");
    expectValue("0.00000012345", 124n, "DecimalSI");
    expectValue("-0.00000012345", -124n, "DecimalSI");
    expectValue("1e-999999999", 1n, "DecimalExponent");
    expectValue("0e-999999999", 0n, "DecimalExponent");
  });

  it("turns a sub-unit binary value into DecimalSI", () => {
    expectValue(".000000000001Ki", 2n, "DecimalSI");
    expectValue("0.0001Ki", 102_400_000n, "DecimalSI");
  });

  it("caps BinarySI at 2^63-1, and only BinarySI", () => {
    const max = (2n ** 63n - 1n) * unit;
    expectValue("9Ei", max, "BinarySI");
    expectValue("-9Ei", -max, "BinarySI");
    expectValue("9223372036854775807Ki", max, "BinarySI");
    expectValue("10E", 10n ** 19n * unit, "DecimalSI");
  });
});

describe("parseQuantity: bad input", () => {
  it.each([
    "",
    " 1",
    "1 ",
    "1.1.M",
    "1+1.0M",
    "0.1am",
    "aoeu",
    "-3.01e-",
    "1e",
    ".",
    "-",
    "+",
    "Ki",
    "m",
    "e3",
    "1,5",
    "1_000",
    "0x10",
    "--1",
    "1Ki2",
    "1KiB",
    "١",
  ])("rejects %j with a format error", (text) => {
    const result = parseQuantity(text);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error).toBeInstanceOf(QuantityError);
      expect(result.error.input).toBe(text);
      expect(result.error.message).toMatch(/must match the regular expression|unable to parse quantity's suffix/);
    }
  });

  it.each(["0.1mi", "1i", ".5i", "-3.01i", "1K", "1kk", "1MM", "1mE3", "1Eii"])("rejects %j as an unknown suffix", (text) => {
    const result = parseQuantity(text);
    expect(result).toEqual({ ok: false, error: expect.objectContaining({ reason: "suffix", input: text }) });
    if (!result.ok) expect(result.error.message).toBe("unable to parse quantity's suffix");
  });

  it("refuses what it cannot hold, rather than computing it", () => {
    const started = Date.now();
    for (const text of ["1e999999999", "1e99999999999999999999999", "1".repeat(1001), `1e${"9".repeat(900)}`]) {
      const result = parseQuantity(text);
      expect(result.ok ? "parsed" : result.error.reason, text).toBe("outOfRange");
    }
    expect(q(`1e${999}`).value()).toBe(10n ** 999n);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it("never throws on random input", () => {
    let seed = 42;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const alphabet = "0123456789.+-eEinumkKMGTPE iaK\u00e9";
    for (let i = 0; i < 5000; i++) {
      const text = Array.from({ length: random(12) }, () => alphabet[random(alphabet.length)]).join("");
      const result = parseQuantity(text);
      if (result.ok) {
        // Whatever parses prints to a string that parses back to the same amount.
        expect(q(result.value.toString()).cmp(result.value), text).toBe(0);
      } else {
        expect(result.error).toBeInstanceOf(QuantityError);
      }
    }
  });
});

describe("Quantity.toString: canonical form", () => {
  it.each([
    ["1.5", "1500m"],
    ["1024Mi", "1Gi"],
    ["2e3", "2e3"],
    ["1e2", "100"],
    ["1000m", "1"],
    ["1000M", "1G"],
    ["0.001T", "1G"],
    ["1.5Gi", "1536Mi"],
    ["300Mi", "300Mi"],
    ["307200Ki", "300Mi"],
    ["1025024Mi", "1001Gi"],
    ["1.5Ki", "1536"],
    ["0.5Ki", "512"],
    ["5Ki", "5Ki"],
    ["1023", "1023"],
    [".001Ki", "1024m"],
    [".000001Ki", "1024u"],
    [".000000001Ki", "1024n"],
    [".000000000001Ki", "2n"],
    ["100.035Ki", "102435840m"],
    ["9Ei", "9223372036854775807"],
    ["1.08", "1080m"],
    ["0.5", "500m"],
    ["80e-3", "80e-3"],
    ["0.001e0", "1e-3"],
    [".001e12", "1e9"],
    ["1000e-12", "1e-9"],
    ["300e6", "300e6"],
    ["1.5e1", "15"],
    ["+1", "1"],
    ["01", "1"],
    ["5.", "5"],
    ["-0", "0"],
    ["0Ki", "0"],
    ["0e5", "0"],
    ["-1500m", "-1500m"],
    ["-1Gi", "-1Gi"],
    ["-.5Ki", "-512"],
    ["1234567M", "1234567M"],
    ["1000E", "1000E"],
    ["12E", "12E"],
    ["1e21", "1e21"],
  ])("%s prints as %s", (text, canonical) => {
    expect(q(text).toString()).toBe(canonical);
    expect(q(canonical).equals(q(text))).toBe(true);
  });

  it("serializes to JSON as its string", () => {
    expect(JSON.stringify({ cpu: q("1.5") })).toBe('{"cpu":"1500m"}');
  });
});

describe("Quantity arithmetic and comparison", () => {
  it("compares exactly across formats", () => {
    expect(q("1Gi").cmp(q("1073741824"))).toBe(0);
    expect(q("1000m").cmp(q("1"))).toBe(0);
    expect(q("1.5").cmp(q("1500m"))).toBe(0);
    expect(q("1k").cmp(q("1Ki"))).toBe(-1);
    expect(q("10000T").cmp(q("100Gi"))).toBe(1);
    expect(q("-1").cmp(q("0"))).toBe(-1);
    expect(q("1n").cmp(q("0"))).toBe(1);
    expect(q("1E").cmp(q("1e18"))).toBe(0);
  });

  it("adds without float drift", () => {
    expect(q("0.1").add(q("0.2")).equals(q("0.3"))).toBe(true);
    let sum = q("0");
    for (let i = 0; i < 10; i++) sum = sum.add(q("100m"));
    expect(sum.toString()).toBe("1");
    expect(q("1Gi").add(q("512Mi")).toString()).toBe("1536Mi");
    expect(q("250m").add(q("1.5")).toString()).toBe("1750m");
  });

  it("keeps the left format, or the right one when the left is zero", () => {
    expect(q("1Gi").add(q("1G")).format).toBe("BinarySI");
    expect(q("1G").add(q("1Gi")).format).toBe("DecimalSI");
    expect(q("0").add(q("1Gi")).toString()).toBe("1Gi");
    expect(q("100m").add(q("0")).toString()).toBe("100m");
    expect(q("0").sub(q("1Gi")).toString()).toBe("-1Gi");
  });

  it("subtracts and negates", () => {
    expect(q("2").sub(q("500m")).toString()).toBe("1500m");
    expect(q("500m").sub(q("2")).toString()).toBe("-1500m");
    expect(q("9.01").neg().toString()).toBe("-9010m");
    expect(q("1").sub(q("1")).isZero()).toBe(true);
    expect(q("1").sign()).toBe(1);
    expect(q("-1m").sign()).toBe(-1);
    expect(q("0").sign()).toBe(0);
  });

  it("is immutable", () => {
    const a = q("1");
    a.add(q("1"));
    a.neg();
    expect(a.toString()).toBe("1");
  });
});

describe("value() and milliValue()", () => {
  it.each<[string, bigint, bigint]>([
    ["1", 1n, 1000n],
    ["1.5", 2n, 1500n],
    ["1500m", 2n, 1500n],
    ["1001m", 2n, 1001n],
    ["1m", 1n, 1n],
    ["1n", 1n, 1n],
    ["0", 0n, 0n],
    ["-1.5", -2n, -1500n],
    ["-1n", -1n, -1n],
    ["1Gi", 1073741824n, 1073741824000n],
    ["9.01", 10n, 9010n],
    ["12E", 12_000_000_000_000_000_000n, 12_000_000_000_000_000_000_000n],
  ])("%s → value %d, milli %d", (text, value, milli) => {
    expect(q(text).value()).toBe(value);
    expect(q(text).milliValue()).toBe(milli);
  });
});

describe("constructors", () => {
  it("builds from whole units and thousandths", () => {
    expect(Quantity.fromValue(1024, "BinarySI").toString()).toBe("1Ki");
    expect(Quantity.fromValue(1000, "DecimalSI").toString()).toBe("1k");
    expect(Quantity.fromValue(1_000_000, "DecimalExponent").toString()).toBe("1e6");
    expect(Quantity.fromMilli(1, "DecimalSI").toString()).toBe("1m");
    expect(Quantity.fromMilli(1024, "BinarySI").toString()).toBe("1024m");
    expect(Quantity.fromMilli(1234000n, "DecimalSI").toString()).toBe("1234");
    expect(Quantity.fromNanos(1000n, "DecimalSI").toString()).toBe("1u");
  });
});

describe("mustParseQuantity and parseQuantityValue", () => {
  it("throws the typed error for a bad constant", () => {
    expect(() => mustParseQuantity("1.1.M")).toThrow(QuantityError);
  });

  it("accepts JSON/YAML strings with surrounding space, and plain numbers", () => {
    const parsed = (value: unknown): string => {
      const result = parseQuantityValue(value);
      return result.ok ? result.value.toString() : `error: ${result.error.reason}`;
    };
    expect(parsed(" 1 ")).toBe("1");
    expect(parsed(0.5)).toBe("500m");
    expect(parsed(-1)).toBe("-1");
    expect(parsed(1e21)).toBe("1e21");
    expect(parsed(2)).toBe("2");
    expect(parsed(Number.NaN)).toBe("error: format");
    expect(parsed(true)).toBe("error: format");
    expect(parsed(null)).toBe("error: format");
    expect(parsed({})).toBe("error: format");
  });
});
