import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createLogger } from "../../src/log.js";
import { StoreUnavailableError } from "../../server/store/errors.js";
import { openEtcdStore, type EtcdStore } from "../../server/store/etcd/etcd-store.js";
import type { StoreEvent } from "../../server/store/store.js";
import { startEtcd, type EtcdProcess } from "../support/etcd.js";
import { iterate, readEvents } from "./helpers/events.js";
import { eventually } from "./helpers/eventually.js";
import { succeeded } from "./helpers/succeeded.js";
import { makeTempDir, type TempDir } from "./helpers/temp-dir.js";

const log = createLogger("silent");
const requestTimeoutMs = 1_000;

/** How long a write keeps being retried while etcd comes back. */
const recovery = { timeoutMs: 15_000, intervalMs: 50 };

async function expectUnavailableWithin(operation: Promise<unknown>, endpoint: string, boundMs: number): Promise<void> {
  const began = Date.now();
  const error = await operation.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(StoreUnavailableError);
  expect(String(error)).toContain(endpoint);
  expect(Date.now() - began).toBeLessThan(boundMs);
}

describe.each([
  { how: "stopped", end: (etcd: EtcdProcess) => etcd.stop() },
  { how: "killed (SIGKILL)", end: (etcd: EtcdProcess) => etcd.kill() },
])("etcd engine: etcd $how and started again", ({ end }) => {
  let dataDir: TempDir;
  let etcd: EtcdProcess;
  let store: EtcdStore;

  beforeEach(async () => {
    // Our own data dir, so that it outlives the first etcd process.
    dataDir = makeTempDir("etcd-outage");
    etcd = await startEtcd({ dataDir: dataDir.path });
    store = await openEtcdStore({ endpoints: [etcd.endpoint], prefix: "/outage", requestTimeoutMs, log });
  });
  afterEach(async () => {
    await store.close();
    await etcd.stop();
    dataDir.remove();
  });

  it("fails operations quickly with the endpoint named, then recovers by itself", async () => {
    const start = await store.currentRevision();
    const watch = store.watch("/", start);
    const events = iterate(watch);
    try {
      const before = succeeded(await store.create("/a", "before"));
      expect(await readEvents(events, 1)).toEqual([{ type: "create", kv: before.kv }]);

      await end(etcd);
      const bound = requestTimeoutMs + 2_000;
      await expectUnavailableWithin(store.get("/a"), etcd.endpoint, bound);
      await expectUnavailableWithin(store.create("/b", "during"), etcd.endpoint, bound);
      await expectUnavailableWithin(store.list("/"), etcd.endpoint, bound);

      etcd = await startEtcd({ dataDir: dataDir.path, clientPort: etcd.clientPort });
      // The same store object, not reopened: the first write after recovery
      // lands while the watch may still be reconnecting.
      const after = succeeded(await eventually(() => store.create("/b", "after"), recovery));
      expect(await store.get("/a")).toEqual(before.kv);
      const later = succeeded(await store.update("/b", "later", after.kv.modRevision));

      // The watch resumes where it stopped: nothing lost, nothing twice.
      const resumed: StoreEvent[] = await readEvents(events, 2, 15_000);
      expect(resumed).toEqual([
        { type: "create", kv: after.kv },
        { type: "update", kv: later.kv, prev: after.kv },
      ]);
    } finally {
      watch.close();
    }
  });

  it("starts a watch during the outage once etcd is back", async () => {
    const start = await store.currentRevision();
    await end(etcd);
    const watch = store.watch("/", start);
    try {
      etcd = await startEtcd({ dataDir: dataDir.path, clientPort: etcd.clientPort });
      const written = succeeded(await eventually(() => store.create("/c", "after"), recovery));
      expect(await readEvents(iterate(watch), 1, 15_000)).toEqual([{ type: "create", kv: written.kv }]);
    } finally {
      watch.close();
    }
  });
});
