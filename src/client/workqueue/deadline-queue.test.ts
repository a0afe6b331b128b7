import { describe, expect, it } from "vitest";
import { FakeClock } from "../../clock.js";
import { DeadlineQueue } from "./deadline-queue.js";

function setup() {
  const clock = new FakeClock(1_000);
  const fired: string[] = [];
  const deadlines = new DeadlineQueue<string>((key) => fired.push(`${key}@${clock.now()}`), { clock });
  return { clock, fired, deadlines };
}

describe("DeadlineQueue", () => {
  it("hands keys over at their deadlines, in order, behind a single timer", () => {
    const { clock, fired, deadlines } = setup();
    deadlines.schedule("c", 4_000);
    deadlines.schedule("a", 2_000);
    deadlines.schedule("b", 3_000);
    expect(clock.pendingTimers()).toBe(1);
    clock.advance(500);
    expect(fired).toEqual([]);
    clock.advance(2_000);
    expect(fired).toEqual(["a@2000", "b@3000"]);
    clock.advance(10_000);
    expect(fired).toEqual(["a@2000", "b@3000", "c@4000"]);
    expect(deadlines.size).toBe(0);
    expect(clock.pendingTimers()).toBe(0);
  });

  it("moves a key's deadline either way, and forgets a cancelled key", () => {
    const { clock, fired, deadlines } = setup();
    deadlines.schedule("later", 2_000);
    deadlines.schedule("later", 5_000);
    deadlines.schedule("sooner", 9_000);
    deadlines.schedule("sooner", 1_500);
    deadlines.schedule("gone", 1_200);
    deadlines.cancel("gone");
    expect(deadlines.deadlineOf("later")).toBe(5_000);
    clock.advance(10_000);
    expect(fired).toEqual(["sooner@1500", "later@5000"]);
  });

  it("fires a key already due at once-ish, and one scheduled again after firing", () => {
    const { clock, fired, deadlines } = setup();
    deadlines.schedule("past", 500);
    clock.advance(0);
    expect(fired).toEqual(["past@1000"]);
    deadlines.schedule("past", 1_100);
    clock.advance(100);
    expect(fired).toEqual(["past@1000", "past@1100"]);
  });

  it("stays small when keys move often, and does nothing once stopped", () => {
    const { clock, fired, deadlines } = setup();
    for (let round = 0; round < 1_000; round++) deadlines.schedule("moving", 2_000 + round);
    deadlines.schedule("other", 50_000);
    clock.advance(2_000);
    expect(fired).toEqual(["moving@2999"]);
    deadlines.stop();
    deadlines.schedule("after", 60_000);
    clock.advance(100_000);
    expect(fired).toEqual(["moving@2999"]);
    expect(clock.pendingTimers()).toBe(0);
  });
});
