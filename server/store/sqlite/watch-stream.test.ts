import { describe, expect, it } from "vitest";
import type { StoreEvent } from "../store.js";
import { WatchStream } from "./watch-stream.js";

function event(n: number): StoreEvent {
  return { type: "create", kv: { key: `/k${n}`, value: "", createRevision: n, modRevision: n } };
}

describe("WatchStream", () => {
  it("hands out queued events in order, then waits for the next", async () => {
    const stream = new WatchStream();
    const iterator = stream[Symbol.asyncIterator]();
    stream.push(event(1));
    stream.push(event(2));
    expect((await iterator.next()).value).toEqual(event(1));
    expect((await iterator.next()).value).toEqual(event(2));
    const pending = iterator.next();
    stream.push(event(3));
    expect((await pending).value).toEqual(event(3));
  });

  it("keeps order across many events", async () => {
    const stream = new WatchStream();
    const iterator = stream[Symbol.asyncIterator]();
    for (let i = 0; i < 5000; i++) stream.push(event(i));
    for (let i = 0; i < 5000; i++) expect((await iterator.next()).value?.kv.modRevision).toBe(i);
  });

  it("ends on close, settling a pending next() and running onEnd once", async () => {
    let ended = 0;
    const stream = new WatchStream(() => ended++);
    const iterator = stream[Symbol.asyncIterator]();
    const pending = iterator.next();
    stream.close();
    stream.close();
    expect(await pending).toEqual({ done: true, value: undefined });
    stream.push(event(1));
    expect(await iterator.next()).toEqual({ done: true, value: undefined });
    expect(ended).toBe(1);
  });

  it("delivers queued events before failing", async () => {
    const stream = new WatchStream();
    const iterator = stream[Symbol.asyncIterator]();
    stream.push(event(1));
    stream.fail(new Error("gone"));
    expect((await iterator.next()).value).toEqual(event(1));
    await expect(iterator.next()).rejects.toThrow("gone");
  });

  it("closes when a for-await loop breaks", async () => {
    let ended = false;
    const stream = new WatchStream(() => (ended = true));
    stream.push(event(1));
    for await (const _ of stream) break;
    expect(ended).toBe(true);
  });
});
