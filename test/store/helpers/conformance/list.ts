import { describe, expect, it } from "vitest";
import { InvalidContinueError, FutureRevisionError } from "../../../../server/store/errors.js";
import type { KeyValue, Store } from "../../../../server/store/store.js";
import type { StoreHarness } from "../../conformance.js";
import { withStore } from "./with-store.js";

async function mustCreate(store: Store, key: string, value: string): Promise<KeyValue> {
  const result = await store.create(key, value);
  if (!result.ok) throw new Error(`create ${key} failed`);
  return result.kv;
}

/** Zero-padded so that key order is numeric order. */
function keyAt(prefix: string, i: number): string {
  return `${prefix}k${String(i).padStart(3, "0")}`;
}

/** list: prefix isolation, key order, reads at a revision, paging. */
export function describeList(harness: StoreHarness): void {
  describe("list", () => {
    it("returns the keys under the prefix in key order with their values", () =>
      withStore(harness, async (store, p) => {
        const written = new Map<string, KeyValue>();
        for (const name of ["m", "b", "z", "a", "b/c", "B"]) {
          written.set(`${p}${name}`, await mustCreate(store, `${p}${name}`, `value of ${name}`));
        }
        const listed = await store.list(p);
        expect(listed.items.map((kv) => kv.key)).toEqual(["B", "a", "b", "b/c", "m", "z"].map((n) => `${p}${n}`));
        for (const kv of listed.items) expect(kv).toEqual(written.get(kv.key));
        expect(listed.continue).toBeUndefined();
        const newest = Math.max(...[...written.values()].map((kv) => kv.modRevision));
        expect(listed.revision).toBeGreaterThanOrEqual(newest);
      }));

    it("keeps prefixes apart: /a/ does not see /ab/ or /a", () =>
      withStore(harness, async (store, p) => {
        await mustCreate(store, `${p}a/1`, "in");
        await mustCreate(store, `${p}a/2`, "in");
        await mustCreate(store, `${p}ab/1`, "out");
        await mustCreate(store, `${p}a`, "out");
        await mustCreate(store, `${p}a0`, "out");
        const listed = await store.list(`${p}a/`);
        expect(listed.items.map((kv) => kv.key)).toEqual([`${p}a/1`, `${p}a/2`]);
        expect((await store.list(`${p}ab/`)).items.map((kv) => kv.key)).toEqual([`${p}ab/1`]);
        expect((await store.list(`${p}nothing/`)).items).toEqual([]);
      }));

    it("leaves out deleted keys and shows updated values", () =>
      withStore(harness, async (store, p) => {
        const a = await mustCreate(store, `${p}a`, "1");
        await mustCreate(store, `${p}b`, "1");
        const a2 = await store.update(`${p}a`, "2", a.modRevision);
        await store.delete(`${p}b`);
        const listed = await store.list(p);
        expect(listed.items).toEqual([a2.ok ? a2.kv : undefined]);
      }));

    it("reads the state as it was at an older revision", () =>
      withStore(harness, async (store, p) => {
        const a = await mustCreate(store, `${p}a`, "a1");
        const b = await mustCreate(store, `${p}b`, "b1");
        const then = await store.currentRevision();
        await store.update(`${p}a`, "a2", a.modRevision);
        await store.delete(`${p}b`);
        await mustCreate(store, `${p}c`, "c1");

        const old = await store.list(p, { revision: then });
        expect(old.revision).toBe(then);
        expect(old.items).toEqual([a, b]);
        expect((await store.list(p)).items.map((kv) => kv.value)).toEqual(["a2", "c1"]);
      }));

    it("refuses a revision in the future", () =>
      withStore(harness, async (store, p) => {
        await mustCreate(store, `${p}a`, "1");
        const future = (await store.currentRevision()) + 1000;
        await expect(store.list(p, { revision: future })).rejects.toBeInstanceOf(FutureRevisionError);
      }));

    it("pages with limit and continue, every page at the first page's revision", () =>
      withStore(harness, async (store, p) => {
        const kvs: KeyValue[] = [];
        for (let i = 0; i < 25; i++) kvs.push(await mustCreate(store, keyAt(p, i), `v${i}`));

        const first = await store.list(p, { limit: 10 });
        expect(first.items).toEqual(kvs.slice(0, 10));
        expect(first.continue).toBeDefined();

        // Writes between pages must not show: page 2 and 3 see page 1's revision.
        const k12 = kvs[12];
        const k20 = kvs[20];
        if (!k12 || !k20) throw new Error("missing fixture");
        await store.update(k12.key, "changed", k12.modRevision);
        await store.delete(k20.key);
        await mustCreate(store, `${p}k015a`, "new");
        await mustCreate(store, `${p}k999`, "new");

        const second = await store.list(p, { limit: 10, continue: first.continue });
        expect(second.revision).toBe(first.revision);
        expect(second.items).toEqual(kvs.slice(10, 20));
        const third = await store.list(p, { limit: 10, continue: second.continue });
        expect(third.revision).toBe(first.revision);
        expect(third.items).toEqual(kvs.slice(20, 25));
        expect(third.continue).toBeUndefined();

        // A fresh listing sees the writes.
        const now = await store.list(p);
        expect(now.items).toHaveLength(26);
        expect(now.items.find((kv) => kv.key === k12.key)?.value).toBe("changed");
      }));

    it("gives no continue token when the limit ends exactly at the last key", () =>
      withStore(harness, async (store, p) => {
        for (let i = 0; i < 6; i++) await mustCreate(store, keyAt(p, i), "v");
        const first = await store.list(p, { limit: 3 });
        const second = await store.list(p, { limit: 3, continue: first.continue });
        expect(second.items.map((kv) => kv.key)).toEqual([3, 4, 5].map((i) => keyAt(p, i)));
        expect(second.continue).toBeUndefined();
        const all = await store.list(p, { limit: 6 });
        expect(all.items).toHaveLength(6);
        expect(all.continue).toBeUndefined();
      }));

    it("treats limit 0 as no limit", () =>
      withStore(harness, async (store, p) => {
        for (let i = 0; i < 5; i++) await mustCreate(store, keyAt(p, i), "v");
        const listed = await store.list(p, { limit: 0 });
        expect(listed.items).toHaveLength(5);
        expect(listed.continue).toBeUndefined();
      }));

    it("pages correctly with limit 1 over keys that share prefixes", () =>
      withStore(harness, async (store, p) => {
        const names = ["a", "a/b", "a/b/c", "ab", "b"];
        for (const name of names) await mustCreate(store, `${p}${name}`, name);
        const seen: string[] = [];
        let token: string | undefined;
        do {
          const page = await store.list(p, token === undefined ? { limit: 1 } : { limit: 1, continue: token });
          expect(page.items.length).toBeLessThanOrEqual(1);
          seen.push(...page.items.map((kv) => kv.value));
          token = page.continue;
        } while (token !== undefined);
        expect(seen).toEqual(names);
      }));

    it("rejects a continue token that is garbage, truncated or for another prefix", () =>
      withStore(harness, async (store, p) => {
        for (let i = 0; i < 4; i++) await mustCreate(store, `${p}x/${i}`, "v");
        const page = await store.list(`${p}x/`, { limit: 2 });
        const token = page.continue;
        if (token === undefined) throw new Error("expected a continue token");

        await expect(store.list(`${p}x/`, { continue: "not a token" })).rejects.toBeInstanceOf(InvalidContinueError);
        await expect(store.list(`${p}x/`, { continue: token.slice(0, Math.floor(token.length / 2)) })).rejects.toBeInstanceOf(
          InvalidContinueError,
        );
        await expect(store.list(`${p}y/`, { continue: token })).rejects.toBeInstanceOf(InvalidContinueError);
        // The genuine token still works afterwards.
        expect((await store.list(`${p}x/`, { continue: token })).items).toHaveLength(2);
      }));
  });
}
