import { describe, expect, it } from "vitest";
import type { StoreHarness } from "../../conformance.js";
import { succeeded } from "../succeeded.js";
import { withStore } from "./with-store.js";

/** create / get / update / delete results and the revisions they carry. */
export function describeWrites(harness: StoreHarness): void {
  describe("writes", () => {
    it("starts at a revision >= 0 that grows with every write", () =>
      withStore(harness, async (store, p) => {
        const before = await store.currentRevision();
        expect(before).toBeGreaterThanOrEqual(0);
        const created = succeeded(await store.create(`${p}a`, "1"));
        expect(created.kv.modRevision).toBeGreaterThan(before);
        expect(await store.currentRevision()).toBeGreaterThanOrEqual(created.kv.modRevision);

        const updated = succeeded(await store.update(`${p}a`, "2", created.kv.modRevision));
        expect(updated.kv.modRevision).toBeGreaterThan(created.kv.modRevision);
        const deleted = succeeded(await store.delete(`${p}a`));
        expect(deleted.revision).toBeGreaterThan(updated.kv.modRevision);
        expect(await store.currentRevision()).toBeGreaterThanOrEqual(deleted.revision);
      }));

    it("creates a key and reads it back", () =>
      withStore(harness, async (store, p) => {
        const result = await store.create(`${p}a`, "one");
        expect(result.ok).toBe(true);
        if (!result.ok) return;
        expect(result.kv.key).toBe(`${p}a`);
        expect(result.kv.value).toBe("one");
        expect(result.kv.createRevision).toBe(result.kv.modRevision);
        expect(await store.get(`${p}a`)).toEqual(result.kv);
      }));

    it("gets nothing for a key that was never written", () =>
      withStore(harness, async (store, p) => {
        expect(await store.get(`${p}missing`)).toBeUndefined();
      }));

    it("refuses to create a key that exists, returning the current value", () =>
      withStore(harness, async (store, p) => {
        const first = succeeded(await store.create(`${p}a`, "one"));
        const second = await store.create(`${p}a`, "two");
        expect(second).toEqual({ ok: false, current: first.kv });
        expect(await store.get(`${p}a`)).toEqual(first.kv);
      }));

    it("updates when the expected revision matches, keeping createRevision", () =>
      withStore(harness, async (store, p) => {
        const created = succeeded(await store.create(`${p}a`, "one"));
        const updated = await store.update(`${p}a`, "two", created.kv.modRevision);
        expect(updated.ok).toBe(true);
        if (!updated.ok) return;
        expect(updated.kv).toEqual({
          key: `${p}a`,
          value: "two",
          createRevision: created.kv.createRevision,
          modRevision: updated.kv.modRevision,
        });
        expect(updated.kv.modRevision).toBeGreaterThan(created.kv.modRevision);
        expect(await store.get(`${p}a`)).toEqual(updated.kv);
      }));

    it("refuses an update with a stale revision, returning the current value", () =>
      withStore(harness, async (store, p) => {
        const created = succeeded(await store.create(`${p}a`, "one"));
        const updated = succeeded(await store.update(`${p}a`, "two", created.kv.modRevision));
        const stale = await store.update(`${p}a`, "three", created.kv.modRevision);
        expect(stale).toEqual({ ok: false, current: updated.kv });
        expect(await store.get(`${p}a`)).toEqual(updated.kv);
      }));

    it("refuses to update a key that does not exist", () =>
      withStore(harness, async (store, p) => {
        expect(await store.update(`${p}missing`, "x", 1)).toEqual({ ok: false, current: undefined });
        expect(await store.get(`${p}missing`)).toBeUndefined();
      }));

    it("deletes a key, returning the value it had and the delete's revision", () =>
      withStore(harness, async (store, p) => {
        const created = succeeded(await store.create(`${p}a`, "one"));
        const deleted = await store.delete(`${p}a`);
        expect(deleted.ok).toBe(true);
        if (!deleted.ok) return;
        expect(deleted.deleted).toEqual(created.kv);
        expect(deleted.revision).toBeGreaterThan(created.kv.modRevision);
        expect(await store.get(`${p}a`)).toBeUndefined();
      }));

    it("deletes with an expected revision only when it matches", () =>
      withStore(harness, async (store, p) => {
        const created = succeeded(await store.create(`${p}a`, "one"));
        const updated = succeeded(await store.update(`${p}a`, "two", created.kv.modRevision));

        const stale = await store.delete(`${p}a`, created.kv.modRevision);
        expect(stale).toEqual({ ok: false, current: updated.kv });
        expect(await store.get(`${p}a`)).toEqual(updated.kv);

        const matching = await store.delete(`${p}a`, updated.kv.modRevision);
        expect(matching.ok).toBe(true);
        expect(await store.get(`${p}a`)).toBeUndefined();
      }));

    it("refuses to delete a key that does not exist, with or without a revision", () =>
      withStore(harness, async (store, p) => {
        expect(await store.delete(`${p}missing`)).toEqual({ ok: false, current: undefined });
        expect(await store.delete(`${p}missing`, 5)).toEqual({ ok: false, current: undefined });
        succeeded(await store.create(`${p}gone`, "x"));
        await store.delete(`${p}gone`);
        expect(await store.delete(`${p}gone`)).toEqual({ ok: false, current: undefined });
      }));

    it("gives a key that is deleted and created again a new createRevision", () =>
      withStore(harness, async (store, p) => {
        const first = succeeded(await store.create(`${p}a`, "one"));
        const deleted = succeeded(await store.delete(`${p}a`));
        const again = await store.create(`${p}a`, "two");
        expect(again.ok).toBe(true);
        if (!again.ok) return;
        expect(again.kv.createRevision).toBeGreaterThan(deleted.revision);
        expect(again.kv.createRevision).toBe(again.kv.modRevision);
        // The old incarnation's revision no longer matches anything.
        expect(await store.update(`${p}a`, "three", first.kv.modRevision)).toEqual({ ok: false, current: again.kv });
      }));

    it("gives every successful write of concurrent writers its own, increasing revision", () =>
      withStore(harness, async (store, p) => {
        const results = await Promise.all(
          Array.from({ length: 20 }, (_, i) => store.create(`${p}k${i}`, `v${i}`)),
        );
        const revisions = results.map((r) => (r.ok ? r.kv.modRevision : -1));
        expect(revisions).not.toContain(-1);
        expect(new Set(revisions).size).toBe(revisions.length);
        for (const [i, r] of results.entries()) {
          if (r.ok) expect(await store.get(`${p}k${i}`)).toEqual(r.kv);
        }
      }));

    it("lets exactly one of several concurrent creates of one key win", () =>
      withStore(harness, async (store, p) => {
        const results = await Promise.all(Array.from({ length: 8 }, (_, i) => store.create(`${p}a`, `v${i}`)));
        const winners = results.filter((r) => r.ok);
        expect(winners).toHaveLength(1);
        const winner = winners[0];
        if (!winner?.ok) throw new Error("no winner");
        for (const r of results) if (!r.ok) expect(r.current).toEqual(winner.kv);
      }));

    it("lets exactly one of several concurrent updates at one revision win", () =>
      withStore(harness, async (store, p) => {
        const created = succeeded(await store.create(`${p}a`, "0"));
        const results = await Promise.all(
          Array.from({ length: 8 }, (_, i) => store.update(`${p}a`, `v${i}`, created.kv.modRevision)),
        );
        expect(results.filter((r) => r.ok)).toHaveLength(1);
      }));
  });
}
