import { createServer, type Server } from "node:http";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { realClock } from "../../src/clock.js";
import { createLogger } from "../../src/log.js";
import { admissionChain } from "../../server/apiserver/admission/admission.js";
import { createApiHandler } from "../../server/apiserver/handler.js";
import { servedResources } from "../../server/apiserver/resources/model-resources.js";
import { ResourceTable } from "../../server/apiserver/resources/served-resource.js";
import { authorizerChain, mastersAuthorizer } from "../../server/auth/authorizer.js";
import { openSqliteStore } from "../../server/store/sqlite/sqlite-store.js";
import { useTempDir } from "../support/temp-dir.js";

// The apiserver says it is not ready while its authorization policy has not loaded.
const dir = useTempDir("skiff-readyz-");
let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

async function serve(ready: () => boolean): Promise<string> {
  const store = openSqliteStore(join(dir(), `state-${Date.now()}.db`));
  const handler = createApiHandler({
    store,
    resources: new ResourceTable(servedResources()),
    clock: realClock,
    log: createLogger("silent"),
    authenticate: () => undefined,
    authorizer: authorizerChain([mastersAuthorizer]),
    admit: admissionChain([]),
    ready,
  });
  const server: Server = createServer(handler.request);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  close = async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    handler.close();
    await store.close();
  };
  const address = server.address();
  return `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
}

describe("/readyz", () => {
  it("answers 503 until ready, then ok; /livez is unaffected", async () => {
    let ready = false;
    const url = await serve(() => ready);
    const notYet = await fetch(`${url}/readyz`);
    expect(notYet.status).toBe(503);
    expect(await notYet.text()).toBe("[-]poststarthook/rbac/bootstrap-roles failed: not finished\nreadyz check failed\n");
    expect((await fetch(`${url}/livez`)).status).toBe(200);
    ready = true;
    const now = await fetch(`${url}/readyz`);
    expect(now.status).toBe(200);
    expect(await now.text()).toBe("ok");
  });
});
