/**
 * The store contract: a revisioned key-value log, as etcd offers and as kine
 * puts over SQL. Every write gets the next global revision. Expected outcomes
 * (the key exists, the revision did not match, the key is gone) are results,
 * not exceptions; only real failures throw (see errors.ts).
 *
 * Keys are strings such as `/registry/pods/default/web-1`; values are opaque
 * strings (the apiserver stores JSON).
 */

/** One key at one revision. */
export interface KeyValue {
  key: string;
  value: string;
  /** Revision at which the key was (last) created. */
  createRevision: number;
  /** Revision of the write that produced this value. */
  modRevision: number;
}

export type CreateResult =
  | { ok: true; kv: KeyValue }
  | { ok: false; current: KeyValue };

/**
 * `current` is the value that stopped the write, or undefined when the key
 * does not exist.
 */
export type UpdateResult =
  | { ok: true; kv: KeyValue }
  | { ok: false; current: KeyValue | undefined };

/** `deleted` is the value as it was just before the delete. */
export type DeleteResult =
  | { ok: true; deleted: KeyValue; revision: number }
  | { ok: false; current: KeyValue | undefined };

export interface ListOptions {
  /** At most this many items; 0 or absent means all. */
  limit?: number;
  /** Token from a previous page; the list continues at that page's revision. */
  continue?: string;
  /** Read at this revision instead of the current one. */
  revision?: number;
}

export interface ListResult {
  items: KeyValue[];
  /** The revision the whole listing (all its pages) was read at. */
  revision: number;
  /** Present when more items remain: pass it back as `continue`. */
  continue?: string;
}

export type StoreEvent =
  | { type: "create"; kv: KeyValue }
  | { type: "update"; kv: KeyValue; prev: KeyValue }
  /**
   * `kv.modRevision` is the delete's revision; `prev` is the deleted value.
   * `kv` is `prev` with the delete's revision (same value and createRevision).
   */
  | { type: "delete"; kv: KeyValue; prev: KeyValue };

/**
 * A running watch. Iterating yields every change under the prefix after the
 * start revision, in revision order, none lost and none twice. Iteration ends
 * when `close()` is called, and throws `CompactedError` if the start revision
 * has been compacted, or `StoreUnavailableError` if the engine lost its
 * backend for good.
 */
export interface Watch extends AsyncIterable<StoreEvent> {
  close(): void;
}

export interface Store {
  /** The revision of the latest write. */
  currentRevision(): Promise<number>;
  get(key: string): Promise<KeyValue | undefined>;
  /** Fails (ok: false) if the key exists. */
  create(key: string, value: string): Promise<CreateResult>;
  /** Compare-and-swap: writes only if the key's modRevision is `expectedRevision`. */
  update(key: string, value: string, expectedRevision: number): Promise<UpdateResult>;
  /** Deletes the key; with `expectedRevision`, only if its modRevision matches. */
  delete(key: string, expectedRevision?: number): Promise<DeleteResult>;
  /** Keys that start with `prefix`, in key order, at one consistent revision. */
  list(prefix: string, options?: ListOptions): Promise<ListResult>;
  /** Changes under `prefix` with revision greater than `afterRevision`. */
  watch(prefix: string, afterRevision: number): Watch;
  /** Forgets history older than `revision`; reads before it then fail with CompactedError. */
  compact(revision: number): Promise<void>;
  /** The oldest revision that reads and watches can still start from. */
  compactedRevision(): Promise<number>;
  close(): Promise<void>;
}
