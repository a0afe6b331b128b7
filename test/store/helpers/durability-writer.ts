/**
 * Child process for the kill -9 test: writes through the real SQLite engine
 * with several concurrent writers (so group commit is in play) and prints
 * "<key> <revision>" for every write once it is acknowledged. It runs until
 * it is killed (or, as a safety net, a fixed number of writes).
 *
 * Usage: vite-node durability-writer.ts <store file>
 */
import { openSqliteStore } from "../../../server/store/sqlite/sqlite-store.js";

const path = process.argv[2];
if (path === undefined) throw new Error("usage: durability-writer.ts <store file>");

const writers = 8;
const maxWritesEach = 50_000;
const value = JSON.stringify({ kind: "Pod", padding: "x".repeat(400) });

const store = openSqliteStore(path, { compaction: false });
process.stdout.write("ready\n");
await Promise.all(
  Array.from({ length: writers }, async (_, writer) => {
    for (let i = 0; i < maxWritesEach; i++) {
      const key = `/durability/w${writer}/${i}`;
      const result = await store.create(key, value);
      if (!result.ok) throw new Error(`create ${key} refused`);
      // stdout to a pipe is synchronous on Linux: once written, the parent has it.
      process.stdout.write(`${key} ${result.kv.modRevision}\n`);
    }
  }),
);
await store.close();
