import type Database from "better-sqlite3";
import { PushQueue } from "../../../src/async/push-queue.js";
import { createLogger, type Logger } from "../../../src/log.js";
import { type CompactionPolicy, Compactor, defaultCompactionPolicy } from "../compactor.js";
import { decodeContinueToken, encodeContinueToken } from "../continue-token.js";
import { CompactedError, FutureRevisionError, StoreUnavailableError } from "../errors.js";
import type {
  CreateResult,
  DeleteResult,
  KeyValue,
  ListOptions,
  ListResult,
  Store,
  StoreEvent,
  UpdateResult,
  Watch,
} from "../store.js";
import { GroupCommitter } from "./group-commit.js";
import { justAfter, prefixRange } from "./key-range.js";
import { openDatabase } from "./schema.js";
import { prepareStatements, type Statements, toEvent, toKeyValue } from "./statements.js";
import { unavailable } from "./unavailable.js";
import { WatchHub } from "./watch-hub.js";
import { WriteTransaction } from "./write-transaction.js";

export interface SqliteStoreOptions {
  /** Automatic compaction; `false` turns it off. Defaults: every 5 minutes, keep 1000 revisions. */
  compaction?: Partial<CompactionPolicy> | false;
  /** How long opening waits for another holder of the file's lock. Default 5000 ms. */
  busyTimeoutMs?: number;
  /** Refuse writes that would grow the file beyond this many bytes. Default: no limit. */
  quotaBytes?: number;
  logger?: Logger;
}

/** The SQLite settings durability rests on, as the open connection reports them. */
export interface SqliteDurability {
  journalMode: string;
  synchronous: "OFF" | "NORMAL" | "FULL" | "EXTRA";
  lockingMode: string;
}

/** Revisions compacted per transaction, so one pass never blocks the process for long. */
const compactionChunk = 10_000;
const synchronousNames = ["OFF", "NORMAL", "FULL", "EXTRA"] as const;

/**
 * Opens the store file at `path`, creating it if needed, and starts its
 * compactor. Throws StoreUnavailableError naming the path when the file
 * cannot be used: missing directory, corrupt or foreign file, locked by
 * another process.
 */
export function openSqliteStore(path: string, options: SqliteStoreOptions = {}): SqliteStore {
  let db: Database.Database;
  try {
    db = openDatabase(path, { busyTimeoutMs: options.busyTimeoutMs ?? 5000, quotaBytes: options.quotaBytes });
  } catch (error) {
    throw unavailable(path, error);
  }
  const log = options.logger ?? createLogger().child({ component: "store", path });
  try {
    return new SqliteStore(path, db, log, options.compaction);
  } catch (error) {
    db.close();
    throw unavailable(path, error);
  }
}

/**
 * The embedded store: a kine-style log in one SQLite file, written by this
 * process only. Writes go through group commit (see group-commit.ts);
 * watches are fed in-process straight after each commit.
 */
export class SqliteStore implements Store {
  private readonly statements: Statements;
  private readonly committer: GroupCommitter<WriteTransaction>;
  private readonly transact: (apply: (batch: WriteTransaction) => void, batch: WriteTransaction) => void;
  private readonly hub = new WatchHub();
  private readonly compactor: Compactor | undefined;
  private revision: number;
  private compacted: number;
  private closed = false;

  /** Use openSqliteStore. */
  constructor(
    readonly path: string,
    private readonly db: Database.Database,
    log: Logger,
    compaction: Partial<CompactionPolicy> | false | undefined,
  ) {
    this.statements = prepareStatements(db);
    this.transact = db.transaction((apply: (batch: WriteTransaction) => void, batch: WriteTransaction) => apply(batch));
    this.compacted = this.statements.meta.get("compacted")?.value ?? 0;
    // Compaction may have removed the newest row (a tombstone at the compacted revision).
    this.revision = Math.max(this.statements.maxRevision.get()?.rev ?? 0, this.compacted);
    this.committer = new GroupCommitter((applyAll) => this.commit(applyAll));
    if (compaction !== false) {
      this.compactor = new Compactor(this, { ...defaultCompactionPolicy, ...compaction }, log);
      this.compactor.start();
    }
  }

  async currentRevision(): Promise<number> {
    this.ensureOpen();
    return this.revision;
  }

  async compactedRevision(): Promise<number> {
    this.ensureOpen();
    return this.compacted;
  }

  async get(key: string): Promise<KeyValue | undefined> {
    return this.read(() => {
      const row = this.statements.latest.get(key);
      return row === undefined || row.deleted === 1 ? undefined : toKeyValue(row);
    });
  }

  create(key: string, value: string): Promise<CreateResult> {
    return this.write((batch) => batch.create(key, value));
  }

  update(key: string, value: string, expectedRevision: number): Promise<UpdateResult> {
    return this.write((batch) => batch.update(key, value, expectedRevision));
  }

  delete(key: string, expectedRevision?: number): Promise<DeleteResult> {
    return this.write((batch) => batch.delete(key, expectedRevision));
  }

  /**
   * A page of the live keys under `prefix`. With a continue token the page is
   * read at the token's revision (`options.revision` is then ignored);
   * otherwise at `options.revision`, or the current revision when that is
   * absent or 0.
   */
  async list(prefix: string, options: ListOptions = {}): Promise<ListResult> {
    this.ensureOpen();
    let revision: number;
    let lower: string;
    if (options.continue !== undefined) {
      const position = decodeContinueToken(options.continue, prefix);
      revision = position.revision;
      lower = justAfter(position.startAfter);
    } else {
      revision = options.revision !== undefined && options.revision > 0 ? options.revision : this.revision;
      lower = prefix;
    }
    this.checkReadable(revision);
    const limit = options.limit !== undefined && options.limit > 0 ? options.limit : undefined;
    const upper = prefixRange(prefix).upper;
    // One row more than asked tells whether another page follows.
    const rows = this.read(() => this.statements.listAt.all({ lower, upper, revision, limit: limit === undefined ? -1 : limit + 1 }));
    const items = rows.slice(0, limit).map(toKeyValue);
    const last = items.at(-1);
    if (limit === undefined || rows.length <= limit || last === undefined) return { items, revision };
    return { items, revision, continue: encodeContinueToken({ revision, startAfter: last.key, prefix }) };
  }

  /**
   * Reads the backlog after `afterRevision` and registers for live events in
   * one synchronous step: no commit can fall between the two.
   */
  watch(prefix: string, afterRevision: number): Watch {
    if (this.closed) return failedWatch(new StoreUnavailableError(this.path, "store is closed"));
    if (afterRevision < this.compacted) return failedWatch(new CompactedError(afterRevision, this.compacted));
    let backlog: StoreEvent[] = [];
    if (afterRevision < this.revision) {
      const { lower, upper } = prefixRange(prefix);
      try {
        backlog = this.statements.eventsAfter.all({ after: afterRevision, lower, upper }).map(toEvent);
      } catch (error) {
        return failedWatch(unavailable(this.path, error));
      }
    }
    return this.hub.open(prefix, afterRevision, backlog);
  }

  /**
   * Deletes every row that no read at or after `revision` can need, in
   * chunks, then gives the freed pages back to the file system and
   * truncates the WAL.
   */
  async compact(revision: number): Promise<void> {
    this.ensureOpen();
    if (revision > this.revision) throw new FutureRevisionError(revision, this.revision);
    if (revision <= this.compacted) return;
    while (this.compacted < revision) {
      this.ensureOpen();
      const from = this.compacted;
      const to = Math.min(revision, from + compactionChunk);
      this.read(() =>
        this.db.transaction(() => {
          this.statements.deleteReplaced.run({ from, to });
          this.statements.deleteTombstones.run({ from, to });
          this.statements.setMeta.run("compacted", to);
        })(),
      );
      this.compacted = to;
      if (to < revision) await new Promise((resolve) => setImmediate(resolve));
    }
    this.ensureOpen();
    this.read(() => {
      this.db.pragma("incremental_vacuum");
      this.db.pragma("wal_checkpoint(TRUNCATE)");
    });
  }

  /** Stops the compactor, commits writes already accepted, ends every watch and closes the file. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.compactor?.stop();
    this.committer.flush();
    this.hub.closeAll();
    try {
      this.db.close();
    } catch (error) {
      throw unavailable(this.path, error);
    }
  }

  /** Reads back the settings that make an acknowledged write durable. */
  durability(): SqliteDurability {
    return this.read(() => ({
      journalMode: String(this.db.pragma("journal_mode", { simple: true })),
      synchronous: synchronousNames[Number(this.db.pragma("synchronous", { simple: true }))] ?? "OFF",
      lockingMode: String(this.db.pragma("locking_mode", { simple: true })),
    }));
  }

  private write<R>(work: (batch: WriteTransaction) => R): Promise<R> {
    if (this.closed) return Promise.reject(new StoreUnavailableError(this.path, "store is closed"));
    return this.committer.submit(work);
  }

  /** One group commit: apply the batch in a transaction, then publish its events. */
  private commit(applyAll: (batch: WriteTransaction) => void): void {
    const batch = new WriteTransaction(this.statements, this.revision);
    try {
      // better-sqlite3 rolls the transaction back if anything in it throws.
      this.transact(applyAll, batch);
    } catch (error) {
      throw unavailable(this.path, error);
    }
    this.revision = batch.revision;
    this.hub.publish(batch.events);
  }

  private checkReadable(revision: number): void {
    if (revision > this.revision) throw new FutureRevisionError(revision, this.revision);
    if (revision < this.compacted) throw new CompactedError(revision, this.compacted);
  }

  private read<R>(query: () => R): R {
    this.ensureOpen();
    try {
      return query();
    } catch (error) {
      throw unavailable(this.path, error);
    }
  }

  private ensureOpen(): void {
    if (this.closed) throw new StoreUnavailableError(this.path, "store is closed");
  }
}

function failedWatch(error: Error): Watch {
  const queue = new PushQueue<StoreEvent>();
  queue.fail(error);
  return queue;
}
