import { Writable } from "node:stream";
import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { seededRandom } from "../../../test/support/seeded-random.js";
import { FakeClock, sleep } from "../../clock.js";
import { ExponentialFailureRateLimiter } from "./exponential-failure-rate-limiter.js";
import { RateLimitingQueue } from "./rate-limiting-queue.js";
import { logSyncError, runWorkers } from "./run-workers.js";

const flush = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

function backOffQueue(clock: FakeClock, baseMs = 10, maxMs = 1000): RateLimitingQueue {
  return new RateLimitingQueue({ clock, rateLimiter: new ExponentialFailureRateLimiter<string>({ baseMs, maxMs }) });
}

describe("runWorkers", () => {
  it("retries a failing sync with growing back-off, then forgets the item once it succeeds", async () => {
    const clock = new FakeClock();
    const queue = backOffQueue(clock);
    const abort = new AbortController();
    const attempts: number[] = [];
    const errors: Array<[string, string]> = [];
    const running = runWorkers({
      queue,
      workers: 1,
      signal: abort.signal,
      sync: async () => {
        attempts.push(clock.now());
        if (attempts.length <= 3) throw new Error(`attempt ${attempts.length}`);
      },
      onError: (error, item) => errors.push([item, (error as Error).message]),
    });

    queue.add("ns/a");
    for (let ms = 0; ms < 200; ms++) {
      await flush();
      clock.advance(1);
    }

    // Retries 10, 20 and 40 ms after each failure.
    expect(attempts).toEqual([0, 10, 30, 70]);
    expect(errors).toEqual([
      ["ns/a", "attempt 1"],
      ["ns/a", "attempt 2"],
      ["ns/a", "attempt 3"],
    ]);
    expect(queue.numRequeues("ns/a")).toBe(0);
    abort.abort();
    await running;
  });

  it("syncs an item once more when it is added while its sync runs, never twice at once", async () => {
    const clock = new FakeClock();
    const queue = backOffQueue(clock);
    const abort = new AbortController();
    const log: string[] = [];
    const running = runWorkers({
      queue,
      workers: 4,
      signal: abort.signal,
      sync: async (item) => {
        log.push(`start ${item}`);
        await sleep(clock, 10);
        log.push(`end ${item}`);
      },
    });

    queue.add("ns/a");
    await flush();
    queue.add("ns/a");
    queue.add("ns/a");
    await flush();
    clock.advance(10);
    await flush();
    clock.advance(10);
    await flush();

    expect(log).toEqual(["start ns/a", "end ns/a", "start ns/a", "end ns/a"]);
    abort.abort();
    await running;
  });

  it("never syncs one key in two workers at once, and syncs every key after its last add (random adds)", async () => {
    const random = seededRandom(20240611);
    const clock = new FakeClock();
    const queue = backOffQueue(clock, 1, 50);
    const abort = new AbortController();
    const keys = Array.from({ length: 6 }, (_, i) => `ns/key-${i}`);
    const inFlight = new Set<string>();
    const lastAdd = new Map<string, number>();
    const lastStart = new Map<string, number>();
    let event = 0;
    let overlaps = 0;
    let mostInFlight = 0;
    let failing = true;
    const running = runWorkers({
      queue,
      workers: 8,
      signal: abort.signal,
      onError: () => {},
      sync: async (key) => {
        if (inFlight.has(key)) overlaps++;
        inFlight.add(key);
        mostInFlight = Math.max(mostInFlight, inFlight.size);
        lastStart.set(key, ++event);
        try {
          await sleep(clock, Math.floor(random() * 5));
          if (failing && random() < 0.2) throw new Error("flaky");
        } finally {
          inFlight.delete(key);
        }
      },
    });

    for (let step = 0; step < 2000; step++) {
      const adds = Math.floor(random() * 3);
      for (let i = 0; i < adds; i++) {
        const key = keys[Math.floor(random() * keys.length)]!;
        queue.add(key);
        lastAdd.set(key, ++event);
      }
      await flush();
      clock.advance(1);
    }
    failing = false;
    for (let step = 0; step < 200; step++) {
      await flush();
      clock.advance(1);
    }

    expect(overlaps).toBe(0);
    expect(mostInFlight).toBeGreaterThan(1);
    for (const key of keys) expect(lastStart.get(key) ?? 0).toBeGreaterThan(lastAdd.get(key) ?? 0);
    expect(queue.len()).toBe(0);
    abort.abort();
    await running;
  });

  it("on abort shuts the queue down, starts no more syncs, and resolves after the syncs in flight", async () => {
    const clock = new FakeClock();
    const queue = backOffQueue(clock);
    const abort = new AbortController();
    const started: string[] = [];
    const seenSignals: AbortSignal[] = [];
    let finished = 0;
    let stopped = false;
    const running = runWorkers({
      queue,
      workers: 2,
      signal: abort.signal,
      sync: async (item, signal) => {
        started.push(item);
        seenSignals.push(signal);
        await sleep(clock, 100);
        finished++;
      },
    }).then(() => (stopped = true));
    for (const key of ["ns/a", "ns/b", "ns/c", "ns/d"]) queue.add(key);
    await flush();

    abort.abort();
    await flush();
    expect(queue.isShuttingDown()).toBe(true);
    expect(seenSignals.every((signal) => signal.aborted)).toBe(true);
    expect(stopped).toBe(false);

    clock.advance(100);
    await running;
    expect(started).toEqual(["ns/a", "ns/b"]);
    expect(finished).toBe(2);
    expect(stopped).toBe(true);
  });

  it("neither reports nor retries a sync that fails after the abort", async () => {
    const clock = new FakeClock();
    const queue = backOffQueue(clock);
    const abort = new AbortController();
    const errors: unknown[] = [];
    const running = runWorkers({
      queue,
      workers: 1,
      signal: abort.signal,
      onError: (error) => errors.push(error),
      sync: async (_item, signal) => {
        await sleep(clock, 1000, signal);
        throw new Error("interrupted");
      },
    });
    queue.add("ns/a");
    await flush();

    abort.abort();
    await running;

    expect(errors).toEqual([]);
    expect(queue.numRequeues("ns/a")).toBe(0);
    expect(clock.pendingTimers()).toBe(0);
  });

  it("returns at once without syncing when the signal has already aborted", async () => {
    const queue = backOffQueue(new FakeClock());
    queue.add("ns/a");
    let syncs = 0;

    await runWorkers({ queue, workers: 3, signal: AbortSignal.abort(), sync: async () => void syncs++ });

    expect(syncs).toBe(0);
    expect(queue.isShuttingDown()).toBe(true);
  });

  it("refuses a worker count that is not a positive integer", async () => {
    const queue = backOffQueue(new FakeClock());
    const sync = async (): Promise<void> => {};
    await expect(runWorkers({ queue, workers: 0, signal: new AbortController().signal, sync })).rejects.toThrow(
      RangeError,
    );
    await expect(runWorkers({ queue, workers: 1.5, signal: new AbortController().signal, sync })).rejects.toThrow(
      RangeError,
    );
  });
});

describe("logSyncError", () => {
  it("logs one warning with the item, the error and how many times in a row it failed", () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const queue = backOffQueue(new FakeClock());
    queue.addRateLimited("ns/a");
    const report = logSyncError(pino({ level: "warn" }, sink), queue);

    report(new Error("image pull failed"), "ns/a");

    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({
      level: 40,
      item: "ns/a",
      failures: 2,
      err: { message: "image pull failed" },
      msg: expect.stringMatching(/retrying/),
    });
  });
});
