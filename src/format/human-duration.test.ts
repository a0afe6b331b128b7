import { describe, expect, it } from "vitest";
import { age, ageOf, humanDuration } from "./human-duration.js";

const s = 1000;
const m = 60 * s;
const h = 60 * m;
const d = 24 * h;
const y = 365 * d;

describe("humanDuration", () => {
  it.each([
    // a clock slightly ahead is "now"; more than that is invalid
    [-1999, "0s"],
    [-2000, "<invalid>"],
    [0, "0s"],
    [999, "0s"],
    [45 * s, "45s"],
    // seconds up to two minutes
    [119 * s + 999, "119s"],
    [2 * m, "2m"],
    [2 * m + 3 * s, "2m3s"],
    [9 * m + 59 * s, "9m59s"],
    // whole minutes from ten minutes to three hours
    [10 * m, "10m"],
    [10 * m + 30 * s, "10m"],
    [179 * m + 59 * s, "179m"],
    // hours and minutes below eight hours
    [3 * h, "3h"],
    [3 * h + 20 * m, "3h20m"],
    [7 * h + 59 * m, "7h59m"],
    // whole hours below two days
    [8 * h, "8h"],
    [47 * h + 59 * m, "47h"],
    // days and hours below eight days
    [2 * d, "2d"],
    [2 * d + 5 * h, "2d5h"],
    [7 * d + 23 * h, "7d23h"],
    // whole days below two years
    [8 * d, "8d"],
    [729 * d, "729d"],
    // years and days below eight years
    [2 * y, "2y"],
    [2 * y + 45 * d, "2y45d"],
    [7 * y + 364 * d, "7y364d"],
    [8 * y, "8y"],
    [20 * y + 100 * d, "20y"],
  ])("%d ms is %s", (ms, expected) => {
    expect(humanDuration(ms)).toBe(expected);
  });
});

describe("age", () => {
  it("is the span from the timestamp to now", () => {
    const created = Date.parse("2024-05-01T12:00:00Z");
    expect(age(created, created + 5 * m + 30 * s)).toBe("5m30s");
  });

  it("is <unknown> without a timestamp", () => {
    expect(age(undefined, 0)).toBe("<unknown>");
  });
});

describe("ageOf", () => {
  it("measures an RFC 3339 timestamp's age, <unknown> without one", () => {
    expect(ageOf("2024-05-01T12:00:00Z", Date.parse("2024-05-01T12:05:00Z"))).toBe("5m");
    expect(ageOf(undefined, 0)).toBe("<unknown>");
    expect(ageOf("yesterday", 0)).toBe("<unknown>");
  });
});
