import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { realClock } from "../../src/clock.js";
import { createLogger } from "../../src/log.js";
import { useTempDir } from "../../test/support/temp-dir.js";
import { openSqliteStore } from "../store/sqlite/sqlite-store.js";
import { CompactedError } from "../store/errors.js";
import type { Store, Watch } from "../store/store.js";
import { nodeCredentialKey } from "./keys.js";
import { NodeCredentialCache } from "./node-credential-cache.js";
import type { NodeCredentialRecord } from "./node-credential-records.js";
import { secretHash } from "./secret-hash.js";

const dir = useTempDir("skiff-node-cache-");
let store: Store;
let cache: NodeCredentialCache;
let run = 0;

const record = (nodeName: string, token: string): string =>
  JSON.stringify({ nodeName, tokenHash: secretHash(token), createdAt: "2026-01-01T00:00:00.000Z", joinTokenId: "abc123" } satisfies NodeCredentialRecord);

beforeEach(async () => {
  store = openSqliteStore(join(dir(), `state-${run++}.db`));
  cache = new NodeCredentialCache(store, realClock, createLogger("silent"));
});
afterEach(async () => {
  await cache.close();
  await store.close();
});

describe("the node credential cache", () => {
  it("starts with the credentials in the store, and follows creates, replacements and deletes written by anyone", async () => {
    await store.create(nodeCredentialKey("pi-1"), record("pi-1", "t1"));
    await cache.start();
    expect(cache.nodeOf("t1")).toBe("pi-1");
    expect(cache.nodeOf("t2")).toBeUndefined();

    await store.create(nodeCredentialKey("pi-2"), record("pi-2", "t2"));
    await expect.poll(() => cache.nodeOf("t2")).toBe("pi-2");

    const held = await store.get(nodeCredentialKey("pi-1"));
    await store.update(nodeCredentialKey("pi-1"), record("pi-1", "t1-new"), held!.modRevision);
    await expect.poll(() => cache.nodeOf("t1-new")).toBe("pi-1");
    expect(cache.nodeOf("t1")).toBeUndefined();

    await store.delete(nodeCredentialKey("pi-2"));
    await expect.poll(() => cache.nodeOf("t2")).toBeUndefined();
  });

  it("does not let an older write undo a newer one it already took in", async () => {
    await cache.start();
    const first = await store.create(nodeCredentialKey("pi-3"), record("pi-3", "old"));
    const newer = await store.update(nodeCredentialKey("pi-3"), record("pi-3", "new"), first.ok ? first.kv.modRevision : 0);
    if (!first.ok || !newer.ok) throw new Error("setup writes failed");
    cache.observe(newer.kv);
    cache.observe(first.kv);
    expect(cache.nodeOf("new")).toBe("pi-3");
    expect(cache.nodeOf("old")).toBeUndefined();
  });

  it("ignores a record it cannot read instead of failing every request", async () => {
    await store.create(nodeCredentialKey("pi-4"), "{not json");
    await store.create(nodeCredentialKey("pi-5"), record("pi-5", "t5"));
    await cache.start();
    expect(cache.nodeOf("t5")).toBe("pi-5");
  });

  it("lists again when its watch falls behind compaction, missing nothing written meanwhile", async () => {
    await store.create(nodeCredentialKey("pi-6"), record("pi-6", "t6"));
    let watches = 0;
    // The first watch fails as one that fell behind compaction does; written meanwhile: pi-7 added, pi-6 gone.
    const firstWatchCompacted = (prefix: string, after: number): Watch => {
      if (++watches > 1) return store.watch(prefix, after);
      return {
        close() {},
        async *[Symbol.asyncIterator]() {
          await store.create(nodeCredentialKey("pi-7"), record("pi-7", "t7"));
          await store.delete(nodeCredentialKey("pi-6"));
          throw new CompactedError(after, after + 2);
        },
      };
    };
    const compacted = new Proxy(store, {
      get: (target, property) => {
        if (property === "watch") return firstWatchCompacted;
        const value: unknown = Reflect.get(target, property);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
    await cache.close();
    cache = new NodeCredentialCache(compacted, realClock, createLogger("silent"));
    await cache.start();
    expect(cache.nodeOf("t6")).toBe("pi-6");
    await expect.poll(() => cache.nodeOf("t7"), { timeout: 5_000 }).toBe("pi-7");
    expect(cache.nodeOf("t6")).toBeUndefined();
    expect(watches).toBe(2);
  });
});
