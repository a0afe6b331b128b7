import { describe, expect, it } from "vitest";
import { FakeClock } from "../../../src/clock.js";
import { Expectations } from "./expectations.js";

describe("Expectations", () => {
  it("holds a key back until its creations and deletions are observed", () => {
    const expectations = new Expectations(new FakeClock(0));
    expect(expectations.satisfied("ns/a")).toBe(true);
    expectations.expect("ns/a", 2, ["uid-1"]);
    expectations.creationObserved("ns/a");
    expectations.creationObserved("ns/a");
    expect(expectations.satisfied("ns/a")).toBe(false);
    expectations.deletionObserved("ns/a", "uid-1");
    expect(expectations.satisfied("ns/a")).toBe(true);
  });

  it("lets a key go after five minutes even if an event was lost", () => {
    const clock = new FakeClock(0);
    const expectations = new Expectations(clock);
    expectations.expect("ns/a", 1);
    clock.advance(5 * 60 * 1000 + 1);
    expect(expectations.satisfied("ns/a")).toBe(true);
  });
});
