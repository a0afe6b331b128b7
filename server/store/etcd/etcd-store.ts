import { Etcd3, type ICompare, type IOptions, type IRangeResponse, type IRequestOp } from "etcd3";
import { createLogger, type Logger } from "../../../src/log.js";
import { decodeContinueToken, encodeContinueToken } from "../continue-token.js";
import { CompactedError, FutureRevisionError, InvalidContinueError, StoreUnavailableError } from "../errors.js";
import type {
  CreateResult,
  DeleteResult,
  KeyValue,
  ListOptions,
  ListResult,
  Store,
  UpdateResult,
  Watch,
} from "../store.js";
import { findCompactedRevision } from "./compacted-revision.js";
import { isCompactedRevision, isFutureRevision, storeUnavailable } from "./etcd-errors.js";
import { storeFaultHandling } from "./fault-handling.js";
import { KeySpace } from "./key-space.js";
import { parseEtcdStoreOptions, type EtcdStoreOptions, type ResolvedEtcdStoreOptions } from "./options.js";
import { EtcdWatch } from "./watch.js";

const grpcOptions: NonNullable<IOptions["grpcOptions"]> = {
  // etcd is reached directly, never through an HTTP proxy named in the environment.
  "grpc.enable_http_proxy": 0,
  // After a failure etcd3 drops its clients; the new ones must dial afresh,
  // not inherit a connection sitting in reconnect back-off.
  "grpc.use_local_subchannel_pool": 1,
  "grpc.initial_reconnect_backoff_ms": 100,
  "grpc.max_reconnect_backoff_ms": 1_000,
  // Notice a silently dead connection (etcd refuses pings more often than 5 s).
  "grpc.keepalive_time_ms": 10_000,
  "grpc.keepalive_timeout_ms": 5_000,
  // A list of many objects is larger than gRPC's default 4 MiB limit.
  "grpc.max_receive_message_length": -1,
};

/**
 * Opens the etcd store engine and waits (up to `dialTimeoutMs`) until etcd
 * answers, so a wrong address fails here with a StoreUnavailableError naming
 * it. Afterwards the store reconnects by itself: while etcd is unreachable
 * each call fails within `requestTimeoutMs`, and watches resume when it is
 * back.
 *
 * @example
 * const store = await openEtcdStore({ endpoints: ["http://127.0.0.1:2379"], prefix: "/skiff" });
 */
export async function openEtcdStore(options: EtcdStoreOptions & { log?: Logger }): Promise<EtcdStore> {
  const resolved = parseEtcdStoreOptions(options);
  const log = (options.log ?? createLogger()).child({ component: "store", engine: "etcd" });
  const store = new EtcdStore(resolved, log);
  try {
    await store.currentRevision(resolved.dialTimeoutMs);
  } catch (error) {
    await store.close();
    throw error;
  }
  return store;
}

/**
 * The store contract over etcd: revisions are etcd's own, writes are
 * compare-and-swap transactions, watches are etcd watches. Every key is
 * stored under the configured prefix, invisible to callers.
 */
export class EtcdStore implements Store {
  private readonly client: Etcd3;
  private readonly keys: KeySpace;
  private readonly target: string;
  /** A key inside the prefix that reads of "the current revision" look up. */
  private readonly probeKey: Buffer;
  private readonly watches = new Set<EtcdWatch>();
  /** The highest compaction point seen so far; etcd's may be higher. */
  private knownCompacted = 0;

  /** Use openEtcdStore, which also checks that etcd answers. */
  constructor(
    private readonly options: ResolvedEtcdStoreOptions,
    private readonly log: Logger,
  ) {
    const { endpoints, requestTimeoutMs } = options;
    this.client = new Etcd3({
      hosts: endpoints,
      grpcOptions,
      defaultCallOptions: (call) => (call.isStream ? {} : { deadline: Date.now() + requestTimeoutMs }),
      faultHandling: storeFaultHandling(endpoints.length),
    });
    this.keys = new KeySpace(options.prefix);
    this.target = endpoints.join(",");
    this.probeKey = this.keys.key("\u0000");
  }

  /** The revision of the latest write; `timeoutMs` overrides the call deadline. */
  async currentRevision(timeoutMs?: number): Promise<number> {
    const deadline = timeoutMs === undefined ? undefined : { deadline: Date.now() + timeoutMs };
    const response = await this.call(
      () => this.client.kv.range({ key: this.probeKey, count_only: true }, deadline),
      timeoutMs,
    );
    return Number(response.header.revision);
  }

  async get(key: string): Promise<KeyValue | undefined> {
    const response = await this.call(() => this.client.kv.range({ key: this.keys.key(key) }));
    const kv = response.kvs[0];
    return kv ? this.keys.keyValue(kv) : undefined;
  }

  async create(key: string, value: string): Promise<CreateResult> {
    const etcdKey = this.keys.key(key);
    const response = await this.transaction(
      [{ key: etcdKey, target: "Create", result: "Equal", create_revision: 0 }],
      { request_put: { key: etcdKey, value: Buffer.from(value, "utf8") } },
      etcdKey,
    );
    const revision = Number(response.header.revision);
    if (response.succeeded) return { ok: true, kv: { key, value, createRevision: revision, modRevision: revision } };
    const current = this.firstOf(response.responses[0]?.response_range);
    // Only a key that exists fails the comparison, and the read runs in the same transaction.
    if (!current) throw this.nonsense(`a failed create of ${key} came back without the existing key`);
    return { ok: false, current };
  }

  async update(key: string, value: string, expectedRevision: number): Promise<UpdateResult> {
    const etcdKey = this.keys.key(key);
    const response = await this.transaction(
      [exists(etcdKey), { key: etcdKey, target: "Mod", result: "Equal", mod_revision: expectedRevision }],
      { request_put: { key: etcdKey, value: Buffer.from(value, "utf8"), prev_kv: true } },
      etcdKey,
    );
    if (!response.succeeded) return { ok: false, current: this.firstOf(response.responses[0]?.response_range) };
    const previous = response.responses[0]?.response_put?.prev_kv;
    if (!previous) throw this.nonsense(`the update of ${key} came back without the previous value`);
    const modRevision = Number(response.header.revision);
    return { ok: true, kv: { key, value, createRevision: Number(previous.create_revision), modRevision } };
  }

  async delete(key: string, expectedRevision?: number): Promise<DeleteResult> {
    const etcdKey = this.keys.key(key);
    const compare: ICompare[] = [exists(etcdKey)];
    if (expectedRevision !== undefined) {
      compare.push({ key: etcdKey, target: "Mod", result: "Equal", mod_revision: expectedRevision });
    }
    const response = await this.transaction(
      compare,
      { request_delete_range: { key: etcdKey, prev_kv: true } },
      etcdKey,
    );
    if (!response.succeeded) return { ok: false, current: this.firstOf(response.responses[0]?.response_range) };
    const deleted = response.responses[0]?.response_delete_range?.prev_kvs[0];
    if (!deleted) throw this.nonsense(`the delete of ${key} came back without the deleted value`);
    return { ok: true, deleted: this.keys.keyValue(deleted), revision: Number(response.header.revision) };
  }

  /**
   * One range at one revision per page: the first page reads at the current
   * revision (or `options.revision`), and its continue token carries that
   * revision, so every later page sees the same snapshot.
   */
  async list(prefix: string, options: ListOptions = {}): Promise<ListResult> {
    let revision = options.revision ?? 0;
    let startAfter: string | undefined;
    if (options.continue !== undefined) {
      const position = decodeContinueToken(options.continue, prefix);
      if (options.revision !== undefined && options.revision !== position.revision) {
        throw new InvalidContinueError(
          `continue token is for revision ${position.revision}, not ${options.revision}`,
        );
      }
      revision = position.revision;
      startAfter = position.startAfter;
    }
    const response = await this.readAt(revision, () =>
      this.client.kv.range({ ...this.keys.range(prefix, startAfter), revision, limit: options.limit ?? 0 }),
    );
    const listRevision = revision > 0 ? revision : Number(response.header.revision);
    const items = response.kvs.map((kv) => this.keys.keyValue(kv));
    const last = items.at(-1);
    if (!response.more || !last) return { items, revision: listRevision };
    const next = encodeContinueToken({ revision: listRevision, startAfter: last.key, prefix });
    return { items, revision: listRevision, continue: next };
  }

  watch(prefix: string, afterRevision: number): Watch {
    const watch: EtcdWatch = new EtcdWatch(
      {
        openStream: () => this.client.watchClient.watch(),
        keys: this.keys,
        target: this.target,
        sawCompaction: (revision) => this.sawCompaction(revision),
        log: this.log,
      },
      prefix,
      afterRevision,
      () => this.watches.delete(watch),
    );
    this.watches.add(watch);
    return watch;
  }

  /**
   * etcd compaction. It is cluster-wide: with a prefix, it forgets the
   * history of every prefix in that etcd, not only this store's. Compacting
   * to a revision already compacted is a no-op.
   */
  async compact(revision: number): Promise<void> {
    if (revision < 1) return;
    try {
      await this.client.kv.compact({ revision });
    } catch (error) {
      if (isCompactedRevision(error)) return;
      if (isFutureRevision(error)) throw new FutureRevisionError(revision, await this.currentRevision());
      throw this.unavailable(error);
    }
    this.sawCompaction(revision);
  }

  /** Exact, including compactions made by others; see compacted-revision.ts for the cost. */
  async compactedRevision(): Promise<number> {
    const found = await findCompactedRevision(
      this.knownCompacted,
      () => this.currentRevision(),
      (revision) => this.isReadable(revision),
    );
    this.sawCompaction(found);
    return found;
  }

  async close(): Promise<void> {
    for (const watch of [...this.watches]) watch.close();
    this.client.close();
  }

  private sawCompaction(revision: number): void {
    this.knownCompacted = Math.max(this.knownCompacted, revision);
  }

  private async isReadable(revision: number): Promise<boolean> {
    try {
      await this.client.kv.range({ key: this.probeKey, revision, count_only: true });
      return true;
    } catch (error) {
      if (isCompactedRevision(error)) return false;
      throw this.unavailable(error);
    }
  }

  /** A range at `revision` (0: current), with etcd's revision errors as the store's. */
  private async readAt(revision: number, read: () => Promise<IRangeResponse>): Promise<IRangeResponse> {
    try {
      return await read();
    } catch (error) {
      if (isCompactedRevision(error)) throw new CompactedError(revision, await this.compactedRevision());
      if (isFutureRevision(error)) throw new FutureRevisionError(revision, await this.currentRevision());
      throw this.unavailable(error);
    }
  }

  /** If `compare` holds, runs `then`; otherwise reads `key` so the caller can say what stopped it. */
  private transaction(compare: ICompare[], then: IRequestOp, key: Buffer) {
    return this.call(() =>
      this.client.kv.txn({ compare, success: [then], failure: [{ request_range: { key } }] }),
    );
  }

  private firstOf(response: IRangeResponse | undefined): KeyValue | undefined {
    const kv = response?.kvs[0];
    return kv ? this.keys.keyValue(kv) : undefined;
  }

  private async call<T>(run: () => Promise<T>, timeoutMs?: number): Promise<T> {
    try {
      return await run();
    } catch (error) {
      throw this.unavailable(error, timeoutMs);
    }
  }

  private unavailable(error: unknown, timeoutMs = this.options.requestTimeoutMs): StoreUnavailableError {
    return storeUnavailable(error, this.options.endpoints, timeoutMs);
  }

  /** etcd answered something a transaction cannot produce. */
  private nonsense(message: string): StoreUnavailableError {
    return new StoreUnavailableError(this.target, `unexpected answer from etcd: ${message}`);
  }
}

/** The key exists: etcd compares a missing key as create revision 0. */
function exists(key: Buffer): ICompare {
  return { key, target: "Create", result: "Greater", create_revision: 0 };
}
