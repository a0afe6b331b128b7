import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { createLogger } from "../../src/log.js";
import { resourceInformer } from "../../src/client/informer/resource-informer.js";
import { RestClient, type ApiObject } from "../../src/client/rest/rest-client.js";
import type { ResourceRef } from "../../src/client/rest/paths.js";
import { startTestServer, type TestServer } from "../support/server.js";

// The informer against the real apiserver, with the server restarted in the
// middle of the watch: nothing missed, nothing twice.
const pods: ResourceRef = { group: "", version: "v1", resource: "pods", namespaced: true };
type Pod = { metadata?: { name?: string; uid?: string; labels?: Record<string, string> } } & ApiObject;

const cleanups: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

async function eventually(check: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 50));
  }
}

const pod = (name: string): ApiObject => ({
  apiVersion: "v1",
  kind: "Pod",
  metadata: { name },
  spec: { containers: [{ name: "main", image: "skiff-test/busybox:1" }] },
});

it("keeps its cache exact across a server restart in the middle of a watch", async () => {
  const dataDir = await mkdtemp(join(tmpdir(), "skiff-informer-"));
  cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
  let server: TestServer = await startTestServer({ dataDir });
  cleanups.push(() => server.stop());
  const port = server.server.port;

  const client = new RestClient({ server: server.server.url, caPem: server.server.pki.ca.certPem, token: server.server.pki.adminToken });
  cleanups.push(async () => client.close());
  const informer = resourceInformer<Pod>(client, pods, undefined, { log: createLogger("silent") });
  const seen: string[] = [];
  informer.addEventHandler({
    onAdd: (p) => void seen.push(`add ${p.metadata?.name}`),
    onUpdate: (before, after) => {
      if (before.metadata?.resourceVersion !== after.metadata?.resourceVersion) seen.push(`update ${after.metadata?.name}`);
    },
    onDelete: (p) => void seen.push(`delete ${p.metadata?.name}`),
  });
  const stop = new AbortController();
  const running = informer.run(stop.signal);
  cleanups.push(async () => {
    stop.abort();
    await running;
  });
  expect(await informer.waitForSync()).toBe(true);

  await server.client.create(pods, "default", pod("p1"));
  await server.client.create(pods, "default", pod("p2"));
  await eventually(() => informer.lister.list().length === 2);

  await server.stop();
  server = await startTestServer({ dataDir, port });
  await server.client.create(pods, "default", pod("p3"));
  await server.client.patch(pods, "default", "p2", "merge", { metadata: { labels: { changed: "yes" } } });
  await server.client.delete(pods, "default", "p1");

  await eventually(() => {
    const names = informer.lister.list().map((p) => p.metadata?.name).sort();
    return names.join(",") === "p2,p3" && informer.lister.get("default", "p2")?.metadata?.labels?.changed === "yes";
  });
  expect(seen.filter((e) => e.startsWith("add")).sort()).toEqual(["add p1", "add p2", "add p3"]);
  expect(seen.filter((e) => e.startsWith("delete"))).toEqual(["delete p1"]);
  expect(seen.filter((e) => e.startsWith("update"))).toEqual(["update p2"]);
});
