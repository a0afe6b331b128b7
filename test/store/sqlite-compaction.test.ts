import { existsSync, statSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { CompactedError } from "../../server/store/errors.js";
import { type SqliteStore, openSqliteStore } from "../../server/store/sqlite/sqlite-store.js";
import { eventually } from "./helpers/eventually.js";
import { succeeded } from "./helpers/succeeded.js";
import { makeTempDir } from "./helpers/temp-dir.js";

const dir = makeTempDir("sqlite-compaction");
afterAll(() => dir.remove());

const MiB = 1024 * 1024;

/** Main file plus WAL: what the store costs on disk. */
function diskBytes(path: string): number {
  const wal = `${path}-wal`;
  return statSync(path).size + (existsSync(wal) ? statSync(wal).size : 0);
}

/** `rounds` updates to each of `keys` keys with 1 KiB values, the keys written concurrently. */
async function churn(store: SqliteStore, keys: number, rounds: number): Promise<void> {
  await Promise.all(
    Array.from({ length: keys }, async (_, k) => {
      const key = `/churn/k${k}`;
      let current = await store.get(key);
      for (let round = 0; round < rounds; round++) {
        const value = `${round}:`.padEnd(1024, "x");
        const result = current === undefined ? await store.create(key, value) : await store.update(key, value, current.modRevision);
        current = succeeded(result).kv;
      }
    }),
  );
}

describe("sqlite store compaction", () => {
  it("keeps the file bounded under 20,000 overwrites once compacted and checkpointed", async () => {
    const path = join(dir.path, "bounded.db");
    const store = openSqliteStore(path, { compaction: false });
    try {
      await churn(store, 20, 1000);
      const grown = diskBytes(path);
      // 20,000 revisions of 1 KiB: the history really is there before compaction.
      expect(grown).toBeGreaterThan(15 * MiB);

      await store.compact((await store.currentRevision()) - 1000);
      const afterFirst = diskBytes(path);
      expect(existsSync(`${path}-wal`) ? statSync(`${path}-wal`).size : 0).toBe(0);
      // 1000 kept revisions of ~1 KiB plus the index: a couple of MiB at most.
      expect(afterFirst).toBeLessThan(3 * MiB);

      // Another 20,000 overwrites and compaction: the file does not creep up.
      await churn(store, 20, 1000);
      await store.compact((await store.currentRevision()) - 1000);
      expect(diskBytes(path)).toBeLessThan(3 * MiB);
      expect(diskBytes(path)).toBeLessThanOrEqual(afterFirst * 1.25);

      // Current values stay whole.
      const listed = await store.list("/churn/");
      expect(listed.items).toHaveLength(20);
      expect(listed.items.every((kv) => kv.value.startsWith("999:") && kv.value.length === 1024)).toBe(true);
    } finally {
      await store.close();
    }
  });

  it("compacts by itself on its interval, keeping the newest revisions", async () => {
    const path = join(dir.path, "automatic.db");
    const store = openSqliteStore(path, { compaction: { intervalMs: 20, keepRevisions: 100 } });
    try {
      await churn(store, 4, 500);
      const current = await store.currentRevision();
      await eventually(async () => expect(await store.compactedRevision()).toBe(current - 100), {
        timeoutMs: 5000,
        intervalMs: 10,
      });
      await expect(store.list("/churn/", { revision: current - 101 })).rejects.toBeInstanceOf(CompactedError);
      expect((await store.list("/churn/", { revision: current - 100 })).items).toHaveLength(4);
      expect(diskBytes(path)).toBeLessThan(1 * MiB);
    } finally {
      await store.close();
    }
  });

  it("keeps watches from the compacted revision whole across chunked passes", async () => {
    const path = join(dir.path, "chunked.db");
    const store = openSqliteStore(path, { compaction: false });
    try {
      // More revisions than one compaction chunk (10,000), so compaction takes several steps.
      await churn(store, 20, 1250);
      const current = await store.currentRevision();
      await store.compact(current - 10);
      const watch = store.watch("/churn/", current - 10);
      const events = [];
      for await (const event of watch) {
        events.push(event);
        if (events.length === 10) watch.close();
      }
      expect(events.map((e) => e.kv.modRevision)).toEqual(Array.from({ length: 10 }, (_, i) => current - 9 + i));
      expect(events.every((e) => e.type === "update" && e.prev.value.length === 1024)).toBe(true);
    } finally {
      await store.close();
    }
  });
});
