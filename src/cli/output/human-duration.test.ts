import { describe, expect, it } from "vitest";
import { ageOf, humanDuration } from "./human-duration.js";

const s = 1000;
const m = 60 * s;
const h = 60 * m;
const d = 24 * h;

describe("humanDuration", () => {
  it("prints spans as kubectl does", () => {
    const cases: Array<[number, string]> = [
      [-3 * s, "<invalid>"],
      [-1500, "0s"],
      [0, "0s"],
      [119 * s, "119s"],
      [2 * m, "2m"],
      [2 * m + 3 * s, "2m3s"],
      [10 * m + 59 * s, "10m"],
      [179 * m, "179m"],
      [3 * h, "3h"],
      [3 * h + 20 * m, "3h20m"],
      [8 * h + 59 * m, "8h"],
      [47 * h, "47h"],
      [2 * d + 5 * h, "2d5h"],
      [8 * d, "8d"],
      [729 * d, "729d"],
      [730 * d + 45 * d, "2y45d"],
      [365 * 8 * d + 100 * d, "8y"],
    ];
    for (const [ms, text] of cases) expect(humanDuration(ms), String(ms)).toBe(text);
  });

  it("measures an RFC 3339 timestamp's age, <unknown> without one", () => {
    expect(ageOf("2024-05-01T12:00:00Z", Date.parse("2024-05-01T12:05:00Z"))).toBe("5m");
    expect(ageOf(undefined, 0)).toBe("<unknown>");
    expect(ageOf("yesterday", 0)).toBe("<unknown>");
  });
});
