import { describe, expect, it } from "vitest";
import { FakeClock } from "../../clock.js";
import { DelayingQueue } from "./delaying-queue.js";

/** Everything queued right now, in order; each item is marked done at once. */
async function drainNow(queue: DelayingQueue): Promise<string[]> {
  const items: string[] = [];
  while (queue.len() > 0) {
    const next = await queue.get();
    if ("shutdown" in next) break;
    items.push(next.item);
    queue.done(next.item);
  }
  return items;
}

describe("DelayingQueue", () => {
  it("adds an item only once its delay has passed", () => {
    const clock = new FakeClock();
    const queue = new DelayingQueue({ clock });
    queue.addAfter("ns/a", 50);

    clock.advance(49);
    expect(queue.len()).toBe(0);
    clock.advance(1);
    expect(queue.len()).toBe(1);
  });

  it("adds at once for a zero or negative delay", () => {
    const queue = new DelayingQueue({ clock: new FakeClock() });
    queue.addAfter("ns/a", 0);
    queue.addAfter("ns/b", -5);
    expect(queue.len()).toBe(2);
  });

  it("adds delayed items in order of their ready times, not of the calls", async () => {
    const clock = new FakeClock();
    const queue = new DelayingQueue({ clock });
    queue.addAfter("ns/slow", 300);
    queue.addAfter("ns/fast", 100);
    queue.addAfter("ns/mid", 200);
    queue.addAfter("ns/mid-too", 200);

    clock.advance(1000);

    expect(await drainNow(queue)).toEqual(["ns/fast", "ns/mid", "ns/mid-too", "ns/slow"]);
  });

  it("keeps the earliest ready time when an item is added with several delays", async () => {
    const clock = new FakeClock();
    const queue = new DelayingQueue({ clock });
    queue.addAfter("ns/a", 100);
    queue.addAfter("ns/a", 500);
    queue.addAfter("ns/b", 300);
    queue.addAfter("ns/b", 40);

    clock.advance(40);
    expect(await drainNow(queue)).toEqual(["ns/b"]);
    clock.advance(60);
    expect(await drainNow(queue)).toEqual(["ns/a"]);
    clock.advance(10_000);
    expect(await drainNow(queue)).toEqual([]);
    expect(clock.pendingTimers()).toBe(0);
  });

  it("collapses a delayed add into an item already queued", async () => {
    const clock = new FakeClock();
    const queue = new DelayingQueue({ clock });
    queue.add("ns/a");
    queue.addAfter("ns/a", 10);

    clock.advance(10);

    expect(await drainNow(queue)).toEqual(["ns/a"]);
  });

  it("drops waiting items and their timers on shut down, and ignores later delayed adds", async () => {
    const clock = new FakeClock();
    const queue = new DelayingQueue({ clock });
    queue.addAfter("ns/a", 10);
    queue.addAfter("ns/b", 20);

    queue.shutDown();
    queue.addAfter("ns/c", 5);
    queue.addAfter("ns/d", 0);

    expect(clock.pendingTimers()).toBe(0);
    clock.advance(100);
    expect(await queue.get()).toEqual({ shutdown: true });
  });

  it("drops waiting items on a drained shut down too", async () => {
    const clock = new FakeClock();
    const queue = new DelayingQueue({ clock });
    queue.addAfter("ns/a", 10);

    await queue.shutDownWithDrain();

    expect(clock.pendingTimers()).toBe(0);
  });
});
