import type { RestClient } from "../../../src/client/rest/rest-client.js";
import { benchPod, pods } from "./bench-pod.js";
import { openWatches, type WatchAccess } from "./watch-connections.js";

/** Latencies of every watcher for every measured write. */
export interface FanoutResult {
  /** From the write's answer reaching the writer to the event reaching the watcher; negative when the event came first. */
  fromAckMs: number[];
  /** From issuing the write to the event reaching the watcher (the write's own latency included). */
  fromIssueMs: number[];
}

/** Watchers that are open and have all seen a first event. */
export interface Fanout {
  readonly watchers: number;
  /** Creates `writes` pods one at a time, each once every watcher has the one before. */
  measure(writes: number): Promise<FanoutResult>;
  close(): void;
}

const namePrefix = "fanout-";
const warmUpTimeoutMs = 60_000;
const deliveryTimeoutMs = 10_000;

interface PendingWrite {
  name: string;
  /** Per watcher, when its event arrived (NaN until then). */
  receivedAt: Float64Array;
  remaining: number;
  delivered(): void;
}

/**
 * Opens `watchers` watches on all pods from the current revision, then
 * creates one pod in `namespace` and waits until every watcher has it: a
 * watch that saw that event is registered with the server, whatever the
 * order its connection was served in.
 */
export async function openFanout(access: WatchAccess, client: RestClient, namespace: string, watchers: number): Promise<Fanout> {
  const revision = (await client.list(pods, undefined, { limit: 1 })).metadata.resourceVersion;
  if (revision === undefined) throw new Error("pod list without a resourceVersion");

  let pending: PendingWrite | undefined;
  let failure: ((error: Error) => void) | undefined;
  let failed: Error | undefined;
  const onFailure = (error: Error): void => {
    failed ??= error;
    failure?.(error);
  };

  const connections = await openWatches(access, {
    path: `/api/v1/pods?watch=1&resourceVersion=${revision}`,
    count: watchers,
    namePattern: new RegExp(`"name":"(${namePrefix}[a-z0-9-]+)"`),
    onFailure,
    onLine(watcher, line, receivedAt) {
      if (line.type !== "ADDED" || pending === undefined || line.name !== pending.name) {
        onFailure(new Error(`watcher ${watcher}: unexpected ${line.type} event for ${line.name ?? "an unnamed object"}`));
        return;
      }
      if (!Number.isNaN(pending.receivedAt[watcher])) {
        onFailure(new Error(`watcher ${watcher}: ${line.name} twice`));
        return;
      }
      pending.receivedAt[watcher] = receivedAt;
      if (--pending.remaining === 0) pending.delivered();
    },
  });

  /** Creates the pod and resolves with the issue and answer times once every watcher has its event. */
  const write = async (name: string, timeoutMs: number): Promise<{ issued: number; acked: number; receivedAt: Float64Array }> => {
    const receivedAt = new Float64Array(watchers).fill(Number.NaN);
    let timer: NodeJS.Timeout | undefined;
    const delivered = new Promise<void>((resolve, reject) => {
      pending = { name, receivedAt, remaining: watchers, delivered: resolve };
      failure = reject;
      if (failed) reject(failed);
      timer = setTimeout(() => {
        const missing = pending?.remaining ?? 0;
        reject(new Error(`${missing} of ${watchers} watchers did not get ${name} within ${timeoutMs} ms`));
      }, timeoutMs);
    });
    // It may fail while the create is still in flight; the await below reports it.
    delivered.catch(() => undefined);
    try {
      const issued = performance.now();
      await client.create(pods, namespace, benchPod(name));
      const acked = performance.now();
      await delivered;
      return { issued, acked, receivedAt };
    } finally {
      clearTimeout(timer);
      pending = undefined;
      failure = undefined;
    }
  };

  try {
    await write(`${namePrefix}warm-up`, warmUpTimeoutMs);
  } catch (error) {
    connections.close();
    throw error;
  }

  return {
    watchers,
    async measure(writes) {
      const result: FanoutResult = { fromAckMs: [], fromIssueMs: [] };
      for (let n = 0; n < writes; n++) {
        const { issued, acked, receivedAt } = await write(`${namePrefix}${n}`, deliveryTimeoutMs);
        for (const at of receivedAt) {
          result.fromAckMs.push(at - acked);
          result.fromIssueMs.push(at - issued);
        }
      }
      return result;
    },
    close: () => connections.close(),
  };
}
