import { describe, expect, it } from "vitest";
import { createLogger } from "../../src/log.js";
import { type Compactable, Compactor } from "./compactor.js";

/** A store that only counts revisions and records compactions. */
function fakeStore(current: number) {
  const state = { current, compacted: 0, calls: [] as number[], fail: false };
  const store: Compactable = {
    currentRevision: async () => state.current,
    compactedRevision: async () => state.compacted,
    compact: async (revision) => {
      if (state.fail) throw new Error("disk gone");
      state.calls.push(revision);
      state.compacted = revision;
    },
  };
  return { state, store };
}

const log = createLogger("silent");

describe("Compactor", () => {
  it("compacts to current minus the revisions to keep", async () => {
    const { state, store } = fakeStore(5000);
    const compactor = new Compactor(store, { intervalMs: 60_000, keepRevisions: 1000 }, log);
    expect(await compactor.runOnce()).toBe(4000);
    expect(state.calls).toEqual([4000]);
  });

  it("does nothing while history is shorter than what it keeps, or already compacted", async () => {
    const { state, store } = fakeStore(800);
    const compactor = new Compactor(store, { intervalMs: 60_000, keepRevisions: 1000 }, log);
    expect(await compactor.runOnce()).toBeUndefined();
    state.current = 1500;
    expect(await compactor.runOnce()).toBe(500);
    expect(await compactor.runOnce()).toBeUndefined();
    expect(state.calls).toEqual([500]);
  });

  it("runs one pass at a time", async () => {
    const { state, store } = fakeStore(3000);
    const compactor = new Compactor(store, { intervalMs: 60_000, keepRevisions: 1000 }, log);
    const [first, second] = await Promise.all([compactor.runOnce(), compactor.runOnce()]);
    expect([first, second]).toEqual([2000, undefined]);
    expect(state.calls).toEqual([2000]);
  });

  it("runs on its interval until stopped, surviving a failed pass", async () => {
    const { state, store } = fakeStore(3000);
    state.fail = true;
    const compactor = new Compactor(store, { intervalMs: 5, keepRevisions: 1000 }, log);
    compactor.start();
    await new Promise((r) => setTimeout(r, 30));
    state.fail = false;
    const deadline = Date.now() + 5000;
    while (state.calls.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    await compactor.stop();
    expect(state.calls).toEqual([2000]);
    state.current = 9000;
    await new Promise((r) => setTimeout(r, 30));
    expect(state.calls).toEqual([2000]);
  });
});
