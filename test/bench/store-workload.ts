import { median, opsPerSecond, percentile } from "./measure.js";
import type { BenchTarget } from "./store-targets.js";

/** The figures of one row of the store benchmark. */
export interface StoreFigures {
  sequentialWrites: number;
  concurrentWrites: number;
  gets: number;
  list10kMs: number;
  watchP50Ms: number;
  watchP99Ms: number;
}

export const workload = {
  valueBytes: 500,
  writeSeconds: 3,
  getSeconds: 2,
  concurrentWriters: 16,
  listObjects: 10_000,
  listRuns: 3,
  watchers: 100,
  watchedWrites: 200,
};

const value = JSON.stringify({ kind: "ConfigMap", data: "" }).padEnd(workload.valueBytes, " ");

/**
 * Runs the whole workload against one backend, each part under its own
 * prefix below `root` so the parts do not see each other's keys.
 */
export async function measureStore(target: BenchTarget, root: string): Promise<StoreFigures> {
  const sequentialWrites = await opsPerSecond(workload.writeSeconds * 1000, 1, (n) => target.put(`${root}seq/${n}`, value));
  const concurrentWrites = await opsPerSecond(workload.writeSeconds * 1000, workload.concurrentWriters, (n) =>
    target.put(`${root}conc/${n}`, value),
  );

  const listPrefix = `${root}list/`;
  await fill(target, listPrefix, workload.listObjects);
  const gets = await opsPerSecond(workload.getSeconds * 1000, 1, (n) =>
    target.get(`${listPrefix}${n % workload.listObjects}`),
  );
  const listTimes: number[] = [];
  for (let run = 0; run < workload.listRuns; run++) {
    const start = performance.now();
    const count = await target.list(listPrefix);
    listTimes.push(performance.now() - start);
    if (count !== workload.listObjects) throw new Error(`list returned ${count} of ${workload.listObjects} objects`);
  }

  const latencies = await watchLatencies(target, `${root}watch/`);
  return {
    sequentialWrites,
    concurrentWrites,
    gets,
    list10kMs: median(listTimes),
    watchP50Ms: percentile(latencies, 0.5),
    watchP99Ms: percentile(latencies, 0.99),
  };
}

async function fill(target: BenchTarget, prefix: string, count: number): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: workload.concurrentWriters }, async () => {
      for (let n = next++; n < count; n = next++) await target.put(`${prefix}${n}`, value);
    }),
  );
}

/**
 * With `watchers` watches open on one prefix, writes keys one at a time and
 * records, for every watcher, the time from issuing the write to receiving
 * its event (so the write's own commit is included). The next write starts
 * once every watcher has the previous one.
 */
async function watchLatencies(target: BenchTarget, prefix: string): Promise<number[]> {
  const samples: number[] = [];
  let pending: { key: string; issued: number; remaining: number; done: () => void } | undefined;
  const onEvent = (key: string): void => {
    if (pending === undefined || key !== pending.key) throw new Error(`unexpected watch event for ${key}`);
    samples.push(performance.now() - pending.issued);
    if (--pending.remaining === 0) pending.done();
  };
  const closers = await Promise.all(Array.from({ length: workload.watchers }, () => target.watch(prefix, onEvent)));
  try {
    for (let n = 0; n < workload.watchedWrites; n++) {
      const key = `${prefix}${n}`;
      const delivered = new Promise<void>((done) => {
        pending = { key, issued: performance.now(), remaining: workload.watchers, done };
      });
      await target.put(key, value);
      await delivered;
    }
  } finally {
    for (const close of closers) close();
  }
  return samples;
}
