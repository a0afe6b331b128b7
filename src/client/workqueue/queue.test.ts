import { describe, expect, it } from "vitest";
import { WorkQueue, type QueueGetResult } from "./queue.js";

const flush = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Takes the next item, failing the test if the queue answers shutdown. */
async function take<T extends string>(queue: WorkQueue<T>): Promise<T> {
  const next = await queue.get();
  if ("shutdown" in next) throw new Error("queue unexpectedly shut down");
  return next.item;
}

/** Starts a `get` and records its answer once it comes. */
function pendingGet<T extends string>(queue: WorkQueue<T>): { result: QueueGetResult<T> | undefined } {
  const box: { result: QueueGetResult<T> | undefined } = { result: undefined };
  void queue.get().then((result) => (box.result = result));
  return box;
}

describe("WorkQueue", () => {
  it("hands out distinct items in the order they were added", async () => {
    const queue = new WorkQueue();
    for (const key of ["ns/c", "ns/a", "ns/b"]) queue.add(key);

    expect([await take(queue), await take(queue), await take(queue)]).toEqual(["ns/c", "ns/a", "ns/b"]);
  });

  it("counts many adds of a queued item as one, keeping its first place", async () => {
    const queue = new WorkQueue();
    queue.add("ns/a");
    queue.add("ns/b");
    queue.add("ns/a");
    queue.add("ns/a");

    expect(queue.len()).toBe(2);
    expect(await take(queue)).toBe("ns/a");
    expect(await take(queue)).toBe("ns/b");
    expect(queue.len()).toBe(0);
  });

  it("does not hand out an item added again while it is processing, and re-queues it on done", async () => {
    const queue = new WorkQueue();
    queue.add("ns/a");
    const item = await take(queue);
    queue.add("ns/a");
    queue.add("ns/a");

    expect(queue.len()).toBe(0);
    const waiting = pendingGet(queue);
    await flush();
    expect(waiting.result).toBeUndefined();

    queue.done(item);
    await flush();
    expect(waiting.result).toEqual({ item: "ns/a" });
    expect(queue.len()).toBe(0);
  });

  it("leaves an item that is done and not added again out of the queue", async () => {
    const queue = new WorkQueue();
    queue.add("ns/a");
    queue.done(await take(queue));

    expect(queue.len()).toBe(0);
    queue.add("ns/a");
    expect(queue.len()).toBe(1);
  });

  it("wakes waiting getters one item each, in the order they asked", async () => {
    const queue = new WorkQueue();
    const first = pendingGet(queue);
    const second = pendingGet(queue);
    await flush();

    queue.add("ns/a");
    await flush();
    expect(first.result).toEqual({ item: "ns/a" });
    expect(second.result).toBeUndefined();

    queue.add("ns/b");
    await flush();
    expect(second.result).toEqual({ item: "ns/b" });
  });

  it("refuses done for an item that is not being processed", async () => {
    const queue = new WorkQueue();
    queue.add("ns/a");

    expect(() => queue.done("ns/a")).toThrow(/not being processed/);
    queue.done(await take(queue));
    expect(() => queue.done("ns/a")).toThrow(/not being processed/);
  });

  describe("shutDown", () => {
    it("answers waiting getters with shutdown", async () => {
      const queue = new WorkQueue();
      const waiting = pendingGet(queue);
      await flush();

      queue.shutDown();
      await flush();

      expect(waiting.result).toEqual({ shutdown: true });
      expect(queue.isShuttingDown()).toBe(true);
    });

    it("ignores new adds but still hands out what was queued, then shutdown", async () => {
      const queue = new WorkQueue();
      queue.add("ns/a");
      queue.shutDown();
      queue.add("ns/b");

      expect(await queue.get()).toEqual({ item: "ns/a" });
      expect(await queue.get()).toEqual({ shutdown: true });
    });

    it("still re-queues an item that was dirty before the shut down", async () => {
      const queue = new WorkQueue();
      queue.add("ns/a");
      const item = await take(queue);
      queue.add("ns/a");
      queue.shutDown();

      queue.done(item);

      expect(await queue.get()).toEqual({ item: "ns/a" });
    });
  });

  describe("shutDownWithDrain", () => {
    it("resolves at once when nothing is queued or processing", async () => {
      const queue = new WorkQueue();
      await queue.shutDownWithDrain();
      expect(await queue.get()).toEqual({ shutdown: true });
    });

    it("resolves only after the queued items are handed out and every one is done", async () => {
      const queue = new WorkQueue();
      queue.add("ns/a");
      queue.add("ns/b");
      const inFlight = await take(queue);
      let drained = false;
      void queue.shutDownWithDrain().then(() => (drained = true));

      queue.done(inFlight);
      await flush();
      expect(drained).toBe(false);

      const last = await take(queue);
      await flush();
      expect(drained).toBe(false);

      queue.done(last);
      await flush();
      expect(drained).toBe(true);
      expect(await queue.get()).toEqual({ shutdown: true });
    });

    it("is cut short by a plain shutDown", async () => {
      const queue = new WorkQueue();
      queue.add("ns/a");
      await take(queue);
      let drained = false;
      void queue.shutDownWithDrain().then(() => (drained = true));

      queue.shutDown();
      await flush();

      expect(drained).toBe(true);
    });
  });
});
