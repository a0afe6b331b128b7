import { describe, expect, it } from "vitest";
import { CompactedError } from "../../../../server/store/errors.js";
import type { StoreHarness } from "../../conformance.js";
import { iterate, readEvents } from "../events.js";
import { succeeded } from "../succeeded.js";
import { withStore } from "./with-store.js";

/** compact: old revisions become unreadable, current values and later events stay whole. */
export function describeCompaction(harness: StoreHarness): void {
  describe("compaction", () => {
    it("keeps current values, refuses older lists and watches, and keeps prev for later events", () =>
      withStore(harness, async (store, p) => {
        const kept = succeeded(await store.create(`${p}kept`, "untouched"));
        succeeded(await store.create(`${p}gone`, "x"));
        const v1 = succeeded(await store.create(`${p}a`, "1"));
        const v2 = succeeded(await store.update(`${p}a`, "2", v1.kv.modRevision));
        const deleted = succeeded(await store.delete(`${p}gone`));
        const compactAt = Math.max(v2.kv.modRevision, deleted.revision);
        const v3 = succeeded(await store.update(`${p}a`, "3", v2.kv.modRevision));

        await store.compact(compactAt);
        expect(await store.compactedRevision()).toBeGreaterThanOrEqual(compactAt);

        // Current values are whole, with their original revisions.
        expect(await store.get(`${p}kept`)).toEqual(kept.kv);
        expect(await store.get(`${p}a`)).toEqual(v3.kv);
        expect(await store.get(`${p}gone`)).toBeUndefined();
        expect((await store.list(p)).items).toEqual([v3.kv, kept.kv]);

        // The compaction revision itself is still readable; before it is not.
        expect((await store.list(p, { revision: compactAt })).items).toEqual([v2.kv, kept.kv]);
        const before = store.list(p, { revision: compactAt - 1 });
        await expect(before).rejects.toBeInstanceOf(CompactedError);

        const old = store.watch(p, compactAt - 1);
        try {
          await expect(iterate(old).next()).rejects.toBeInstanceOf(CompactedError);
        } finally {
          old.close();
        }

        const fromCompacted = store.watch(p, compactAt);
        try {
          const [event] = await readEvents(iterate(fromCompacted), 1);
          expect(event).toEqual({ type: "update", kv: v3.kv, prev: v2.kv });
        } finally {
          fromCompacted.close();
        }
      }));

    it("expires a paged listing whose revision was compacted between pages", () =>
      withStore(harness, async (store, p) => {
        for (let i = 0; i < 4; i++) await store.create(`${p}k${i}`, "v");
        const first = await store.list(p, { limit: 2 });
        const later = succeeded(await store.create(`${p}later`, "v"));
        await store.compact(later.kv.modRevision);
        await expect(store.list(p, { limit: 2, continue: first.continue })).rejects.toBeInstanceOf(CompactedError);
      }));

    it("names the requested and the compacted revision in the error", () =>
      withStore(harness, async (store, p) => {
        const a = succeeded(await store.create(`${p}a`, "1"));
        const b = succeeded(await store.update(`${p}a`, "2", a.kv.modRevision));
        await store.compact(b.kv.modRevision);
        const error = await store.list(p, { revision: a.kv.modRevision }).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(CompactedError);
        if (!(error instanceof CompactedError)) return;
        expect(error.requestedRevision).toBe(a.kv.modRevision);
        expect(error.compactedRevision).toBeGreaterThanOrEqual(b.kv.modRevision);
      }));
  });
}
