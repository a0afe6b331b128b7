import { afterEach, describe, expect, it } from "vitest";
import { mustParseSelector } from "../../api/labels/index.js";
import { controllerIndex, labelIndex, namespaceIndex } from "./index-functions.js";
import { eventually } from "./testing/eventually.js";
import type { FakePod } from "./testing/fake-api-server.js";
import { describePod, type HarnessOptions, type InformerHarness, startHarness } from "./testing/informer-harness.js";

let harness: InformerHarness | undefined;
afterEach(async () => {
  await harness?.stop();
  harness = undefined;
});

async function synced(options: HarnessOptions = {}): Promise<InformerHarness> {
  harness = await startHarness(options);
  harness.run();
  expect(await harness.informer.waitForSync()).toBe(true);
  await harness.informer.idle();
  return harness;
}

/** Waits until the informer has taken in every write the server made, and its handlers have been told. */
async function caughtUp(h: InformerHarness): Promise<void> {
  await eventually("informer at the server's revision", () => h.informer.lastSyncResourceVersion() === String(h.server.revision));
  await h.informer.idle();
}

const names = (pods: FakePod[]): string[] => pods.map((p) => `${p.metadata.namespace}/${p.metadata.name}`).sort();

describe("SharedInformer", () => {
  it("is not synced before its first list, and then hands each listed object to onAdd", async () => {
    harness = await startHarness({ seed: (s) => ["a", "b", "c"].forEach((n) => s.create("web", n)) });
    expect(harness.informer.hasSynced()).toBe(false);
    harness.run();
    expect(await harness.informer.waitForSync()).toBe(true);
    expect(harness.informer.hasSynced()).toBe(true);
    expect(harness.informer.lastSyncResourceVersion()).toBe("4");
    await harness.informer.idle();
    expect(harness.seen).toEqual(["add web/a@2", "add web/b@3", "add web/c@4"]);
  });

  it("tells handlers every change in order and keeps the lister and its indexes current", async () => {
    const h = await synced({ indexers: { generation: (pod) => [String(pod.spec.generation)] } });
    const rs = { apiVersion: "apps/v1", kind: "ReplicaSet", name: "rs", uid: "rs-uid", controller: true };
    h.server.create("web", "a", { labels: { app: "web" }, ownerReferences: [rs] });
    h.server.create("api", "b", { labels: { app: "api" } });
    h.server.update("web", "a", (m) => (m.labels = { app: "web", canary: "true" }));
    h.server.create("web", "c", { labels: { app: "web" } });
    h.server.delete("api", "b");
    await caughtUp(h);
    expect(h.seen).toEqual(["add web/a@2", "add api/b@3", "update web/a@2->4", "add web/c@5", "delete api/b@6"]);

    const { lister } = h.informer;
    expect(lister.get("web", "a")?.metadata.labels).toEqual({ app: "web", canary: "true" });
    expect(lister.get("api", "b")).toBeUndefined();
    expect(names(lister.list("web"))).toEqual(["web/a", "web/c"]);
    expect(names(lister.list(undefined, mustParseSelector("app=web,!canary")))).toEqual(["web/c"]);
    expect(names(lister.byIndex(namespaceIndex, "api"))).toEqual([]);
    expect(names(lister.byIndex(labelIndex, "canary=true"))).toEqual(["web/a"]);
    expect(names(lister.byIndex(controllerIndex, "rs-uid"))).toEqual(["web/a"]);
    expect(names(lister.byIndex("generation", "2"))).toEqual(["web/a"]);
  });

  it("hands handlers and readers the cache's own objects, frozen here so a change cannot slip by", async () => {
    const h = await synced();
    const received: FakePod[] = [];
    h.informer.addEventHandler({
      onAdd: (pod) => {
        received.push(pod);
        // A handler that changes a cached object fails (and is logged); the cache is untouched.
        (pod.metadata as { name: string }).name = "changed";
      },
    });
    h.server.create("web", "a");
    await caughtUp(h);
    const cached = h.informer.lister.get("web", "a");
    expect(received).toEqual([cached]);
    expect(received[0]).toBe(cached);
    expect(Object.isFrozen(cached?.metadata)).toBe(true);
    expect(cached?.metadata.name).toBe("a");
  });

  it("gives a handler added later the cached objects as adds, then the changes; a removed one hears nothing more", async () => {
    const h = await synced({ seed: (s) => ["a", "b"].forEach((n) => s.create("web", n)) });
    const late: string[] = [];
    const registration = h.informer.addEventHandler({
      onAdd: (pod) => void late.push(`add ${describePod(pod)}`),
      onDelete: (pod) => void late.push(`delete ${describePod(pod)}`),
    });
    h.server.delete("web", "a");
    await caughtUp(h);
    registration.remove();
    h.server.delete("web", "b");
    await caughtUp(h);
    expect(late).toEqual(["add web/a@2", "add web/b@3", "delete web/a@4"]);
    expect(h.seen.at(-1)).toBe("delete web/b@5");
  });

  it("hands every cached object to onUpdate(o, o) each resync period", async () => {
    const h = await synced({ resyncPeriodMs: 30_000, seed: (s) => ["a", "b"].forEach((n) => s.create("web", n)) });
    h.seen.length = 0;
    h.clock.advance(29_999);
    await h.informer.idle();
    expect(h.seen).toEqual([]);
    h.clock.advance(1);
    await h.informer.idle();
    expect(h.seen.sort()).toEqual(["update web/a@2->2", "update web/b@3->3"]);
    h.clock.advance(30_000);
    await h.informer.idle();
    expect(h.seen).toHaveLength(4);
  });

  it("answers waitForSync with false when its signal aborts, or the informer stops, before the first list", async () => {
    harness = await startHarness();
    for (let i = 0; i < 3; i++) harness.server.failNext("list", 500);
    harness.run();
    const giveUp = new AbortController();
    const waiting = harness.informer.waitForSync(giveUp.signal);
    giveUp.abort();
    expect(await waiting).toBe(false);
    const untilStopped = harness.informer.waitForSync();
    await harness.stop();
    expect(await untilStopped).toBe(false);
    expect(await harness.informer.waitForSync()).toBe(false);
    expect(harness.informer.hasSynced()).toBe(false);
    harness = undefined;
  });

  it("stops when its signal aborts: run resolves, the watch connection closes, no handler is called after", async () => {
    const h = await synced();
    await eventually("a watch is open", () => h.server.watcherCount === 1);
    await h.stopInformer();
    await eventually("the server sees the watch go", () => h.server.watcherCount === 0);
    h.server.create("web", "a");
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(h.seen).toEqual([]);
    expect(h.informer.lister.list()).toEqual([]);
  });

  it("runs only once: a second caller shares the first run and ends with it", async () => {
    const h = await synced();
    const second = h.informer.run(new AbortController().signal);
    await eventually("one watch is open", () => h.server.watcherCount === 1);
    await h.stopInformer();
    await second;
    await eventually("the server sees the watch go", () => h.server.watcherCount === 0);
  });
});
