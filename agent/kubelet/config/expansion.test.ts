import { describe, expect, it } from "vitest";
import { expand } from "./expansion.js";

const vars: Record<string, string> = { VAR_A: "A", VAR_B: "B", EMPTY: "" };
const lookup = (name: string): string | undefined => vars[name];

describe("expand", () => {
  it.each([
    ["$(VAR_A)", "A"],
    ["___$(VAR_B)___", "___B___"],
    ["$(VAR_A)-$(VAR_B)", "A-B"],
    ["x$(EMPTY)y", "xy"],
    ["$(UNKNOWN)", "$(UNKNOWN)"],
    ["$$(VAR_A)", "$(VAR_A)"],
    ["$$$(VAR_A)", "$A"],
    ["$$$$(VAR_A)", "$$(VAR_A)"],
    ["$$", "$"],
    ["$", "$"],
    ["a$", "a$"],
    ["$x$(VAR_A)", "$xA"],
    ["$(VAR_A", "$(VAR_A"],
    ["$($(VAR_A)", "$($(VAR_A)"],
    ["$()", "$()"],
    ["$(VAR_A)$(VAR_A)", "AA"],
    ["no refs", "no refs"],
    ["", ""],
  ])("%j → %j", (input, expected) => {
    expect(expand(input, lookup)).toBe(expected);
  });

  it("does not expand the values it substitutes", () => {
    expect(expand("$(X)", (name) => (name === "X" ? "$(Y)" : "never"))).toBe("$(Y)");
  });
});
