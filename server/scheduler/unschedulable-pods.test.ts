import { describe, expect, it } from "vitest";
import { FakeClock } from "../../src/clock.js";
import { UnschedulablePods } from "./unschedulable-pods.js";

const byResources = new Set(["NodeResourcesFit"]);
const byAffinity = new Set(["InterPodAffinity"]);

describe("UnschedulablePods", () => {
  it("gives a parked pod back on a change only once its back-off (1 s, then doubling) is over", () => {
    const clock = new FakeClock(0);
    const parked = new UnschedulablePods({ clock });
    parked.park("ns/p", byResources);
    expect(parked.move()).toEqual([]);
    clock.advance(999);
    expect(parked.due()).toEqual([]);
    clock.advance(1);
    expect(parked.due()).toEqual(["ns/p"]);
    expect(parked.has("ns/p")).toBe(false);

    parked.park("ns/p", byResources);
    clock.advance(1_000);
    expect(parked.move()).toEqual([]);
    clock.advance(1_000);
    expect(parked.move()).toEqual(["ns/p"]);
  });

  it("moves only pods rejected by the filters a change concerns", () => {
    const clock = new FakeClock(0);
    const parked = new UnschedulablePods({ clock });
    parked.park("ns/big", byResources);
    parked.park("ns/shy", byAffinity);
    clock.advance(5_000);
    expect(parked.move(["InterPodAffinity", "PodTopologySpread"])).toEqual(["ns/shy"]);
    expect(parked.move()).toEqual(["ns/big"]);
  });

  it("retries a pod no change helped after the longest wait, and caps the back-off at 10 s", () => {
    const clock = new FakeClock(0);
    const parked = new UnschedulablePods({ clock, maxWaitMs: 60_000 });
    for (let i = 0; i < 10; i++) parked.park("ns/p", byResources);
    clock.advance(10_000);
    expect(parked.move()).toEqual(["ns/p"]);
    parked.park("ns/p", byResources);
    clock.advance(59_999);
    expect(parked.due()).toEqual([]);
    clock.advance(1);
    expect(parked.due()).toEqual(["ns/p"]);
  });

  it("starts the back-off afresh once the pod was bound or deleted", () => {
    const clock = new FakeClock(0);
    const parked = new UnschedulablePods({ clock });
    for (let i = 0; i < 5; i++) parked.park("ns/p", byResources);
    parked.done("ns/p");
    parked.park("ns/p", byResources);
    clock.advance(1_000);
    expect(parked.move()).toEqual(["ns/p"]);
  });
});
