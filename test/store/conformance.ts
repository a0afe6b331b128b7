import { describe } from "vitest";
import type { Store } from "../../server/store/store.js";
import { describeCompaction } from "./helpers/conformance/compaction.js";
import { describeList } from "./helpers/conformance/list.js";
import { describeValues } from "./helpers/conformance/values.js";
import { describeWatch } from "./helpers/conformance/watch.js";
import { describeWrites } from "./helpers/conformance/writes.js";

/** How the conformance suite gets a store to test. */
export interface StoreHarness {
  /**
   * A fresh, empty, isolated store each call (e.g. a new file, or a unique
   * key prefix on a shared etcd). The suite closes every store it opens.
   * Every test also keeps to keys under a random prefix of its own and only
   * makes relative assertions about revisions, so an engine may share one
   * backend (and its revision counter) between tests.
   */
  open(): Promise<Store>;
}

/**
 * Registers the store contract's tests (see server/store/store.ts) for one
 * engine: writes and revisions, paged consistent lists, watch catch-up and
 * live delivery, compaction, and values that must round-trip.
 */
export function describeStoreConformance(engine: string, harness: StoreHarness): void {
  describe(`store conformance: ${engine}`, () => {
    describeWrites(harness);
    describeList(harness);
    describeWatch(harness);
    describeCompaction(harness);
    describeValues(harness);
  });
}
