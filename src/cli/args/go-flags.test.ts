import { describe, expect, it } from "vitest";
import { UsageError } from "../flags.js";
import { booleanFlagArgs, parseGoDuration } from "./go-flags.js";

describe("booleanFlagArgs", () => {
  it("turns --flag=true|false into what parseArgs reads, and leaves everything else", () => {
    expect(booleanFlagArgs(["pod", "x", "--wait=false", "--timeout=5s", "--wait=true", "--other=false"], ["wait"])).toEqual([
      "pod",
      "x",
      "--no-wait",
      "--timeout=5s",
      "--wait",
      "--other=false",
    ]);
  });

  it("refuses a value that is not a boolean", () => {
    expect(() => booleanFlagArgs(["--wait=yes"], ["wait"])).toThrow(UsageError);
  });
});

describe("parseGoDuration", () => {
  it("reads Go durations in milliseconds", () => {
    expect(parseGoDuration("0")).toBe(0);
    expect(parseGoDuration("0s")).toBe(0);
    expect(parseGoDuration("30s")).toBe(30_000);
    expect(parseGoDuration("1m30s")).toBe(90_000);
    expect(parseGoDuration("1.5h")).toBe(5_400_000);
    expect(parseGoDuration("250ms")).toBe(250);
    expect(parseGoDuration("2h45m0.5s")).toBe(9_900_500);
  });

  it("refuses anything else", () => {
    for (const text of ["", "5", "s", "1x", "-1s", "1s ", "1m-3s"]) expect(parseGoDuration(text), text).toBeUndefined();
  });
});
