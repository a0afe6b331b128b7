import { afterAll, describe, expect, it } from "vitest";
import { StoreUnavailableError } from "../../server/store/errors.js";
import { openSqliteStore } from "../../server/store/sqlite/sqlite-store.js";
import { describeStoreConformance } from "./conformance.js";
import { iterate, readEvents } from "./helpers/events.js";
import { makeTempDir } from "./helpers/temp-dir.js";
import { succeeded } from "./helpers/succeeded.js";

const dir = makeTempDir("sqlite");
afterAll(() => dir.remove());

describeStoreConformance("sqlite", {
  open: async () => openSqliteStore(dir.freshFile("store.db"), { compaction: false }),
});

describe("sqlite store", () => {
  it("is set up so that an acknowledged write is fsynced: WAL, synchronous=FULL, one writer", async () => {
    const store = openSqliteStore(dir.freshFile("store.db"), { compaction: false });
    try {
      expect(store.durability()).toEqual({ journalMode: "wal", synchronous: "FULL", lockingMode: "exclusive" });
    } finally {
      await store.close();
    }
  });

  it("counts revisions exactly: from 0, +1 per successful write, none for refused ones", async () => {
    const store = openSqliteStore(dir.freshFile("store.db"), { compaction: false });
    try {
      expect(await store.currentRevision()).toBe(0);
      expect(await store.compactedRevision()).toBe(0);
      await store.create("/a", "1");
      await store.create("/a", "again");
      await store.update("/a", "2", 99);
      await store.update("/missing", "2", 1);
      await store.delete("/missing");
      expect(await store.currentRevision()).toBe(1);
      const batch = await Promise.all([store.create("/b", "1"), store.update("/a", "2", 1), store.delete("/a", 1)]);
      // In one group commit, in order: the update moved /a to 3, so the delete at 1 is refused.
      expect(batch.map((r) => r.ok)).toEqual([true, true, false]);
      expect(await store.currentRevision()).toBe(3);
    } finally {
      await store.close();
    }
  });

  it("keeps state, revisions and history across a reopen", async () => {
    const path = dir.freshFile("store.db");
    const first = openSqliteStore(path, { compaction: false });
    const a = succeeded(await first.create("/k/a", "1"));
    await first.update("/k/a", "2", a.kv.modRevision);
    await first.create("/k/b", "1");
    await first.delete("/k/b");
    await first.close();

    const second = openSqliteStore(path, { compaction: false });
    try {
      expect(await second.currentRevision()).toBe(4);
      expect((await second.list("/k/")).items.map((kv) => kv.value)).toEqual(["2"]);
      const watch = second.watch("/k/", 0);
      const events = await readEvents(iterate(watch), 4);
      watch.close();
      expect(events.map((e) => e.type)).toEqual(["create", "update", "create", "delete"]);
      expect((await second.create("/k/c", "1")).ok && (await second.currentRevision())).toBe(5);
    } finally {
      await second.close();
    }
  });

  it("remembers the revision when compaction removed the newest row", async () => {
    const path = dir.freshFile("store.db");
    const first = openSqliteStore(path, { compaction: false });
    await first.create("/a", "1");
    await first.delete("/a");
    await first.compact(2);
    await first.close();

    const second = openSqliteStore(path, { compaction: false });
    try {
      expect(await second.currentRevision()).toBe(2);
      expect(await second.compactedRevision()).toBe(2);
      const again = await second.create("/a", "2");
      expect(again.ok && again.kv.modRevision).toBe(3);
    } finally {
      await second.close();
    }
  });

  it("commits writes already accepted when closing, then ends watches and refuses work", async () => {
    const path = dir.freshFile("store.db");
    const store = openSqliteStore(path, { compaction: false });
    const watch = store.watch("/", 0);
    const events = iterate(watch);
    const pendingWrite = store.create("/late", "1");
    await store.close();
    expect((await pendingWrite).ok).toBe(true);
    // The write's event was queued before close; close then ended the stream.
    expect(await events.next()).toMatchObject({ done: true });

    await expect(store.get("/late")).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(store.create("/x", "1")).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(iterate(store.watch("/", 0)).next()).rejects.toBeInstanceOf(StoreUnavailableError);

    const reopened = openSqliteStore(path, { compaction: false });
    try {
      expect((await reopened.get("/late"))?.value).toBe("1");
    } finally {
      await reopened.close();
    }
  });

  it("refuses to compact past the current revision", async () => {
    const store = openSqliteStore(dir.freshFile("store.db"), { compaction: false });
    try {
      await store.create("/a", "1");
      await expect(store.compact(5)).rejects.toThrow(/future/);
    } finally {
      await store.close();
    }
  });
});
