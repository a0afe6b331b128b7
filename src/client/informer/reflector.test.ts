import { afterEach, describe, expect, it } from "vitest";
import { eventually } from "./testing/eventually.js";
import type { RecordedRequest } from "./testing/fake-api-server.js";
import { type HarnessOptions, type InformerHarness, startHarness } from "./testing/informer-harness.js";

let harness: InformerHarness | undefined;
afterEach(async () => {
  await harness?.stop();
  harness = undefined;
});

async function synced(options: HarnessOptions = {}): Promise<InformerHarness> {
  harness = await startHarness(options);
  harness.run();
  expect(await harness.informer.waitForSync()).toBe(true);
  await eventually("the first watch is open", () => harness!.server.watcherCount === 1);
  await harness.informer.idle();
  return harness;
}

async function caughtUp(h: InformerHarness): Promise<void> {
  await eventually("informer at the server's revision", () => h.informer.lastSyncResourceVersion() === String(h.server.revision));
  await h.informer.idle();
}

/** Lets real I/O settle: a check that something did NOT happen only holds after this. */
const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 20));

const requestLine = (r: RecordedRequest): string => {
  const q = new URLSearchParams(r.query);
  q.delete("timeoutSeconds");
  return `${r.kind} ${q.toString()}`;
};

/** Waits for the informer to sit in a back-off, then moves the clock past it. */
async function passBackoff(h: InformerHarness): Promise<void> {
  await eventually("a back-off timer", () => h.clock.pendingTimers() > 0);
  h.clock.advance(60_000);
}

describe("Reflector (through the informer)", () => {
  it("lists in pages from one snapshot, then watches from its version with bookmarks and a 5–10 minute timeout", async () => {
    const h = await synced({ pageSize: 2, seed: (s) => ["a", "b", "c", "d", "e"].forEach((n) => s.create("web", n)) });
    expect(h.server.requests.map(requestLine)).toEqual([
      "list limit=2",
      "list limit=2&continue=1%3A2",
      "list limit=2&continue=1%3A4",
      "watch watch=1&resourceVersion=6&allowWatchBookmarks=true",
    ]);
    const timeout = Number(h.server.requests[3]!.query.get("timeoutSeconds"));
    expect(timeout).toBeGreaterThanOrEqual(300);
    expect(timeout).toBeLessThan(600);
    expect(h.informer.lister.list()).toHaveLength(5);
  });

  it("asks for one namespace and the selectors it was given", async () => {
    const h = await synced({ namespace: "web", labelSelector: "app=web", fieldSelector: "spec.nodeName=n1" });
    const asked = h.server.requests.map((r) => `${r.kind} ${r.namespace} ${r.query.get("labelSelector")} ${r.query.get("fieldSelector")}`);
    expect(asked).toEqual([
      "list web app=web spec.nodeName=n1",
      "watch web app=web spec.nodeName=n1",
    ]);
  });

  it("falls back to one whole list when a continue token expires between pages", async () => {
    harness = await startHarness({ pageSize: 2, seed: (s) => ["a", "b", "c"].forEach((n) => s.create("web", n)) });
    const { server } = harness;
    server.onRequest = (call) => {
      if (!call.query.has("continue")) return;
      server.onRequest = undefined;
      server.create("web", "d");
      server.compact();
    };
    harness.run();
    expect(await harness.informer.waitForSync()).toBe(true);
    await eventually("the watch is open", () => server.watcherCount === 1);
    expect(server.requests.map(requestLine)).toEqual([
      "list limit=2",
      "list limit=2&continue=1%3A2",
      "list ",
      "watch watch=1&resourceVersion=5&allowWatchBookmarks=true",
    ]);
    expect(harness.informer.lister.list()).toHaveLength(4);
  });

  it("resumes a watch dropped mid-event from the last version seen, missing nothing and repeating nothing", async () => {
    const h = await synced();
    h.server.create("web", "a");
    await caughtUp(h);
    h.server.dropWatches({ midEvent: true });
    h.server.create("web", "b");
    h.server.update("web", "a");
    await caughtUp(h);
    expect(h.seen).toEqual(["add web/a@2", "add web/b@3", "update web/a@2->4"]);
    expect(h.server.requests.map(requestLine).slice(1)).toEqual([
      "watch watch=1&resourceVersion=1&allowWatchBookmarks=true",
      "watch watch=1&resourceVersion=2&allowWatchBookmarks=true",
    ]);
    // A watch that had delivered events resumed at once, without a back-off.
    expect(h.clock.pendingTimers()).toBe(0);
  });

  it("resumes from the version a bookmark carried", async () => {
    const h = await synced({ namespace: "web" });
    h.server.create("other", "x");
    h.server.create("other", "y");
    h.server.bookmark();
    await eventually("the bookmark is taken", () => h.informer.lastSyncResourceVersion() === "3");
    h.server.dropWatches();
    await eventually("a second watch", () => h.server.requests.length === 3);
    expect(h.server.requests[2]!.query.get("resourceVersion")).toBe("3");
    expect(h.seen).toEqual([]);
  });

  it("watches again at once after the server ends a watch that delivered events, and backs off after one that delivered none", async () => {
    const h = await synced();
    h.server.create("web", "a");
    await caughtUp(h);
    h.server.endWatches();
    await eventually("a second watch", () => h.server.watcherCount === 1 && h.server.requests.length === 3);
    expect(h.clock.pendingTimers()).toBe(0);
    h.server.endWatches();
    await eventually("a back-off timer", () => h.clock.pendingTimers() === 1);
    expect(h.server.requests).toHaveLength(3);
    h.clock.advance(60_000);
    await eventually("a third watch", () => h.server.watcherCount === 1 && h.server.requests.length === 4);
    expect(h.server.requests.map(requestLine).slice(2)).toEqual([
      "watch watch=1&resourceVersion=2&allowWatchBookmarks=true",
      "watch watch=1&resourceVersion=2&allowWatchBookmarks=true",
    ]);
  });

  it("re-lists on 410 and tells handlers only the difference, deletes found by the list as final state unknown", async () => {
    const h = await synced({ seed: (s) => ["a", "b", "c", "d"].forEach((n) => s.create("web", n)) });
    h.seen.length = 0;
    h.server.dropWatches();
    // While the watch is down: a changes, b goes, c is made again (new uid), d stays, e comes; history is compacted.
    h.server.update("web", "a");
    h.server.delete("web", "b");
    h.server.delete("web", "c");
    h.server.create("web", "c");
    h.server.create("web", "e");
    h.server.compact();
    await passBackoff(h); // the dropped watch had no events
    await passBackoff(h); // the 410
    await caughtUp(h);
    await eventually("the watch is back", () => h.server.watcherCount === 1);
    expect(h.server.requests.map(requestLine).slice(1)).toEqual([
      "watch watch=1&resourceVersion=5&allowWatchBookmarks=true",
      "watch watch=1&resourceVersion=5&allowWatchBookmarks=true",
      "list limit=500",
      "watch watch=1&resourceVersion=10&allowWatchBookmarks=true",
    ]);
    expect(h.seen).toEqual([
      "update web/a@2->6",
      "delete web/c@4 (final state unknown)",
      "add web/c@9",
      "add web/e@10",
      "delete web/b@3 (final state unknown)",
    ]);
    expect(h.informer.lister.list().map((p) => p.metadata.uid).sort()).toEqual(h.server.state().map((p) => p.metadata.uid).sort());
  });

  it("backs off with jitter, doubling, between failed lists, and from the start again after progress", async () => {
    // random() = 0.5: each delay is 1.5 times 800 ms doubled per failure in a row.
    harness = await startHarness({ random: () => 0.5 });
    const h = harness;
    for (let i = 0; i < 3; i++) h.server.failNext("list", 500);
    h.run();
    for (const [failures, delay] of [[1, 1200], [2, 2400], [3, 4800]] as const) {
      const waiting = (): boolean => h.clock.pendingTimers() === 1 && h.server.requests.length === failures;
      await eventually(`back-off after ${failures} failed lists`, waiting);
      h.clock.advance(delay - 1);
      expect(h.clock.pendingTimers()).toBe(1);
      h.clock.advance(1);
    }
    expect(await h.informer.waitForSync()).toBe(true);
    await eventually("the watch is open", () => h.server.watcherCount === 1);
    expect(h.server.requests.map((r) => r.kind)).toEqual(["list", "list", "list", "list", "watch"]);

    h.server.create("web", "a");
    await caughtUp(h);
    // The event reset the back-off: a refused watch now waits the first delay again.
    h.server.failNext("watch", 500);
    h.server.endWatches();
    await eventually("back-off after the refused watch", () => h.clock.pendingTimers() === 1 && h.server.requests.length === 6);
    h.clock.advance(1199);
    expect(h.clock.pendingTimers()).toBe(1);
    h.clock.advance(1);
    await eventually("the watch is back", () => h.server.watcherCount === 1 && h.server.requests.length === 7);
    expect(h.server.requests.slice(5).map(requestLine)).toEqual([
      "watch watch=1&resourceVersion=2&allowWatchBookmarks=true",
      "watch watch=1&resourceVersion=2&allowWatchBookmarks=true",
    ]);
  });

  it("lists again after a watch is refused outright (403), but resumes the watch after 429 and 5xx", async () => {
    const h = await synced();
    h.server.failNext("watch", 429);
    h.server.failNext("watch", 503);
    h.server.failNext("watch", 403);
    h.server.dropWatches();
    for (let i = 0; i < 4; i++) await passBackoff(h);
    await eventually("the watch is back", () => h.server.watcherCount === 1);
    expect(h.server.requests.map((r) => r.kind)).toEqual(["list", "watch", "watch", "watch", "watch", "list", "watch"]);
    await settle();
    expect(h.server.requests).toHaveLength(7);
  });

  it("does the same over WebSocket: events, drops resumed from the last version, 410 re-listed", async () => {
    const h = await synced({ protocol: "websocket" });
    expect(h.server.requests.map((r) => `${r.kind} ${r.protocol}`)).toEqual(["list http", "watch websocket"]);
    h.server.create("web", "a");
    await caughtUp(h);
    h.server.dropWatches();
    h.server.update("web", "a");
    await caughtUp(h);
    h.server.dropWatches();
    h.server.delete("web", "a");
    h.server.create("web", "b");
    h.server.compact();
    await passBackoff(h); // the 410; the dropped watch had delivered an event and resumed at once
    await caughtUp(h);
    await eventually("the watch is back", () => h.server.watcherCount === 1);
    expect(h.seen).toEqual(["add web/a@2", "update web/a@2->3", "add web/b@5", "delete web/a@3 (final state unknown)"]);
    expect(h.server.requests.map((r) => `${r.kind} ${r.query.get("resourceVersion")}`)).toEqual([
      "list null",
      "watch 1",
      "watch 2",
      "watch 3",
      "list null",
      "watch 5",
    ]);
  });
});
