import { randomUUID } from "node:crypto";
import type { Store } from "../../../../server/store/store.js";
import type { StoreHarness } from "../../conformance.js";

/**
 * Runs `body` with a freshly opened store and a key prefix no other test
 * uses, and closes the store afterwards whatever happens.
 */
export async function withStore(
  harness: StoreHarness,
  body: (store: Store, prefix: string) => Promise<void>,
): Promise<void> {
  const store = await harness.open();
  try {
    await body(store, `/conformance/${randomUUID()}/`);
  } finally {
    await store.close();
  }
}
