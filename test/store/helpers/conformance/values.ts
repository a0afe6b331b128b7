import { describe, expect, it } from "vitest";
import type { StoreHarness } from "../../conformance.js";
import { iterate, readEvents } from "../events.js";
import { succeeded } from "../succeeded.js";
import { withStore } from "./with-store.js";

const unicode = 'héllo wörld — 日本語 — 🚀🛶 — "quotes" \\ back\\slash \u0000 nul \n newline';

/** Values (and keys) are opaque: whatever goes in comes out, through get, list and watch. */
export function describeValues(harness: StoreHarness): void {
  describe("values", () => {
    it("round-trips unicode keys and values", () =>
      withStore(harness, async (store, p) => {
        const start = await store.currentRevision();
        const key = `${p}ünï/日本/🚀`;
        const created = succeeded(await store.create(key, unicode));
        expect(created.kv.value).toBe(unicode);
        expect((await store.get(key))?.value).toBe(unicode);
        expect((await store.list(`${p}ünï/`)).items.map((kv) => [kv.key, kv.value])).toEqual([[key, unicode]]);
        const watch = store.watch(p, start);
        try {
          const [event] = await readEvents(iterate(watch), 1);
          expect(event?.kv.value).toBe(unicode);
        } finally {
          watch.close();
        }
      }));

    it("round-trips an empty value", () =>
      withStore(harness, async (store, p) => {
        await store.create(`${p}empty`, "");
        expect((await store.get(`${p}empty`))?.value).toBe("");
      }));

    it("round-trips a 1 MiB value", () =>
      withStore(harness, async (store, p) => {
        const start = await store.currentRevision();
        const big = Array.from({ length: 1024 * 1024 }, (_, i) => String.fromCharCode(97 + ((i * 7) % 26))).join("");
        const created = succeeded(await store.create(`${p}big`, big));
        expect((await store.get(`${p}big`))?.value).toBe(big);
        expect((await store.list(p)).items[0]?.value).toBe(big);
        succeeded(await store.update(`${p}big`, `${big}!`, created.kv.modRevision));
        const watch = store.watch(p, start);
        try {
          const [create, update] = await readEvents(iterate(watch), 2);
          expect(create?.kv.value).toBe(big);
          expect(update?.type === "update" ? update.prev.value : undefined).toBe(big);
          expect(update?.kv.value).toBe(`${big}!`);
        } finally {
          watch.close();
        }
      }));
  });
}
