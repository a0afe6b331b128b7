import { randomBytes } from "node:crypto";
import { readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { StoreUnavailableError } from "../../server/store/errors.js";
import { openSqliteStore } from "../../server/store/sqlite/sqlite-store.js";
import { integrityCheck } from "./helpers/sqlite-integrity.js";
import { makeTempDir } from "./helpers/temp-dir.js";

const dir = makeTempDir("sqlite-bad-files");
afterAll(() => dir.remove());

/** Runs `open` and returns the StoreUnavailableError it must throw. */
function openFailure(open: () => unknown): StoreUnavailableError {
  try {
    open();
  } catch (error) {
    expect(error).toBeInstanceOf(StoreUnavailableError);
    return error as StoreUnavailableError;
  }
  throw new Error("open succeeded");
}

describe("sqlite store on bad files", () => {
  it("names the path when the directory does not exist", () => {
    const path = join(dir.path, "no-such-dir", "state.db");
    const error = openFailure(() => openSqliteStore(path, { compaction: false }));
    expect(error.target).toBe(path);
    expect(error.message).toContain(path);
    expect(error.message).toMatch(/directory does not exist/);
  });

  it("names the path when a parent is a regular file", () => {
    const parent = join(dir.path, "a-file");
    writeFileSync(parent, "not a directory");
    const path = join(parent, "state.db");
    const error = openFailure(() => openSqliteStore(path, { compaction: false }));
    expect(error.message).toContain(path);
    expect(error.message).toMatch(/cannot open/);
  });

  it("names the path when the directory is not writable", () => {
    // Permission bits do not stop root (CI runs as root); nobody can create files in /proc.
    const path = `/proc/skiff-store-${process.pid}.db`;
    const error = openFailure(() => openSqliteStore(path, { compaction: false }));
    expect(error.message).toContain(path);
    expect(error.message).toMatch(/cannot open/);
  });

  it("refuses a file of garbage and leaves it untouched", () => {
    const path = dir.freshFile("store.db");
    const garbage = randomBytes(64 * 1024);
    writeFileSync(path, garbage);
    const error = openFailure(() => openSqliteStore(path, { compaction: false }));
    expect(error.message).toContain(path);
    expect(error.message).toMatch(/not a SQLite database/);
    expect(readFileSync(path).equals(garbage)).toBe(true);
  });

  it("refuses a store file whose pages were overwritten with garbage", async () => {
    const path = dir.freshFile("store.db");
    const store = openSqliteStore(path, { compaction: false });
    for (let i = 0; i < 200; i++) await store.create(`/k/${i}`, "v".repeat(200));
    await store.close();
    const bytes = readFileSync(path);
    const pageSize = bytes.readUInt16BE(16);
    randomBytes(bytes.length - pageSize).copy(bytes, pageSize);
    writeFileSync(path, bytes);

    const error = await (async () => {
      const reopened = openSqliteStore(path, { compaction: false });
      try {
        await reopened.list("/k/");
      } finally {
        await reopened.close();
      }
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreUnavailableError);
    expect((error as Error).message).toContain(path);
  });

  it("refuses a SQLite database that is not a skiff store", () => {
    const path = dir.freshFile("store.db");
    const other = new Database(path);
    other.exec("CREATE TABLE photos (id INTEGER PRIMARY KEY, name TEXT)");
    other.close();
    const error = openFailure(() => openSqliteStore(path, { compaction: false }));
    expect(error.message).toMatch(/not a skiff store/);
  });

  it("names the path when another connection holds the file locked", () => {
    const path = dir.freshFile("store.db");
    const holder = new Database(path);
    holder.exec("BEGIN EXCLUSIVE");
    try {
      const error = openFailure(() => openSqliteStore(path, { compaction: false, busyTimeoutMs: 50 }));
      expect(error.message).toContain(path);
      expect(error.message).toMatch(/locked/);
    } finally {
      holder.exec("ROLLBACK");
      holder.close();
    }
  });

  it("refuses a second store on a file that one already has open, which keeps working", async () => {
    const path = dir.freshFile("store.db");
    const first = openSqliteStore(path, { compaction: false });
    try {
      const error = openFailure(() => openSqliteStore(path, { compaction: false, busyTimeoutMs: 50 }));
      expect(error.message).toMatch(/locked/);
      expect((await first.create("/a", "1")).ok).toBe(true);
    } finally {
      await first.close();
    }
  });

  it("fails writes on a full disk (quota) as a whole, leaving earlier data readable", async () => {
    const path = dir.freshFile("store.db");
    const store = openSqliteStore(path, { compaction: false, quotaBytes: 256 * 1024 });
    const value = "x".repeat(4096);
    try {
      let written = 0;
      let failure: unknown;
      while (failure === undefined && written < 1000) {
        await store.create(`/fill/${written}`, value).then(
          () => written++,
          (error: unknown) => (failure = error),
        );
      }
      expect(failure).toBeInstanceOf(StoreUnavailableError);
      expect((failure as Error).message).toContain(path);
      expect((failure as Error).message).toMatch(/full/);
      expect(written).toBeGreaterThan(10);
      expect(await store.currentRevision()).toBe(written);

      // A batch of concurrent writes that does not fit fails entirely.
      const batch = await Promise.allSettled(Array.from({ length: 5 }, (_, i) => store.create(`/batch/${i}`, value)));
      expect(batch.map((r) => r.status)).toEqual(Array(5).fill("rejected"));
      expect((await store.list("/batch/")).items).toEqual([]);
      expect(await store.get(`/fill/${written}`)).toBeUndefined();
      expect((await store.list("/fill/")).items).toHaveLength(written);
      expect(await store.currentRevision()).toBe(written);
    } finally {
      await store.close();
    }

    // Nothing half-written reached the file either.
    const reopened = openSqliteStore(path, { compaction: false });
    try {
      expect(await reopened.currentRevision()).toBeGreaterThan(10);
      const listed = await reopened.list("/");
      expect(listed.items).toHaveLength(await reopened.currentRevision());
    } finally {
      await reopened.close();
    }
    expect(integrityCheck(path)).toBe("ok");
    expect(statSync(path).size).toBeLessThanOrEqual(256 * 1024);
  });
});
