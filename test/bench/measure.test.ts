import { describe, expect, it } from "vitest";
import { formatTable, percentile } from "./measure.js";

describe("percentile", () => {
  it("takes the nearest rank", () => {
    const samples = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(percentile(samples, 0.5)).toBe(50);
    expect(percentile(samples, 0.99)).toBe(99);
    expect(percentile([7], 0.99)).toBe(7);
    expect(percentile([], 0.5)).toBeNaN();
  });
});

describe("formatTable", () => {
  it("aligns a Markdown table, names left and numbers right", () => {
    expect(formatTable(["engine", "ops/s"], [["sqlite", "12000"], ["etcd", "900"]])).toBe(
      ["| engine | ops/s |", "|--------|------:|", "| sqlite | 12000 |", "| etcd   |   900 |"].join("\n"),
    );
  });
});
