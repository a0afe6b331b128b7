import type { StoreEvent, Watch } from "../../../server/store/store.js";

/** The parts of an event a test compares: what happened to which key, when, and to what. */
export interface EventSummary {
  type: StoreEvent["type"];
  key: string;
  revision: number;
  value: string;
}

export function summarize(event: StoreEvent): EventSummary {
  return { type: event.type, key: event.kv.key, revision: event.kv.modRevision, value: event.kv.value };
}

/**
 * Reads events from a watch until `done` says stop (it sees each event after
 * it is added), or fails after `timeoutMs` naming how many events arrived.
 * A watch that ends early is a failure too.
 */
export async function readEventsUntil(
  iterator: AsyncIterator<StoreEvent>,
  done: (events: StoreEvent[]) => boolean,
  timeoutMs = 10_000,
): Promise<StoreEvent[]> {
  const events: StoreEvent[] = [];
  const deadline = Date.now() + timeoutMs;
  while (!done(events)) {
    const left = deadline - Date.now();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`watch timed out after ${timeoutMs} ms with ${events.length} events`)),
        Math.max(left, 0),
      );
    });
    try {
      const next = await Promise.race([iterator.next(), timeout]);
      if (next.done) throw new Error(`watch ended after ${events.length} events`);
      events.push(next.value);
    } finally {
      clearTimeout(timer);
    }
  }
  return events;
}

/** Reads exactly `count` events. */
export function readEvents(iterator: AsyncIterator<StoreEvent>, count: number, timeoutMs?: number): Promise<StoreEvent[]> {
  return readEventsUntil(iterator, (events) => events.length >= count, timeoutMs);
}

/** Opens the iterator of a watch (a Watch is iterated once). */
export function iterate(watch: Watch): AsyncIterator<StoreEvent> {
  return watch[Symbol.asyncIterator]();
}
