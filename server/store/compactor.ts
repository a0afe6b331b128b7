import type { Logger } from "../../src/log.js";
import type { Store } from "./store.js";

/** When to compact and how much history to keep. */
export interface CompactionPolicy {
  /** Time between passes. */
  intervalMs: number;
  /** Each pass compacts to `currentRevision - keepRevisions`. */
  keepRevisions: number;
}

/** kine's defaults: every 5 minutes, keeping the newest 1000 revisions. */
export const defaultCompactionPolicy: CompactionPolicy = { intervalMs: 5 * 60_000, keepRevisions: 1000 };

/** What a compactor needs of a store (any engine). */
export type Compactable = Pick<Store, "currentRevision" | "compactedRevision" | "compact">;

/**
 * Compacts a store by itself, on an interval, so history (and with it the
 * file or etcd's database) stays bounded. Watches and lists that fall more
 * than `keepRevisions` behind then get CompactedError and re-list, as
 * Kubernetes clients do on 410 Expired. A failed pass is logged and the
 * next one tries again.
 */
export class Compactor {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number | undefined> | undefined;

  constructor(
    private readonly store: Compactable,
    private readonly policy: CompactionPolicy,
    private readonly log: Logger,
  ) {}

  start(): void {
    if (this.timer !== undefined) return;
    this.timer = setInterval(() => {
      this.runOnce().catch((error: unknown) => this.log.warn({ err: error }, "store compaction failed"));
    }, this.policy.intervalMs);
    // Compaction alone must not keep the process alive.
    this.timer.unref();
  }

  /**
   * One pass: compacts to `currentRevision - keepRevisions` when that is past
   * the last compaction. Resolves with the revision compacted to, or
   * undefined when there was nothing to do (or a pass was already running).
   */
  runOnce(): Promise<number | undefined> {
    if (this.running !== undefined) return Promise.resolve(undefined);
    const pass = this.compact().finally(() => {
      this.running = undefined;
    });
    this.running = pass;
    return pass;
  }

  /** Stops the interval and waits for a running pass to finish. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running?.catch(() => undefined);
  }

  private async compact(): Promise<number | undefined> {
    const target = (await this.store.currentRevision()) - this.policy.keepRevisions;
    if (target <= (await this.store.compactedRevision())) return undefined;
    await this.store.compact(target);
    this.log.debug({ revision: target }, "store compacted");
    return target;
  }
}
