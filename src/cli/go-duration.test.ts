import { describe, expect, it } from "vitest";
import { parseGoDuration } from "./go-duration.js";

describe("parseGoDuration", () => {
  it("reads Go durations as milliseconds", () => {
    expect(parseGoDuration("40s")).toBe(40_000);
    expect(parseGoDuration("1m30s")).toBe(90_000);
    expect(parseGoDuration("500ms")).toBe(500);
    expect(parseGoDuration("1.5h")).toBe(5_400_000);
    expect(parseGoDuration("0")).toBe(0);
  });

  it("refuses what is not one", () => {
    for (const bad of ["", "40", "s", "-5s", "1d", "5s junk", "1m 30s"]) expect(parseGoDuration(bad)).toBeUndefined();
  });
});
