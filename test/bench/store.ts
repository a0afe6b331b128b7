/**
 * Store benchmark (`npm run bench:store`): one run, one table. Rows: etcd
 * through its own client (the baseline), then each skiff engine through the
 * Store contract. Every write is durable before it is acknowledged: etcd
 * fsyncs its WAL, SQLite runs WAL with synchronous=FULL.
 */
import { join } from "node:path";
import { Etcd3 } from "etcd3";
import { createLogger } from "../../src/log.js";
import { openSqliteStore } from "../../server/store/sqlite/sqlite-store.js";
import { startEtcd } from "../support/etcd.js";
import { makeTempDir } from "../store/helpers/temp-dir.js";
import { formatTable } from "./measure.js";
import { type BenchTarget, etcdDirectTarget, storeTarget } from "./store-targets.js";
import { measureStore, type StoreFigures, workload } from "./store-workload.js";

interface Row {
  engine: string;
  figures: StoreFigures;
}

const log = createLogger("warn");
const rows: Row[] = [];
const notes: string[] = [];

/** Measures one backend on a fresh etcd of its own, so no row inherits another's data. */
async function onFreshEtcd(engine: string, open: (endpoint: string) => Promise<BenchTarget>): Promise<void> {
  const etcd = await startEtcd();
  try {
    const target = await open(etcd.endpoint);
    try {
      rows.push({ engine, figures: await measureStore(target, "/bench/") });
    } finally {
      await target.close();
    }
  } finally {
    await etcd.stop();
  }
}

async function measureSqlite(): Promise<void> {
  const dir = makeTempDir("bench-sqlite");
  try {
    const store = openSqliteStore(join(dir.path, "state.db"), { logger: log });
    const { journalMode, synchronous } = store.durability();
    notes.push(`sqlite: file in ${dir.path} (journal_mode=${journalMode}, synchronous=${synchronous}).`);
    const target = storeTarget(store);
    try {
      rows.push({ engine: "sqlite", figures: await measureStore(target, "/bench/") });
    } finally {
      await target.close();
    }
  } finally {
    dir.remove();
  }
}

async function measureEtcdEngine(): Promise<void> {
  let openEtcdStore: typeof import("../../server/store/etcd/etcd-store.js").openEtcdStore;
  try {
    ({ openEtcdStore } = await import("../../server/store/etcd/etcd-store.js"));
  } catch (error) {
    notes.push(`etcd engine row skipped: ${error instanceof Error ? error.message : String(error)}`);
    return;
  }
  await onFreshEtcd("etcd", async (endpoint) =>
    storeTarget(await openEtcdStore({ endpoints: [endpoint], prefix: "/skiff", log })),
  );
}

function row(engine: string, f: StoreFigures, baseline: StoreFigures | undefined): string[] {
  const ratio = (value: number, base: number | undefined) => (base === undefined ? "–" : `${(value / base).toFixed(1)}×`);
  return [
    engine,
    f.sequentialWrites.toFixed(0),
    f.concurrentWrites.toFixed(0),
    f.gets.toFixed(0),
    f.list10kMs.toFixed(1),
    f.watchP50Ms.toFixed(2),
    f.watchP99Ms.toFixed(2),
    ratio(f.sequentialWrites, baseline?.sequentialWrites),
    ratio(f.concurrentWrites, baseline?.concurrentWrites),
  ];
}

await onFreshEtcd("etcd (direct)", async (endpoint) =>
  etcdDirectTarget(new Etcd3({ hosts: endpoint, grpcOptions: { "grpc.max_receive_message_length": -1 } })),
);
await measureSqlite();
await measureEtcdEngine();

const baseline = rows.find((r) => r.engine === "etcd (direct)")?.figures;
const c = workload.concurrentWriters;
console.log(
  formatTable(
    [
      "engine",
      "writes/s seq",
      `writes/s ${c} conc`,
      "get/s",
      `list ${workload.listObjects / 1000}k (ms)`,
      `watch p50 (ms)`,
      `watch p99 (ms)`,
      "seq vs etcd",
      `${c} conc vs etcd`,
    ],
    rows.map((r) => row(r.engine, r.figures, baseline)),
  ),
);
console.log(
  [
    "",
    `Values of ${workload.valueBytes} bytes; every write is a create of a new key, acknowledged only after fsync.`,
    `Writes run ${workload.writeSeconds} s each, gets ${workload.getSeconds} s (one caller); list is the median of ${workload.listRuns} full listings of ${workload.listObjects} objects.`,
    `Watch latency: ${workload.watchers} watchers on one prefix, ${workload.watchedWrites} writes one at a time; time from issuing the write to each watcher receiving it.`,
    ...notes,
  ].join("\n"),
);

const sqlite = rows.find((r) => r.engine === "sqlite")?.figures;
if (sqlite !== undefined && baseline !== undefined) {
  const writeRatio = Math.min(sqlite.sequentialWrites / baseline.sequentialWrites, sqlite.concurrentWrites / baseline.concurrentWrites);
  console.log(
    `Targets: sqlite ≥ 2× etcd on writes: ${writeRatio >= 2 ? "met" : "NOT met"} (${writeRatio.toFixed(1)}× at worst); ` +
      `sqlite watch p99 < 5 ms at ${workload.watchers} watchers: ${sqlite.watchP99Ms < 5 ? "met" : "NOT met"}.`,
  );
}
