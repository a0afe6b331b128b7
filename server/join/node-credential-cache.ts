import { sleep, type Clock } from "../../src/clock.js";
import type { Logger } from "../../src/log.js";
import { CompactedError } from "../store/errors.js";
import type { KeyValue, Store, Watch } from "../store/store.js";
import { nodeCredentialPrefix } from "./keys.js";
import { parseNodeCredential } from "./node-credential-records.js";
import { secretHash } from "./secret-hash.js";

interface Entry {
  /** Undefined once the credential was deleted (kept so an older event cannot bring it back). */
  tokenHash: string | undefined;
  revision: number;
}

const retryDelayMs = 1_000;

/**
 * Every node credential in memory, kept current from the store by list and
 * watch, so authenticating a node costs a hash and a map lookup, never a
 * store read. Several servers on one store each keep their own.
 */
export class NodeCredentialCache {
  private readonly byNode = new Map<string, Entry>();
  private readonly byHash = new Map<string, string>();
  private watch: Watch | undefined;
  private readonly stopped = new AbortController();
  private running: Promise<void> | undefined;

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly log: Logger,
  ) {}

  /** Lists the credentials, then follows them in the background until close(). */
  async start(): Promise<void> {
    const revision = await this.relist();
    this.running = this.follow(revision);
  }

  /** The node a bearer token belongs to, if it is a node credential. */
  nodeOf(token: string): string | undefined {
    return this.byHash.get(secretHash(token));
  }

  /**
   * Takes in a write this server just made, so the new credential works at
   * once rather than when the watch brings it. The revision check keeps a
   * later event from being undone by an earlier one.
   */
  observe(kv: KeyValue, deleted = false): void {
    const nodeName = kv.key.slice(nodeCredentialPrefix.length);
    const known = this.byNode.get(nodeName);
    if (known !== undefined && known.revision >= kv.modRevision) return;
    if (known?.tokenHash !== undefined) this.byHash.delete(known.tokenHash);
    const record = deleted ? undefined : parseNodeCredential(kv);
    if (!deleted && record === undefined) this.log.error({ key: kv.key }, "unreadable node credential record: that node cannot authenticate");
    this.byNode.set(nodeName, { tokenHash: record?.tokenHash, revision: kv.modRevision });
    if (record !== undefined) this.byHash.set(record.tokenHash, nodeName);
  }

  async close(): Promise<void> {
    this.stopped.abort();
    this.watch?.close();
    await this.running;
  }

  private async relist(): Promise<number> {
    const { items, revision } = await this.store.list(nodeCredentialPrefix);
    const present = new Set(items.map((kv) => kv.key.slice(nodeCredentialPrefix.length)));
    for (const kv of items) this.observe(kv);
    // Credentials gone while the watch was down: deleted as of the list's revision.
    for (const [nodeName, entry] of this.byNode) {
      if (!present.has(nodeName) && entry.revision < revision) {
        if (entry.tokenHash !== undefined) this.byHash.delete(entry.tokenHash);
        this.byNode.set(nodeName, { tokenHash: undefined, revision });
      }
    }
    return revision;
  }

  private async follow(fromRevision: number): Promise<void> {
    let revision = fromRevision;
    while (!this.stopped.signal.aborted) {
      try {
        this.watch = this.store.watch(nodeCredentialPrefix, revision);
        for await (const event of this.watch) this.observe(event.kv, event.type === "delete");
        if (this.stopped.signal.aborted) return;
      } catch (error) {
        if (this.stopped.signal.aborted) return;
        if (!(error instanceof CompactedError)) this.log.warn({ err: error }, "node credential watch failed; listing again");
      }
      await sleep(this.clock, retryDelayMs, this.stopped.signal);
      if (this.stopped.signal.aborted) return;
      try {
        revision = await this.relist();
      } catch (error) {
        this.log.warn({ err: error }, "node credential list failed; trying again");
      }
    }
  }
}
