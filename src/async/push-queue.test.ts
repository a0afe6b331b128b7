import { describe, expect, it } from "vitest";
import { PushQueue, QueueOverflowError } from "./push-queue.js";

const end = { value: undefined, done: true };

describe("PushQueue", () => {
  it("hands items over in order, to a waiting reader and to later reads", async () => {
    const queue = new PushQueue<number>();
    const waiting = queue.next();
    queue.push(1);
    queue.push(2);
    queue.push(3);
    expect(await waiting).toEqual({ value: 1, done: false });
    expect(await queue.next()).toEqual({ value: 2, done: false });
    expect(await queue.next()).toEqual({ value: 3, done: false });
    const pending = queue.next();
    queue.push(4);
    expect(await pending).toEqual({ value: 4, done: false });
  });

  it("keeps order across many items read in between pushes", async () => {
    const queue = new PushQueue<number>();
    const read: number[] = [];
    for (let i = 0; i < 5000; i++) {
      queue.push(i);
      // Reading one in three leaves a backlog of thousands: draining it compacts the array while items wait.
      if (i % 3 === 0) read.push((await queue.next()).value as number);
    }
    queue.end();
    for await (const n of queue) read.push(n);
    expect(read).toEqual(Array.from({ length: 5000 }, (_, i) => i));
  });

  it("ends after the queued items and ignores later pushes", async () => {
    const queue = new PushQueue<number>();
    queue.push(1);
    queue.end();
    queue.push(2);
    queue.fail(new Error("too late"));
    expect(await queue.next()).toEqual({ value: 1, done: false });
    expect(await queue.next()).toEqual(end);
    expect(await queue.next()).toEqual(end);
  });

  it("ends a waiting reader", async () => {
    const queue = new PushQueue<number>();
    const waiting = queue.next();
    queue.end();
    expect(await waiting).toEqual(end);
  });

  it("fails after the queued items, once, then is done", async () => {
    const queue = new PushQueue<number>();
    const boom = new Error("boom");
    queue.push(1);
    queue.fail(boom);
    queue.push(2);
    expect(await queue.next()).toEqual({ value: 1, done: false });
    await expect(queue.next()).rejects.toBe(boom);
    expect(await queue.next()).toEqual(end);
  });

  it("fails a waiting reader", async () => {
    const queue = new PushQueue<number>();
    const waiting = queue.next();
    queue.fail(new Error("boom"));
    await expect(waiting).rejects.toThrow("boom");
  });

  it("throws the failure out of a for-await loop after the queued items", async () => {
    const queue = new PushQueue<number>();
    queue.push(1);
    queue.push(2);
    queue.fail(new Error("gone"));
    const read: number[] = [];
    await expect(
      (async () => {
        for await (const n of queue) read.push(n);
      })(),
    ).rejects.toThrow("gone");
    expect(read).toEqual([1, 2]);
  });

  it("drops queued items and a pending failure on close, ending a waiting reader, and runs onClose once", async () => {
    let closes = 0;
    const queue = new PushQueue<number>({ onClose: () => closes++ });
    queue.push(1);
    queue.fail(new Error("boom"));
    queue.close();
    expect(await queue.next()).toEqual(end);

    const other = new PushQueue<number>({ onClose: () => closes++ });
    const waiting = other.next();
    other.close();
    other.close();
    other.push(2);
    expect(await waiting).toEqual(end);
    expect(await other.next()).toEqual(end);
    expect(closes).toBe(2);
  });

  it("closes when a for-await loop is left early", async () => {
    let closed = false;
    const queue = new PushQueue<number>({ onClose: () => (closed = true) });
    queue.push(1);
    queue.push(2);
    for await (const n of queue) {
      expect(n).toBe(1);
      break;
    }
    expect(closed).toBe(true);
    expect(await queue.next()).toEqual(end);
  });

  it("refuses a second read while one is waiting", async () => {
    const queue = new PushQueue<number>();
    const first = queue.next();
    await expect(queue.next()).rejects.toThrow(/before the previous call settled/);
    queue.push(1);
    expect(await first).toEqual({ value: 1, done: false });
  });

  describe("with a capacity", () => {
    it("fails with QueueOverflowError after the queued items when a push finds it full", async () => {
      const overflows: QueueOverflowError[] = [];
      const queue = new PushQueue<number>({ capacity: 2, onOverflow: (error) => overflows.push(error) });
      queue.push(1);
      queue.push(2);
      queue.push(3);
      queue.push(4);
      expect(overflows).toHaveLength(1);
      expect(overflows[0]).toBeInstanceOf(QueueOverflowError);
      expect(overflows[0]?.capacity).toBe(2);
      expect(await queue.next()).toEqual({ value: 1, done: false });
      expect(await queue.next()).toEqual({ value: 2, done: false });
      const error = await queue.next().catch((e: unknown) => e);
      expect(error).toBe(overflows[0]);
      expect(String(error)).toContain("more than 2 items waiting unread");
      expect(await queue.next()).toEqual(end);
    });

    it("counts only unread items, and a waiting reader takes an item past any capacity", async () => {
      const queue = new PushQueue<number>({ capacity: 1 });
      queue.push(1);
      expect(await queue.next()).toEqual({ value: 1, done: false });
      queue.push(2);
      expect(await queue.next()).toEqual({ value: 2, done: false });

      const handOver = new PushQueue<number>({ capacity: 0 });
      const waiting = handOver.next();
      handOver.push(7);
      expect(await waiting).toEqual({ value: 7, done: false });
      handOver.push(8);
      await expect(handOver.next()).rejects.toBeInstanceOf(QueueOverflowError);
    });

    it.each([-1, 1.5, Number.NaN])("refuses a capacity of %s", (capacity) => {
      expect(() => new PushQueue<number>({ capacity })).toThrow(RangeError);
    });
  });
});
