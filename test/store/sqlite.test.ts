import { join } from "node:path";
import { afterAll } from "vitest";
import { openSqliteStore } from "../../server/store/sqlite/sqlite-store.js";
import { describeStoreConformance } from "./conformance.js";
import { makeTempDir } from "./helpers/temp-dir.js";

const dir = makeTempDir("sqlite-conformance");
afterAll(() => dir.remove());

let files = 0;
describeStoreConformance("sqlite", {
  open: async () => openSqliteStore(join(dir.path, `store-${++files}.db`), { compaction: false }),
});
