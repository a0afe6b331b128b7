import type Database from "better-sqlite3";
import type { KeyValue, StoreEvent } from "../store.js";

/** A row of the log table. */
export interface LogRow {
  rev: number;
  key: string;
  created: number;
  deleted: number;
  create_rev: number;
  prev_rev: number;
  value: string;
}

/** A log row joined with the row it replaced (absent for a create). */
export interface EventRow extends LogRow {
  p_rev: number | null;
  p_create_rev: number | null;
  p_value: string | null;
}

export type InsertParams = [rev: number, key: string, created: number, deleted: number, createRev: number, prevRev: number, value: string];
type Upper = string | Buffer;

/** Every statement the engine runs, prepared once per open file. */
export function prepareStatements(db: Database.Database) {
  return {
    latest: db.prepare<[key: string], LogRow>("SELECT * FROM log WHERE key = ? ORDER BY rev DESC LIMIT 1"),
    insert: db.prepare<InsertParams>(
      "INSERT INTO log (rev, key, created, deleted, create_rev, prev_rev, value) VALUES (?, ?, ?, ?, ?, ?, ?)",
    ),
    maxRevision: db.prepare<[], { rev: number | null }>("SELECT max(rev) AS rev FROM log"),
    meta: db.prepare<[name: string], { value: number }>("SELECT value FROM meta WHERE name = ?"),
    setMeta: db.prepare<[name: string, value: number]>(
      "INSERT INTO meta (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value",
    ),
    /**
     * The live keys of a range as of a revision, in key order: for each key
     * its newest row at or before the revision, unless that row is a
     * tombstone. `lower` is inclusive, so a page continues from justAfter().
     */
    listAt: db.prepare<[{ lower: string; upper: Upper; revision: number; limit: number }], LogRow>(`
      SELECT l.* FROM log l
      WHERE l.key >= @lower AND l.key < @upper AND l.rev <= @revision AND l.deleted = 0
        AND NOT EXISTS (SELECT 1 FROM log n WHERE n.key = l.key AND n.rev > l.rev AND n.rev <= @revision)
      ORDER BY l.key
      LIMIT @limit`),
    /** Every write after a revision in a key range, oldest first, with the row it replaced. */
    eventsAfter: db.prepare<[{ after: number; lower: string; upper: Upper }], EventRow>(`
      SELECT l.*, p.rev AS p_rev, p.create_rev AS p_create_rev, p.value AS p_value
      FROM log l LEFT JOIN log p ON p.rev = l.prev_rev
      WHERE l.rev > @after AND l.key >= @lower AND l.key < @upper
      ORDER BY l.rev`),
    /** Rows replaced by a write in (from, to]: history nobody can ask for once `to` is compacted. */
    deleteReplaced: db.prepare<[{ from: number; to: number }]>(`
      DELETE FROM log WHERE rev IN (
        SELECT prev_rev FROM log WHERE rev > @from AND rev <= @to AND prev_rev != 0)`),
    deleteTombstones: db.prepare<[{ from: number; to: number }]>(
      "DELETE FROM log WHERE rev > @from AND rev <= @to AND deleted = 1",
    ),
  };
}

export type Statements = ReturnType<typeof prepareStatements>;

export function toKeyValue(row: LogRow): KeyValue {
  return { key: row.key, value: row.value, createRevision: row.create_rev, modRevision: row.rev };
}

/**
 * The event a log row stands for. A tombstone row holds no value: a
 * delete's `kv` is the deleted value (`prev`) at the delete's revision.
 */
export function toEvent(row: EventRow): StoreEvent {
  if (row.created === 1) return { type: "create", kv: toKeyValue(row) };
  if (row.p_rev === null || row.p_create_rev === null || row.p_value === null) {
    throw new Error(`log row ${row.rev} for ${row.key} has lost the row it replaced (${row.prev_rev})`);
  }
  const prev: KeyValue = { key: row.key, value: row.p_value, createRevision: row.p_create_rev, modRevision: row.p_rev };
  if (row.deleted === 1) return { type: "delete", kv: { ...prev, modRevision: row.rev }, prev };
  return { type: "update", kv: toKeyValue(row), prev };
}
