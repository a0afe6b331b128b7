import Database from "better-sqlite3";
import { StoreUnavailableError } from "../errors.js";

/** Bumped when the table layout changes; stored in PRAGMA user_version. */
export const schemaVersion = 1;

/**
 * The log, as kine keeps it: one row per write, never updated in place.
 * A key's current value is its newest row; a delete is a row with
 * deleted = 1 (a tombstone). prev_rev points at the row a write replaced
 * (0 for a create), so an update or delete event can always show what came
 * before. Compaction deletes whole rows and nothing else.
 */
const createTables = `
  CREATE TABLE log (
    rev        INTEGER PRIMARY KEY,
    key        TEXT    NOT NULL,
    created    INTEGER NOT NULL,
    deleted    INTEGER NOT NULL,
    create_rev INTEGER NOT NULL,
    prev_rev   INTEGER NOT NULL,
    value      TEXT    NOT NULL
  ) STRICT;
  CREATE INDEX log_key_rev ON log (key, rev);
  CREATE TABLE meta (
    name  TEXT    PRIMARY KEY,
    value INTEGER NOT NULL
  ) STRICT;
`;

export interface DatabaseOptions {
  /** How long to wait for another holder of the file's lock before giving up. */
  busyTimeoutMs: number;
  /** Refuse writes that would grow the file beyond this (like etcd's quota-backend-bytes). */
  quotaBytes: number | undefined;
}

/**
 * Opens (creating if needed) the store file with the settings durability
 * depends on: WAL with synchronous=FULL, so a commit is fsynced before it
 * returns; exclusive locking, because watches are served in-process and so
 * only one process may ever write the file; incremental auto-vacuum, so
 * compaction can give pages back to the file system. Throws SQLite's
 * errors as they are; the caller names the path.
 */
export function openDatabase(path: string, options: DatabaseOptions): Database.Database {
  const db = new Database(path, { timeout: options.busyTimeoutMs });
  try {
    db.pragma("locking_mode = EXCLUSIVE");
    const fresh = (db.pragma("user_version", { simple: true }) as number) === 0;
    if (fresh) {
      // Must precede the first table: it is a property of the file's layout.
      db.pragma("auto_vacuum = INCREMENTAL");
    }
    const mode = db.pragma("journal_mode = WAL", { simple: true });
    if (mode !== "wal") throw new StoreUnavailableError(path, `cannot switch to WAL (journal mode is ${String(mode)})`);
    db.pragma("synchronous = FULL");
    // WAL files are reused after checkpoints; cap what one is left at.
    db.pragma("journal_size_limit = 8388608");
    if (options.quotaBytes !== undefined) {
      const pageSize = db.pragma("page_size", { simple: true }) as number;
      db.pragma(`max_page_count = ${Math.max(1, Math.floor(options.quotaBytes / pageSize))}`);
    }
    // Take the exclusive lock now rather than at the first write, so a
    // second process fails here, at open, with a clear message.
    db.exec("BEGIN EXCLUSIVE");
    try {
      migrate(path, db, fresh);
      db.exec("COMMIT");
    } finally {
      if (db.inTransaction) db.exec("ROLLBACK");
    }
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

function migrate(path: string, db: Database.Database, fresh: boolean): void {
  if (fresh) {
    const tables = db.prepare("SELECT count(*) AS n FROM sqlite_schema").get() as { n: number };
    if (tables.n > 0) throw new StoreUnavailableError(path, "file is a SQLite database but not a skiff store");
    db.exec(createTables);
    db.pragma(`user_version = ${schemaVersion}`);
    return;
  }
  const version = db.pragma("user_version", { simple: true }) as number;
  if (version !== schemaVersion) {
    throw new StoreUnavailableError(path, `store schema version ${version} is not supported (expected ${schemaVersion})`);
  }
}
