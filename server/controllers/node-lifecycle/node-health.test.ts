import { describe, expect, it } from "vitest";
import { FakeClock } from "../../../src/clock.js";
import { NodeHealth } from "./node-health.js";

describe("NodeHealth", () => {
  it("counts a node alive from when this controller first sees it, then from each heartbeat or lease renewal it sees change", () => {
    const clock = new FakeClock(100_000);
    const health = new NodeHealth(clock);
    expect(health.observe("pi", { readyHeartbeat: "2020-01-01T00:00:00Z", leaseRenewTime: "old" })).toBe(100_000);
    clock.advance(30_000);
    // The same signs again: nothing new, however old the timestamps (clock skew does not matter).
    expect(health.observe("pi", { readyHeartbeat: "2020-01-01T00:00:00Z", leaseRenewTime: "old" })).toBe(100_000);
    clock.advance(5_000);
    expect(health.observe("pi", { readyHeartbeat: "2020-01-01T00:00:00Z", leaseRenewTime: "renewed" })).toBe(135_000);
    clock.advance(5_000);
    expect(health.observe("pi", { readyHeartbeat: "2020-01-01T00:00:10Z", leaseRenewTime: "renewed" })).toBe(140_000);
  });

  it("does not take a Lease that disappears for a sign of life, and starts over for a node it forgot", () => {
    const clock = new FakeClock(0);
    const health = new NodeHealth(clock);
    health.observe("pi", { readyHeartbeat: undefined, leaseRenewTime: "a" });
    clock.advance(10_000);
    expect(health.observe("pi", { readyHeartbeat: undefined, leaseRenewTime: undefined })).toBe(0);
    health.forget("pi");
    expect(health.observe("pi", { readyHeartbeat: undefined, leaseRenewTime: undefined })).toBe(10_000);
  });
});
