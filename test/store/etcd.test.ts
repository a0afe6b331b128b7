import { randomUUID } from "node:crypto";
import { createServer, type Server } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../src/log.js";
import { StoreUnavailableError } from "../../server/store/errors.js";
import { openEtcdStore, type EtcdStore } from "../../server/store/etcd/etcd-store.js";
import type { EtcdStoreOptions } from "../../server/store/etcd/options.js";
import { startEtcd, type EtcdProcess } from "../support/etcd.js";
import { describeStoreConformance } from "./conformance.js";
import { iterate, readEvents } from "./helpers/events.js";
import { succeeded } from "./helpers/succeeded.js";

const log = createLogger("silent");
let etcd: EtcdProcess;

beforeAll(async () => {
  etcd = await startEtcd();
});
afterAll(async () => {
  await etcd?.stop();
});

/** A store on the file's etcd under a prefix of its own, as if alone in it. */
function openIsolated(prefix = `/t-${randomUUID()}`, options: Partial<EtcdStoreOptions> = {}): Promise<EtcdStore> {
  return openEtcdStore({ endpoints: [etcd.endpoint], prefix, log, ...options });
}

describeStoreConformance("etcd", { open: () => openIsolated() });

describe("etcd engine: two clients on one etcd", () => {
  async function withTwoClients(body: (a: EtcdStore, b: EtcdStore) => Promise<void>): Promise<void> {
    // Two separate clients (two server processes later) sharing one prefix.
    const prefix = `/t-${randomUUID()}`;
    const a = await openIsolated(prefix);
    const b = await openIsolated(prefix);
    try {
      await body(a, b);
    } finally {
      await a.close();
      await b.close();
    }
  }

  it("see each other's writes through watch", () =>
    withTwoClients(async (a, b) => {
      const start = await a.currentRevision();
      const watchA = a.watch("/pods/", start);
      const watchB = b.watch("/pods/", start);
      try {
        const fromA = succeeded(await a.create("/pods/one", "written by a"));
        const fromB = succeeded(await b.create("/pods/two", "written by b"));
        const expected = [
          { type: "create", kv: fromA.kv },
          { type: "create", kv: fromB.kv },
        ];
        expect(await readEvents(iterate(watchA), 2)).toEqual(expected);
        expect(await readEvents(iterate(watchB), 2)).toEqual(expected);
      } finally {
        watchA.close();
        watchB.close();
      }
    }));

  it("let exactly one of two concurrent updates at the same revision win", () =>
    withTwoClients(async (a, b) => {
      succeeded(await a.create("/pods/x", "0"));
      for (let round = 0; round < 10; round++) {
        const current = await b.get("/pods/x");
        if (!current) throw new Error("key vanished");
        const [ra, rb] = await Promise.all([
          a.update("/pods/x", `a${round}`, current.modRevision),
          b.update("/pods/x", `b${round}`, current.modRevision),
        ]);
        const winners = [ra, rb].filter((r) => r.ok);
        expect(winners).toHaveLength(1);
        const winner = winners[0];
        const loser = ra.ok ? rb : ra;
        if (!winner?.ok || loser.ok) throw new Error("expected one winner and one loser");
        expect(loser.current).toEqual(winner.kv);
      }
    }));

  it("see a compaction made by the other client", () =>
    withTwoClients(async (a, b) => {
      const written = succeeded(await a.create("/pods/c", "1"));
      await b.create("/pods/d", "1");
      await a.compact(written.kv.modRevision);
      // b never compacted: it finds the point by asking etcd.
      expect(await b.compactedRevision()).toBe(await a.compactedRevision());
      expect(await b.compactedRevision()).toBeGreaterThanOrEqual(written.kv.modRevision);
    }));
});

describe("etcd engine: key prefix", () => {
  it("keeps stores with different prefixes apart and stores keys under the prefix", async () => {
    const root = `/t-${randomUUID()}`;
    const one = await openIsolated(`${root}/one`);
    const two = await openIsolated(`${root}/two`);
    const whole = await openIsolated(root);
    try {
      const written = succeeded(await one.create("/k", "in one"));
      expect(await two.get("/k")).toBeUndefined();
      expect((await two.list("/")).items).toEqual([]);
      expect(await whole.get("/one/k")).toEqual({ ...written.kv, key: "/one/k" });
    } finally {
      await Promise.all([one.close(), two.close(), whole.close()]);
    }
  });
});

describe("etcd engine: unreachable addresses", () => {
  it("fails at once with the address named when nothing listens there", async () => {
    const closedPort = await portWithNothingListening();
    const address = `http://127.0.0.1:${closedPort}`;
    const began = Date.now();
    const error = await openEtcdStore({ endpoints: [address], log }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreUnavailableError);
    expect(String(error)).toContain(address);
    expect(Date.now() - began).toBeLessThan(3_000);
  });

  it("gives up after the dial timeout when the address never answers", async () => {
    const silent = await silentServer();
    try {
      const address = `127.0.0.1:${silent.port}`;
      const began = Date.now();
      const error = await openEtcdStore({ endpoints: [address], dialTimeoutMs: 300, log }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StoreUnavailableError);
      expect(String(error)).toContain(address);
      expect(String(error)).toContain("did not answer within 300 ms");
      expect(Date.now() - began).toBeLessThan(2_000);
    } finally {
      await silent.close();
    }
  });
});

/** A port that was just free: bound and released again. */
async function portWithNothingListening(): Promise<number> {
  const server = await listen(createServer());
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A TCP server that accepts connections and never says anything (a hung etcd). */
async function silentServer(): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<import("node:net").Socket>();
  const server = await listen(createServer((socket) => sockets.add(socket)));
  return {
    port: (server.address() as { port: number }).port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

function listen(server: Server): Promise<Server> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve(server));
  });
}
