import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { StatusError } from "../../src/errors/status.js";
import { ensureNodeCredential } from "../../src/join/ensure-node-credential.js";
import { startEtcd, type EtcdProcess } from "../support/etcd.js";
import { startTestServer, type TestServer } from "../support/server.js";
import { useTempDir } from "../support/temp-dir.js";
import { clientWith, createJoinToken, rejection } from "./join-support.js";

const dir = useTempDir("skiff-join-restart-");
const secrets = { group: "", version: "v1", resource: "secrets", namespaced: true };

/** The user the server sees behind `token`: with only mastersAuthorizer, a node's list of secrets is a 403 naming it. */
async function identityOn(server: TestServer, token: string): Promise<string> {
  const client = clientWith(server, token);
  try {
    const error = await rejection(client.list(secrets, "default"));
    if (!(error instanceof StatusError)) throw error;
    return error.code === 401 ? "unauthenticated" : (/User "([^"]+)"/.exec(error.message)?.[1] ?? error.message);
  } finally {
    client.close();
  }
}

describe("a node credential", () => {
  it("keeps working after the server restarts on the same data dir", async () => {
    const dataDir = join(dir(), "server");
    const before = await startTestServer({ dataDir });
    const { token, id } = await createJoinToken(before, { description: "survives" });
    const { credential } = await ensureNodeCredential({ server: before.admin.server, token, nodeName: "pi-1", dataDir: join(dir(), "agent") });
    expect(await identityOn(before, credential.token)).toBe("system:node:pi-1");
    await before.stop();

    const after = await startTestServer({ dataDir });
    try {
      expect(await identityOn(after, credential.token)).toBe("system:node:pi-1");
      // The agent, restarted too, reuses its stored credential.
      const again = await ensureNodeCredential({ server: after.admin.server, token, nodeName: "pi-1", dataDir: join(dir(), "agent") });
      expect(again).toMatchObject({ joined: false, credential });
      const tokens = await after.client.request<{ items: Array<{ id: string }> }>({ method: "GET", path: "/skiff/v1/jointokens" });
      expect(tokens.items.map((t) => t.id)).toContain(id);
    } finally {
      await after.stop();
    }
  });
});

describe("two servers on one etcd", () => {
  let etcd: EtcdProcess;
  let first: TestServer;
  let second: TestServer;

  beforeAll(async () => {
    etcd = await startEtcd();
    // One cluster: the same CA (data dir) and store, two API endpoints.
    const dataDir = join(dir(), "ha");
    first = await startTestServer({ dataDir, store: { engine: "etcd", endpoints: [etcd.endpoint] } });
    second = await startTestServer({ dataDir, store: { engine: "etcd", endpoints: [etcd.endpoint] } });
  });
  afterAll(async () => {
    await second?.stop();
    await first?.stop();
    await etcd?.stop();
  });

  it("share join tokens, and a credential issued by one authenticates on the other", async () => {
    const { token } = await createJoinToken(first);
    const { credential } = await ensureNodeCredential({ server: second.admin.server, token, nodeName: "pi-ha", dataDir: join(dir(), "agent-ha") });
    expect(await identityOn(second, credential.token)).toBe("system:node:pi-ha");
    // The first server learns of it through its watch.
    await expect.poll(() => identityOn(first, credential.token), { timeout: 5_000 }).toBe("system:node:pi-ha");
  });
});
