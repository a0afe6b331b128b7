import type { Store, StoreEvent, Watch } from "../../server/store/store.js";

/**
 * Every change the store makes, from a revision on, read through a store
 * watch: the fuzz test asks for the changes between two revisions and checks
 * that each belongs to an accepted request.
 */
export class StoreChanges {
  private readonly events: StoreEvent[] = [];
  private readonly watch: Watch;
  private seen: number;
  private failure: unknown;

  constructor(store: Store, fromRevision: number) {
    this.seen = fromRevision;
    this.watch = store.watch("/", fromRevision);
    void this.pump();
  }

  private async pump(): Promise<void> {
    try {
      for await (const event of this.watch) {
        this.events.push(event);
        this.seen = event.kv.modRevision;
      }
    } catch (error) {
      this.failure = error;
    }
  }

  /** The changes with a revision in (from, to], once the watch has delivered them; they are then forgotten. */
  async between(from: number, to: number): Promise<StoreEvent[]> {
    const deadline = Date.now() + 10_000;
    while (this.seen < to) {
      if (this.failure !== undefined) throw this.failure;
      if (Date.now() > deadline) throw new Error(`the store watch stopped at revision ${this.seen}, expected ${to}`);
      await new Promise((done) => setTimeout(done, 2));
    }
    const found = this.events.filter((e) => e.kv.modRevision > from && e.kv.modRevision <= to);
    this.events.splice(0, this.events.length, ...this.events.filter((e) => e.kv.modRevision > to));
    return found;
  }

  close(): void {
    this.watch.close();
  }
}
