import { afterAll, describe, expect, it } from "vitest";
import type { WatchProtocol } from "../watch/watch-options.js";
import { eventually } from "./testing/eventually.js";
import type { FakeApiServer, FakePod } from "./testing/fake-api-server.js";
import { startHarness } from "./testing/informer-harness.js";
import { seededRandom } from "../../../test/support/seeded-random.js";

const namespaces = ["a", "b"];
const namePool = Array.from({ length: 8 }, (_, i) => `p${i}`);
const steps = 300;

const keyOf = (pod: FakePod): string => `${pod.metadata.namespace}/${pod.metadata.name}`;
const summary = (pods: Iterable<FakePod>): string[] =>
  [...pods].map((p) => `${keyOf(p)} ${p.metadata.uid}@${p.metadata.resourceVersion}`).sort();

/**
 * A handler that checks what it is told makes sense object by object (by
 * uid: an add first, then updates to newer versions, then at most one
 * delete, then nothing), that its calls never overlap, and that replaying
 * them gives a view of the world.
 */
function consistencyChecker(random: () => number) {
  const life = new Map<string, "live" | "gone">();
  const view = new Map<string, FakePod>();
  const violations: string[] = [];
  let inFlight = 0;
  const call = async (what: string, check: () => void): Promise<void> => {
    if (inFlight > 0) violations.push(`${what}: called while another call was under way`);
    inFlight++;
    check();
    // Some calls take a while, so notifications queue up behind them.
    if (random() < 0.2) await new Promise((resolve) => setImmediate(resolve));
    inFlight--;
  };
  const handler = {
    onAdd: (pod: FakePod) =>
      call(`add ${keyOf(pod)}`, () => {
        if (life.has(pod.metadata.uid)) violations.push(`add of ${pod.metadata.uid}, which was already ${life.get(pod.metadata.uid)}`);
        if (view.has(keyOf(pod))) violations.push(`add of ${keyOf(pod)} while ${view.get(keyOf(pod))?.metadata.uid} holds the name`);
        life.set(pod.metadata.uid, "live");
        view.set(keyOf(pod), pod);
      }),
    onUpdate: (old: FakePod, pod: FakePod) =>
      call(`update ${keyOf(pod)}`, () => {
        const state = life.get(old.metadata.uid) ?? "unknown";
        if (state !== "live") violations.push(`update of ${old.metadata.uid}, which is ${state}`);
        if (old.metadata.uid !== pod.metadata.uid) violations.push(`update from ${old.metadata.uid} to ${pod.metadata.uid}`);
        if (view.get(keyOf(pod)) !== old) violations.push(`update of ${keyOf(pod)} from a state the handler was not given`);
        if (Number(pod.metadata.resourceVersion) <= Number(old.metadata.resourceVersion)) {
          violations.push(`update of ${keyOf(pod)} from ${old.metadata.resourceVersion} to ${pod.metadata.resourceVersion}`);
        }
        view.set(keyOf(pod), pod);
      }),
    onDelete: (pod: FakePod) =>
      call(`delete ${keyOf(pod)}`, () => {
        const state = life.get(pod.metadata.uid) ?? "unknown";
        if (state !== "live") violations.push(`delete of ${pod.metadata.uid}, which is ${state}`);
        life.set(pod.metadata.uid, "gone");
        view.delete(keyOf(pod));
      }),
  };
  return { handler, view, violations };
}

/** One random step against the server: mostly writes, sometimes a fault. */
function randomStep(server: FakeApiServer, random: () => number): string {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const existing = server.state();
  const roll = random();
  if (roll < 0.35 || existing.length === 0) {
    const namespace = pick(namespaces);
    const name = pick(namePool);
    if (server.get(namespace, name)) server.update(namespace, name);
    else server.create(namespace, name, { labels: { tier: pick(["web", "api"]) } });
    return "write";
  }
  const target = pick(existing);
  if (roll < 0.6) server.update(target.metadata.namespace, target.metadata.name, (m) => (m.labels = { tier: pick(["web", "api"]) }));
  else if (roll < 0.75) server.delete(target.metadata.namespace, target.metadata.name);
  else if (roll < 0.8) server.dropWatches({ midEvent: random() < 0.5 });
  else if (roll < 0.83) server.endWatches();
  else if (roll < 0.87) server.compact();
  else if (roll < 0.9) server.bookmark();
  else if (roll < 0.92) server.failNext(pick(["list", "watch"] as const), pick([500, 503, 429, 403]));
  else return "pause";
  return "other";
}

const coverage = { relists: 0, watches: 0, continued: 0 };

describe("informer against random writes, drops, 410s and refusals", () => {
  const runs: Array<[number, WatchProtocol]> = [
    [1, "http"],
    [2, "http"],
    [3, "websocket"],
    [4, "http"],
    [5, "websocket"],
    [6, "http"],
    [7, "websocket"],
    [8, "http"],
  ];

  it.each(runs)("seed %i over %s: the cache ends equal to the server, and handlers saw a consistent story", async (seed, protocol) => {
    const random = seededRandom(seed);
    const harness = await startHarness({
      protocol,
      pageSize: 1 + Math.floor(random() * 4),
      random: seededRandom(seed + 1000),
      seed: (server) => {
        for (let i = 0; i < 6; i++) randomStep(server, random);
      },
    });
    const { server, informer, clock } = harness;
    const checker = consistencyChecker(seededRandom(seed + 2000));
    informer.addEventHandler(checker.handler);
    // Whatever waits on the clock (back-offs) gets to go on.
    const driver = setInterval(() => {
      if (clock.pendingTimers() > 0) clock.advance(60_000);
    }, 1);
    try {
      harness.run();
      for (let step = 0; step < steps; step++) {
        if (randomStep(server, random) === "pause") await new Promise((resolve) => setTimeout(resolve, Math.floor(random() * 4)));
        else if (random() < 0.3) await new Promise((resolve) => setImmediate(resolve));
      }
      const expected = summary(server.state());
      const same = (actual: string[]): boolean => JSON.stringify(actual) === JSON.stringify(expected);
      await eventually(
        "cache and handler view equal the server",
        () => same(summary(informer.lister.list())) && same(summary(checker.view.values())),
        15_000,
      );
      await informer.idle();
      expect(summary(checker.view.values())).toEqual(expected);
      expect(checker.violations).toEqual([]);
      const lists = server.requests.filter((r) => r.kind === "list" && !r.query.has("continue"));
      coverage.relists += lists.length - 1;
      coverage.continued += server.requests.filter((r) => r.query.has("continue")).length;
      coverage.watches += server.requests.filter((r) => r.kind === "watch").length;
    } finally {
      clearInterval(driver);
      await harness.stop();
    }
  });

  afterAll(() => {
    // The runs must have gone through the paths they are meant to test.
    expect(coverage.relists).toBeGreaterThan(runs.length);
    expect(coverage.continued).toBeGreaterThan(0);
    expect(coverage.watches).toBeGreaterThan(runs.length * 5);
  });
});
