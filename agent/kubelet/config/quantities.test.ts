import { describe, expect, it } from "vitest";
import { ceilDiv, InvalidQuantityError, quantityFrom, quantityOf } from "./quantities.js";

describe("quantities", () => {
  it("parses a list's entry, undefined when absent", () => {
    expect(quantityOf({ memory: "1Ki" }, "memory")?.value()).toBe(1024n);
    expect(quantityOf({ memory: "1Ki" }, "cpu")).toBeUndefined();
    expect(quantityOf(undefined, "cpu")).toBeUndefined();
    expect(quantityFrom("sizeLimit", " 2Mi ").value()).toBe(2n * 1024n * 1024n);
  });

  it("names what does not parse", () => {
    expect(() => quantityFrom("sizeLimit", "big")).toThrow(InvalidQuantityError);
    expect(() => quantityFrom("sizeLimit", "big")).toThrow(/^invalid quantity "big" for sizeLimit: /);
  });

  it("divides rounding up", () => {
    expect(ceilDiv(10n, 5n)).toBe(2n);
    expect(ceilDiv(11n, 5n)).toBe(3n);
    expect(ceilDiv(0n, 5n)).toBe(0n);
  });
});
