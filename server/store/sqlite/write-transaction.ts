import type { CreateResult, DeleteResult, KeyValue, StoreEvent, UpdateResult } from "../store.js";
import { type Statements, toKeyValue } from "./statements.js";

/**
 * The writes of one group commit, applied in order inside one SQLite
 * transaction. Each write is checked against the state the writes before it
 * left (so compare-and-swap holds within a batch) and takes the next
 * revision. Nothing here is visible outside until the transaction commits;
 * then `revision` is the store's new revision and `events` go to watchers.
 */
export class WriteTransaction {
  readonly events: StoreEvent[] = [];

  constructor(
    private readonly statements: Statements,
    /** The revision of the last write so far. */
    public revision: number,
  ) {}

  create(key: string, value: string): CreateResult {
    const current = this.current(key);
    if (current !== undefined) return { ok: false, current };
    const rev = this.revision + 1;
    this.statements.insert.run(rev, key, 1, 0, rev, 0, value);
    this.revision = rev;
    const kv: KeyValue = { key, value, createRevision: rev, modRevision: rev };
    this.events.push({ type: "create", kv });
    return { ok: true, kv };
  }

  update(key: string, value: string, expectedRevision: number): UpdateResult {
    const current = this.current(key);
    if (current === undefined || current.modRevision !== expectedRevision) return { ok: false, current };
    const rev = this.revision + 1;
    this.statements.insert.run(rev, key, 0, 0, current.createRevision, current.modRevision, value);
    this.revision = rev;
    const kv: KeyValue = { key, value, createRevision: current.createRevision, modRevision: rev };
    this.events.push({ type: "update", kv, prev: current });
    return { ok: true, kv };
  }

  delete(key: string, expectedRevision: number | undefined): DeleteResult {
    const current = this.current(key);
    if (current === undefined) return { ok: false, current };
    if (expectedRevision !== undefined && current.modRevision !== expectedRevision) return { ok: false, current };
    const rev = this.revision + 1;
    this.statements.insert.run(rev, key, 0, 1, current.createRevision, current.modRevision, "");
    this.revision = rev;
    this.events.push({ type: "delete", kv: { ...current, modRevision: rev }, prev: current });
    return { ok: true, deleted: current, revision: rev };
  }

  private current(key: string): KeyValue | undefined {
    const row = this.statements.latest.get(key);
    return row === undefined || row.deleted === 1 ? undefined : toKeyValue(row);
  }
}
