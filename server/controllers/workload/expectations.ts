import { type Clock, realClock } from "../../../src/clock.js";

interface Expected {
  adds: number;
  deletes: Set<string>;
  setAt: number;
}

/** Kubernetes' ExpectationsTimeout: a lost watch event holds a controller back at most this long. */
const expectationsTtlMs = 5 * 60 * 1000;

/**
 * Kubernetes' ControllerExpectations: after a controller creates or deletes
 * dependents, its cache lags behind its own writes; until the informer has
 * seen them, a sync would count the old state and act twice. A controller
 * records what it expects, the informer's handlers tick it off, and a sync
 * acts only when every expectation of its key is met (or has expired).
 */
export class Expectations {
  private readonly byKey = new Map<string, Expected>();

  constructor(private readonly clock: Clock = realClock) {}

  /** True when the key has nothing outstanding: the cache shows the controller's own writes. */
  satisfied(key: string): boolean {
    const expected = this.byKey.get(key);
    if (expected === undefined) return true;
    if ((expected.adds <= 0 && expected.deletes.size === 0) || this.clock.now() - expected.setAt > expectationsTtlMs) {
      this.byKey.delete(key);
      return true;
    }
    return false;
  }

  /** Replaces the key's expectations with `adds` creations and the deletion of `deleteUids`. */
  expect(key: string, adds: number, deleteUids: Iterable<string> = []): void {
    this.byKey.set(key, { adds, deletes: new Set(deleteUids), setAt: this.clock.now() });
  }

  /** The informer saw a creation for the key (or one the controller expected will never come). */
  creationObserved(key: string): void {
    const expected = this.byKey.get(key);
    if (expected !== undefined) expected.adds -= 1;
  }

  /** The informer saw the deletion of `uid` (or a deletion that failed and will not come). */
  deletionObserved(key: string, uid: string): void {
    this.byKey.get(key)?.deletes.delete(uid);
  }

  /** Forgets the key (its owner is gone). */
  forget(key: string): void {
    this.byKey.delete(key);
  }
}
