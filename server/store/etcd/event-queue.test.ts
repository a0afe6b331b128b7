import { describe, expect, it } from "vitest";
import { EventQueue } from "./event-queue.js";

describe("EventQueue", () => {
  it("hands items over in order, to waiting and to later readers", async () => {
    const queue = new EventQueue<number>();
    const waiting = queue.next();
    queue.push(1);
    queue.push(2);
    expect(await waiting).toEqual({ value: 1, done: false });
    expect(await queue.next()).toEqual({ value: 2, done: false });
  });

  it("ends after the queued items", async () => {
    const queue = new EventQueue<number>();
    queue.push(1);
    queue.end();
    queue.push(2);
    expect(await queue.next()).toEqual({ value: 1, done: false });
    expect(await queue.next()).toEqual({ value: undefined, done: true });
    expect(await queue.next()).toEqual({ value: undefined, done: true });
  });

  it("fails after the queued items, once, then is done", async () => {
    const queue = new EventQueue<number>();
    const boom = new Error("boom");
    queue.push(1);
    queue.fail(boom);
    expect(await queue.next()).toEqual({ value: 1, done: false });
    await expect(queue.next()).rejects.toBe(boom);
    expect(await queue.next()).toEqual({ value: undefined, done: true });
  });

  it("fails a waiting reader", async () => {
    const queue = new EventQueue<number>();
    const waiting = queue.next();
    queue.fail(new Error("boom"));
    await expect(waiting).rejects.toThrow("boom");
  });

  it("discards queued items and a pending failure, ending a waiting reader", async () => {
    const queue = new EventQueue<number>();
    queue.push(1);
    queue.fail(new Error("boom"));
    queue.discard();
    expect(await queue.next()).toEqual({ value: undefined, done: true });

    const other = new EventQueue<number>();
    const waiting = other.next();
    other.discard();
    expect(await waiting).toEqual({ value: undefined, done: true });
  });
});
