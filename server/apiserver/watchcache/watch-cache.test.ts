import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { QueueOverflowError } from "../../../src/async/push-queue.js";
import { createLogger } from "../../../src/log.js";
import { openSqliteStore, type SqliteStore } from "../../store/sqlite/sqlite-store.js";
import type { ObjectEvent } from "../storage/object-event.js";
import { WatchCache } from "./watch-cache.js";

const keySpace = { group: "", resource: "pods", namespaced: true };
let dir: string;
let store: SqliteStore;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "skiff-watchcache-"));
  store = openSqliteStore(join(dir, "state.db"), { compaction: false, logger: createLogger("silent") });
});
afterEach(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

const put = (namespace: string, name: string) =>
  store.create(`/registry/core/pods/${namespace}/${name}`, JSON.stringify({ metadata: { name, namespace } }));

async function take(watch: AsyncIterable<ObjectEvent>, count: number): Promise<string[]> {
  const seen: string[] = [];
  for await (const event of watch) {
    seen.push(`${event.type} ${event.object.metadata.namespace}/${event.object.metadata.name}`);
    if (seen.length === count) break;
  }
  return seen;
}

describe("WatchCache", () => {
  it("serves many watchers from one store watch, each from its own revision and namespace", async () => {
    await put("a", "before");
    const cache = new WatchCache(store, keySpace);
    const start = await store.currentRevision();
    const all = await cache.watch("", start);
    const onlyB = await cache.watch("b", start);
    await put("a", "p1");
    await put("b", "p2");
    const late = await cache.watch("", start + 1);
    await put("b", "p3");
    expect(await take(all, 3)).toEqual(["ADDED a/p1", "ADDED b/p2", "ADDED b/p3"]);
    expect(await take(onlyB, 2)).toEqual(["ADDED b/p2", "ADDED b/p3"]);
    // Started one revision in: replayed from the window, then live.
    expect(await take(late, 2)).toEqual(["ADDED b/p2", "ADDED b/p3"]);
    cache.close();
  });

  it("cuts off a watcher that stops reading, without holding up the others", async () => {
    const cache = new WatchCache(store, keySpace, { watcherCapacity: 5 });
    const start = await store.currentRevision();
    const slow = await cache.watch("", start);
    const fast = await cache.watch("", start);
    const fastSeen = take(fast, 20);
    for (let i = 0; i < 20; i++) await put("a", `p${i}`);
    expect(await fastSeen).toHaveLength(20);
    const slowSeen: string[] = [];
    await expect(
      (async () => {
        for await (const event of slow) slowSeen.push(event.object.metadata.name ?? "");
      })(),
    ).rejects.toBeInstanceOf(QueueOverflowError);
    expect(slowSeen).toEqual(["p0", "p1", "p2", "p3", "p4"]);
    cache.close();
  });

  it("sends a watcher older than its window to the store", async () => {
    await put("a", "old");
    const cache = new WatchCache(store, keySpace, { windowSize: 2 });
    const warm = await cache.watch("", await store.currentRevision());
    for (let i = 0; i < 5; i++) await put("a", `n${i}`);
    await take(warm, 5);
    // Revision 0 is before the window: served by a watch of its own on the store, from the very start.
    const fromStart = await cache.watch("", 0);
    expect(await take(fromStart, 2)).toEqual(["ADDED a/old", "ADDED a/n0"]);
    cache.close();
  });
});
