import { describe, expect, it } from "vitest";
import { ReadinessCensus } from "./readiness-census.js";

describe("ReadinessCensus", () => {
  it("says all nodes are down only when some reported and none is Ready", () => {
    const census = new ReadinessCensus();
    expect(census.allDown()).toBe(false);
    census.set("a", "True");
    census.set("b", "Unknown");
    census.set("c", undefined);
    expect(census.allDown()).toBe(false);
    expect(census.allDownWith("a", "Unknown")).toBe(true);
    expect(census.allDownWith("c", "True")).toBe(false);
    census.set("a", "False");
    expect(census.allDown()).toBe(true);
    expect(census.allDownWith("c", "True")).toBe(false);
    census.delete("a");
    census.delete("b");
    expect(census.allDown()).toBe(false);
    expect(census.statusOf("b")).toBeUndefined();
  });

  it("counts Ready nodes whose grace has run out as down when asked", () => {
    const census = new ReadinessCensus();
    census.set("a", "Unknown");
    census.set("b", "True");
    census.set("c", "True");
    expect(census.othersAllDown("a", () => true)).toBe(false);
    expect(census.othersAllDown("a", (other) => other === "c")).toBe(false);
    expect(census.othersAllDown("a", () => false)).toBe(true);
    expect(census.othersAllDown("b", (other) => other === "b")).toBe(true);
  });
});
