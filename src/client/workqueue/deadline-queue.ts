import { realClock, type Clock, type Timer } from "../../clock.js";
import type { QueueKey } from "./queue.js";

interface Entry<T> {
  dueMs: number;
  key: T;
}

/**
 * Keys due at a time, all behind one timer (a sorted heap, not a timer per
 * key): `schedule` sets or moves a key's deadline, `cancel` drops it, and
 * each key is handed to `onDue` once its time comes, in deadline order. For
 * many keys that each wait a while (every pod of a failed node waiting out
 * its toleration), where a timer each would cost memory and churn.
 *
 * @example
 * const deadlines = new DeadlineQueue<string>((key) => queue.add(key), { clock });
 * deadlines.schedule("default/web-1", clock.now() + 300_000);
 */
export class DeadlineQueue<T extends QueueKey> {
  private readonly clock: Clock;
  private readonly heap: Entry<T>[] = [];
  /** The current deadline of each key; heap entries that disagree are stale and skipped. */
  private readonly due = new Map<T, number>();
  private timer: Timer | undefined;
  private timerDueMs = Number.POSITIVE_INFINITY;
  private stopped = false;

  constructor(
    private readonly onDue: (key: T) => void,
    options: { clock?: Clock } = {},
  ) {
    this.clock = options.clock ?? realClock;
  }

  /** How many keys wait. */
  get size(): number {
    return this.due.size;
  }

  /** The deadline of `key`, if it waits. */
  deadlineOf(key: T): number | undefined {
    return this.due.get(key);
  }

  /** Hands `key` to `onDue` at `dueMs` (replacing an earlier or later deadline it had). */
  schedule(key: T, dueMs: number): void {
    if (this.stopped || this.due.get(key) === dueMs) return;
    this.due.set(key, dueMs);
    this.push({ dueMs, key });
    // Stale entries pile up when keys move often: rebuild once they outnumber the live ones.
    if (this.heap.length > 2 * this.due.size + 64) this.rebuild();
    this.arm();
  }

  /** Forgets `key`'s deadline; harmless when it has none. */
  cancel(key: T): void {
    this.due.delete(key);
  }

  /** Drops every deadline and the timer; later calls do nothing. */
  stop(): void {
    this.stopped = true;
    this.timer?.cancel();
    this.timer = undefined;
    this.heap.length = 0;
    this.due.clear();
  }

  private fire(): void {
    this.timer = undefined;
    this.timerDueMs = Number.POSITIVE_INFINITY;
    const now = this.clock.now();
    const ready: T[] = [];
    for (let top = this.heap[0]; top !== undefined && top.dueMs <= now; top = this.heap[0]) {
      this.pop();
      if (this.due.get(top.key) !== top.dueMs) continue;
      this.due.delete(top.key);
      ready.push(top.key);
    }
    this.arm();
    for (const key of ready) this.onDue(key);
  }

  /** Keeps one timer, set for the earliest live deadline. */
  private arm(): void {
    while (this.heap[0] !== undefined && this.due.get(this.heap[0].key) !== this.heap[0].dueMs) this.pop();
    const next = this.heap[0];
    if (next === undefined || this.stopped) {
      this.timer?.cancel();
      this.timer = undefined;
      this.timerDueMs = Number.POSITIVE_INFINITY;
      return;
    }
    if (this.timer !== undefined && this.timerDueMs <= next.dueMs) return;
    this.timer?.cancel();
    this.timerDueMs = next.dueMs;
    this.timer = this.clock.setTimer(next.dueMs - this.clock.now(), () => this.fire());
  }

  private rebuild(): void {
    this.heap.length = 0;
    for (const [key, dueMs] of this.due) this.push({ dueMs, key });
  }

  private push(entry: Entry<T>): void {
    const heap = this.heap;
    heap.push(entry);
    let at = heap.length - 1;
    while (at > 0) {
      const parent = (at - 1) >> 1;
      if (heap[parent]!.dueMs <= entry.dueMs) break;
      heap[at] = heap[parent]!;
      at = parent;
    }
    heap[at] = entry;
  }

  private pop(): void {
    const heap = this.heap;
    const last = heap.pop();
    if (last === undefined || heap.length === 0) return;
    let at = 0;
    for (;;) {
      const left = 2 * at + 1;
      if (left >= heap.length) break;
      const right = left + 1;
      const child = right < heap.length && heap[right]!.dueMs < heap[left]!.dueMs ? right : left;
      if (heap[child]!.dueMs >= last.dueMs) break;
      heap[at] = heap[child]!;
      at = child;
    }
    heap[at] = last;
  }
}
