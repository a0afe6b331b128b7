import { describe, expect, it } from "vitest";
import type { Store } from "../../../../server/store/store.js";
import type { StoreHarness } from "../../conformance.js";
import { type EventSummary, iterate, readEvents, readEventsUntil, summarize } from "../events.js";
import { succeeded } from "../succeeded.js";
import { withStore } from "./with-store.js";

/**
 * One writer's share of the concurrent-writers test: `count` writes over a
 * few keys of its own (create, updates, now and then a delete), each checked
 * and recorded as the event a watcher must see.
 */
async function runWriter(store: Store, prefix: string, writer: number, count: number, log: EventSummary[]): Promise<void> {
  const revisions = new Map<string, number>();
  for (let step = 0; step < count; step++) {
    const key = `${prefix}w${writer}/k${step % 4}`;
    const value = `w${writer}-s${step}`;
    const current = revisions.get(key);
    if (current === undefined) {
      const r = await store.create(key, value);
      if (!r.ok) throw new Error(`create ${key} failed`);
      revisions.set(key, r.kv.modRevision);
      log.push({ type: "create", key, revision: r.kv.modRevision, value });
    } else if (step % 7 === 3) {
      const r = await store.delete(key, current);
      if (!r.ok) throw new Error(`delete ${key} failed`);
      revisions.delete(key);
      log.push({ type: "delete", key, revision: r.revision, value: r.deleted.value });
    } else {
      const r = await store.update(key, value, current);
      if (!r.ok) throw new Error(`update ${key} failed`);
      revisions.set(key, r.kv.modRevision);
      log.push({ type: "update", key, revision: r.kv.modRevision, value });
    }
  }
}

/** watch: catch-up from history, live events, prev values, close. */
export function describeWatch(harness: StoreHarness): void {
  describe("watch", () => {
    it("replays history after the start revision with prev values", () =>
      withStore(harness, async (store, p) => {
        const start = await store.currentRevision();
        const created = succeeded(await store.create(`${p}a`, "1"));
        const updated = succeeded(await store.update(`${p}a`, "2", created.kv.modRevision));
        const deleted = succeeded(await store.delete(`${p}a`));

        const watch = store.watch(p, start);
        try {
          const [e1, e2, e3] = await readEvents(iterate(watch), 3);
          expect(e1).toEqual({ type: "create", kv: created.kv });
          expect(e2).toEqual({ type: "update", kv: updated.kv, prev: created.kv });
          expect(e3).toEqual({ type: "delete", kv: { ...updated.kv, modRevision: deleted.revision }, prev: updated.kv });
        } finally {
          watch.close();
        }
      }));

    it("delivers live events after the start revision, and nothing at or before it", () =>
      withStore(harness, async (store, p) => {
        const before = succeeded(await store.create(`${p}before`, "x"));
        const watch = store.watch(p, before.kv.modRevision);
        try {
          const events = iterate(watch);
          const live = succeeded(await store.create(`${p}live`, "y"));
          const [event] = await readEvents(events, 1);
          expect(event).toEqual({ type: "create", kv: live.kv });
        } finally {
          watch.close();
        }
      }));

    it("starts after a revision in the future, skipping the writes up to it", () =>
      withStore(harness, async (store, p) => {
        const now = await store.currentRevision();
        const writes: number[] = [];
        const watch = store.watch(p, now + 3);
        try {
          const events = iterate(watch);
          // Revisions are shared (an engine may share its backend), so write
          // until the store is past the start and compare with what came after it.
          while ((writes.at(-1) ?? now) <= now + 3 || writes.filter((r) => r > now + 3).length < 2) {
            const r = succeeded(await store.create(`${p}k${writes.length}`, "v"));
            writes.push(r.kv.modRevision);
          }
          const expected = writes.filter((r) => r > now + 3);
          const got = await readEvents(events, expected.length);
          expect(got.map((e) => e.kv.modRevision)).toEqual(expected);
        } finally {
          watch.close();
        }
      }));

    it("sees only keys under its prefix", () =>
      withStore(harness, async (store, p) => {
        const start = await store.currentRevision();
        const watch = store.watch(`${p}a/`, start);
        try {
          const events = iterate(watch);
          await store.create(`${p}ab/1`, "out");
          await store.create(`${p}a`, "out");
          await store.create(`${p}a/1`, "in");
          await store.create(`${p}b/1`, "out");
          await store.create(`${p}a/2`, "in");
          const got = await readEvents(events, 2);
          expect(got.map((e) => e.kv.key)).toEqual([`${p}a/1`, `${p}a/2`]);
          // Nothing else is queued: the next event is the next write under the prefix.
          await store.create(`${p}ab/2`, "out");
          await store.create(`${p}a/3`, "in");
          const [next] = await readEvents(events, 1);
          expect(next?.kv.key).toBe(`${p}a/3`);
        } finally {
          watch.close();
        }
      }));

    it("carries prev on live update and delete events", () =>
      withStore(harness, async (store, p) => {
        const created = succeeded(await store.create(`${p}a`, "1"));
        const watch = store.watch(p, created.kv.modRevision);
        try {
          const events = iterate(watch);
          const updated = succeeded(await store.update(`${p}a`, "2", created.kv.modRevision));
          const deleted = succeeded(await store.delete(`${p}a`, updated.kv.modRevision));
          const [u, d] = await readEvents(events, 2);
          expect(u).toEqual({ type: "update", kv: updated.kv, prev: created.kv });
          expect(d).toEqual({ type: "delete", kv: { ...updated.kv, modRevision: deleted.revision }, prev: updated.kv });
        } finally {
          watch.close();
        }
      }));

    it("joins catch-up and live events without gap or duplicate under 5 concurrent writers", () =>
      withStore(harness, async (store, p) => {
        const writers = 5;
        const writesEach = 50;
        const start = await store.currentRevision();
        const logs: EventSummary[][] = Array.from({ length: writers }, () => []);

        // One watcher before any write (all live), one opened mid-stream from
        // the start (catch-up, then live), one after the end (all catch-up).
        const early = store.watch(p, start);
        const running = logs.map((log, w) => runWriter(store, p, w, writesEach, log));
        while ((logs[0]?.length ?? 0) < writesEach / 2) await new Promise((r) => setTimeout(r, 1));
        const middle = store.watch(p, start);
        await Promise.all(running);
        const late = store.watch(p, start);

        // A sentinel after all writes: whatever arrives before it is compared exactly.
        succeeded(await store.create(`${p}sentinel`, "end"));
        const expected = logs.flat().sort((a, b) => a.revision - b.revision);
        expect(expected).toHaveLength(writers * writesEach);
        expect(new Set(expected.map((e) => e.revision)).size).toBe(expected.length);

        try {
          for (const watch of [early, middle, late]) {
            const events = await readEventsUntil(iterate(watch), (got) => got.at(-1)?.kv.key === `${p}sentinel`, 20_000);
            expect(events.slice(0, -1).map(summarize)).toEqual(expected);
          }
        } finally {
          for (const watch of [early, middle, late]) watch.close();
        }
      }));

    it("gives every one of several watchers the full stream", () =>
      withStore(harness, async (store, p) => {
        const start = await store.currentRevision();
        const watches = Array.from({ length: 4 }, () => store.watch(p, start));
        try {
          const iterators = watches.map(iterate);
          const written: number[] = [];
          for (let i = 0; i < 10; i++) {
            const r = succeeded(await store.create(`${p}k${i}`, `${i}`));
            written.push(r.kv.modRevision);
          }
          for (const iterator of iterators) {
            const events = await readEvents(iterator, 10);
            expect(events.map((e) => e.kv.modRevision)).toEqual(written);
          }
        } finally {
          for (const watch of watches) watch.close();
        }
      }));

    it("ends iteration on close, resolving a pending next()", () =>
      withStore(harness, async (store, p) => {
        const watch = store.watch(p, await store.currentRevision());
        const events = iterate(watch);
        const pending = events.next();
        watch.close();
        await expect(pending).resolves.toMatchObject({ done: true });
        await expect(events.next()).resolves.toMatchObject({ done: true });
      }));

    it("ends a for-await loop on close", () =>
      withStore(harness, async (store, p) => {
        const watch = store.watch(p, await store.currentRevision());
        const seen: string[] = [];
        const loop = (async () => {
          for await (const event of watch) {
            seen.push(event.kv.key);
            if (seen.length === 2) watch.close();
          }
        })();
        await store.create(`${p}a`, "1");
        await store.create(`${p}b`, "1");
        await loop;
        expect(seen).toEqual([`${p}a`, `${p}b`]);
      }));
  });
}
