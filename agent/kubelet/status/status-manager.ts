import { isDeepStrictEqual } from "node:util";
import type { Pod } from "../../../src/api/core/v1/pod.js";
import type { PodStatus } from "../../../src/api/core/v1/pod-status.js";
import type { Clock } from "../../../src/clock.js";
import { RateLimitingQueue } from "../../../src/client/workqueue/rate-limiting-queue.js";
import { ExponentialFailureRateLimiter } from "../../../src/client/workqueue/exponential-failure-rate-limiter.js";
import { logSyncError, runWorkers } from "../../../src/client/workqueue/run-workers.js";
import type { Logger } from "../../../src/log.js";
import type { PodKey, PodStatusWriter } from "./status-writer.js";

interface Entry {
  key: PodKey;
  /** What the pod's status should be. */
  wanted: PodStatus;
  /** What the server has, as far as this agent knows (written by it, or read from the pod). */
  known: PodStatus | undefined;
}

/**
 * Keeps the server's pod status equal to what the pod workers computed (the
 * kubelet's status manager): a write only when the status changed, retried
 * with back-off when it fails, and never for a pod whose name now belongs
 * to another uid.
 */
export class StatusManager {
  private readonly entries = new Map<string, Entry>();
  private readonly queue: RateLimitingQueue<string>;

  constructor(
    private readonly writer: PodStatusWriter,
    private readonly log: Logger,
    clock: Clock,
  ) {
    // At most 10 s between tries, the kubelet's status sync period: after the server was away, statuses follow soon.
    this.queue = new RateLimitingQueue<string>({ clock, rateLimiter: new ExponentialFailureRateLimiter<string>({ baseMs: 500, maxMs: 10_000 }) });
  }

  /** The status last set for a pod (its times carry over into the next one). */
  status(uid: string): PodStatus | undefined {
    return this.entries.get(uid)?.wanted;
  }

  /** Sets the pod's wanted status; it is written unless the server has it already. */
  set(pod: Pod, status: PodStatus): void {
    const uid = pod.metadata.uid;
    if (!uid) return;
    const entry = this.entries.get(uid);
    const wanted = normalize(status);
    if (entry) entry.wanted = wanted;
    else {
      const key = { namespace: pod.metadata.namespace ?? "", name: pod.metadata.name ?? "", uid };
      this.entries.set(uid, { key, wanted, known: pod.status ? normalize(pod.status) : undefined });
    }
    if (!isDeepStrictEqual(this.entries.get(uid)!.known, wanted)) this.queue.add(uid);
  }

  /** Drops a pod that is gone: nothing more is written for it. */
  forget(uid: string): void {
    this.entries.delete(uid);
  }

  /** Writes statuses until `signal` aborts. */
  run(signal: AbortSignal): Promise<void> {
    return runWorkers({ queue: this.queue, workers: 2, signal, sync: (uid) => this.write(uid), onError: logSyncError(this.log, this.queue) });
  }

  private async write(uid: string): Promise<void> {
    const entry = this.entries.get(uid);
    if (!entry || isDeepStrictEqual(entry.known, entry.wanted)) return;
    const status = entry.wanted;
    const written = await this.writer.writeStatus(entry.key, status);
    if (!written) {
      this.log.info({ pod: `${entry.key.namespace}/${entry.key.name}`, uid }, "pod is gone or replaced; its status is not written");
      if (this.entries.get(uid) === entry) this.entries.delete(uid);
      return;
    }
    entry.known = status;
  }
}

/** Plain JSON, without undefined fields, so equal statuses compare equal. */
function normalize(status: PodStatus): PodStatus {
  return JSON.parse(JSON.stringify(status)) as PodStatus;
}
