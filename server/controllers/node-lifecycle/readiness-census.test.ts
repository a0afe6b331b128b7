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
});
