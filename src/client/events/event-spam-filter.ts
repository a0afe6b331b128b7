import type { Clock } from "../../clock.js";
import { LruMap } from "./lru-map.js";

export interface SpamFilterOptions {
  /** Events an object may get at once (default 25, as client-go). */
  burst?: number;
  /** One more allowed every this many ms (default 5 minutes, as client-go). */
  refillMs?: number;
  /** Objects remembered (default 4096). */
  capacity?: number;
  clock: Clock;
}

interface Bucket {
  tokens: number;
  last: number;
}

/**
 * client-go's EventSourceObjectSpamFilter: a token bucket per involved
 * object, so one object in a tight failure loop cannot flood the server
 * with Events while others still get theirs.
 */
export class EventSpamFilter {
  private readonly buckets: LruMap<string, Bucket>;
  private readonly burst: number;
  private readonly refillMs: number;

  constructor(private readonly options: SpamFilterOptions) {
    this.burst = options.burst ?? 25;
    this.refillMs = options.refillMs ?? 5 * 60_000;
    this.buckets = new LruMap(options.capacity ?? 4096);
  }

  /** Takes a token for `objectKey`; false when its bucket is empty (the event is dropped). */
  allow(objectKey: string): boolean {
    const now = this.options.clock.now();
    const bucket = this.buckets.get(objectKey) ?? { tokens: this.burst, last: now };
    const refilled = Math.min(this.burst, bucket.tokens + Math.max(now - bucket.last, 0) / this.refillMs);
    const allowed = refilled >= 1;
    this.buckets.set(objectKey, { tokens: allowed ? refilled - 1 : refilled, last: now });
    return allowed;
  }
}
