import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AgentTunnel } from "../../agent/connection/agent-tunnel.js";
import { tunnelWatcher } from "../../agent/connection/tunnel-watcher.js";
import { acceptPodStream } from "../../agent/streams/accept-pod-stream.js";
import type { StreamRuntime } from "../../agent/streams/stream-runtime.js";
import { resourceInformer, type SharedInformer } from "../../src/client/informer/index.js";
import type { ResourceRef } from "../../src/client/rest/paths.js";
import { RestClient, type ApiObject } from "../../src/client/rest/rest-client.js";
import { isExpired } from "../../src/client/watch/watch-errors.js";
import type { Watcher } from "../../src/client/watch/watcher.js";
import { realClock } from "../../src/clock.js";
import { StatusError } from "../../src/errors/status.js";
import { createLogger } from "../../src/log.js";
import { ScriptedAgent } from "../support/scripted-agent.js";
import { startTestServer, type TestServer } from "../support/server.js";

// The agent's watches over its one tunnel, against a real server: what the
// node may watch, what it may not, and a server restart in the middle.
const NODE = "pi-1";
const nodeUser = { token: "pi-1-token", name: `system:node:${NODE}`, groups: ["system:nodes"] };
const pods: ResourceRef = { group: "", version: "v1", resource: "pods", namespaced: true };
const secrets: ResourceRef = { group: "", version: "v1", resource: "secrets", namespaced: true };
const configmaps: ResourceRef = { group: "", version: "v1", resource: "configmaps", namespaced: true };
const log = createLogger(process.env.SKIFF_LOG_LEVEL ?? "silent");
const noRuntime: StreamRuntime = {
  listContainers: async () => [],
  containerLogs: async () => undefined,
  exec: async () => Promise.reject(new Error("no exec here")),
};

let dataDir: string;
let server: TestServer;
const run = new AbortController();
let tunnel: AgentTunnel;
let tunnelDone: Promise<void>;

const pod = (name: string, nodeName: string): ApiObject => ({
  apiVersion: "v1",
  kind: "Pod",
  metadata: { name },
  spec: { nodeName, containers: [{ name: "main", image: "skiff-test/busybox:1" }] },
});

async function eventually(check: () => void, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 25));
    }
  }
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), "skiff-tunnel-watch-"));
  server = await startTestServer({ dataDir, users: [nodeUser] });
  tunnel = new AgentTunnel({
    server: server.admin.server,
    caPem: server.admin.caPem,
    token: nodeUser.token,
    node: NODE,
    accept: acceptPodStream({ runtime: noRuntime, clock: realClock, log }),
    clock: realClock,
    random: Math.random,
    log,
    backoff: { initialMs: 100, maxMs: 1000, jitter: 0.2 },
  });
  tunnelDone = tunnel.run(run.signal);
});

afterAll(async () => {
  run.abort();
  await tunnelDone;
  await server?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

/** The node's informer of its pods: lists over HTTPS, watches over the tunnel; every notification recorded. */
function nodePodInformer(watcher: Watcher, signal: AbortSignal) {
  const client = new RestClient({ ...server.admin, token: nodeUser.token }, { retry: { attempts: 1 } });
  const informer: SharedInformer<ApiObject> = resourceInformer<ApiObject>(client, pods, undefined, {
    fieldSelector: `spec.nodeName=${NODE}`,
    watcher,
    log,
    backoff: { initialMs: 100, maxMs: 1000 },
  });
  const heard: string[] = [];
  const rv = (o: ApiObject): string => `${o.metadata?.name}@${o.metadata?.resourceVersion}`;
  informer.addEventHandler({
    onAdd: (o) => void heard.push(`add ${rv(o)}`),
    onUpdate: (_old, o) => void heard.push(`update ${rv(o)}`),
    // A deletion found by a re-list instead of watched would say so.
    onDelete: (o, { finalStateUnknown }) => void heard.push(`delete ${o.metadata?.name}${finalStateUnknown ? " (re-listed)" : ""}`),
  });
  const running = informer.run(signal);
  return { informer, heard, running, client };
}

describe("watches over the agent's tunnel", () => {
  it("feeds an informer with the node's pods and nothing else", async () => {
    const admin = server.client;
    await admin.create(pods, "default", pod("mine", NODE));
    await admin.create(pods, "default", pod("theirs", "pi-2"));
    const stop = new AbortController();
    const { informer, heard, running } = nodePodInformer(tunnelWatcher(tunnel), stop.signal);
    try {
      expect(await informer.waitForSync(stop.signal)).toBe(true);
      const created = await admin.create(pods, "default", pod("later", NODE));
      await admin.create(pods, "default", pod("elsewhere", "pi-2"));
      await admin.delete(pods, "default", "mine", { gracePeriodSeconds: 0 });
      await eventually(() => expect(heard).toContain("delete mine"));
      expect(heard.filter((h) => !h.startsWith("update mine"))).toEqual([
        expect.stringMatching(/^add mine@/),
        `add later@${created.metadata?.resourceVersion}`,
        "delete mine",
      ]);
    } finally {
      stop.abort();
      await running;
      await admin.delete(pods, "default", "later", { gracePeriodSeconds: 0 });
    }
  });

  it("ends a watch the node authorizer forbids with its 403", async () => {
    const watcher = tunnelWatcher(tunnel);
    const allSecrets = watcher.watch(secrets, undefined, {})[Symbol.asyncIterator]();
    const refused = await allSecrets.next().catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(StatusError);
    expect((refused as StatusError).status).toMatchObject({ code: 403, reason: "Forbidden", message: expect.stringContaining('User "system:node:pi-1" cannot watch resource "secrets"') });

    const otherPods = watcher.watch(pods, undefined, { fieldSelector: "spec.nodeName=pi-2" })[Symbol.asyncIterator]();
    expect(await otherPods.next().catch((e: unknown) => e)).toMatchObject({ status: { code: 403 } });
  });

  it("refuses bad watch parameters with the REST API's 400", async () => {
    const events = tunnelWatcher(tunnel).watch(pods, undefined, { fieldSelector: `spec.nodeName=${NODE}`, resourceVersion: "soon" })[Symbol.asyncIterator]();
    expect(await events.next().catch((e: unknown) => e)).toMatchObject({ status: { code: 400, message: 'invalid resourceVersion "soon"' } });
  });

  it("ends a watch from a compacted version with the 410 ERROR event, which asks for a re-list", async () => {
    const made = await server.client.create(pods, "default", pod("compacted", NODE));
    await server.server.store.compact(Number(made.metadata?.resourceVersion));
    const events = tunnelWatcher(tunnel).watch(pods, undefined, { fieldSelector: `spec.nodeName=${NODE}`, resourceVersion: "1" })[Symbol.asyncIterator]();
    const error = await events.next().catch((e: unknown) => e);
    expect(isExpired(error)).toBe(true);
    expect(error).toMatchObject({ status: { reason: "Expired", code: 410 } });
    await server.client.delete(pods, "default", "compacted", { gracePeriodSeconds: 0 });
  });

  it("watches one ConfigMap its pods use by name", async () => {
    await server.client.create(configmaps, "default", { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "app-cfg" }, data: { a: "1" } });
    await server.client.create(pods, "default", {
      ...pod("uses-cfg", NODE),
      spec: { nodeName: NODE, containers: [{ name: "main", image: "skiff-test/busybox:1", envFrom: [{ configMapRef: { name: "app-cfg" } }] }] },
    });
    const stop = new AbortController();
    const events = tunnelWatcher(tunnel).watch(configmaps, "default", { fieldSelector: "metadata.name=app-cfg", resourceVersion: "0", signal: stop.signal });
    for await (const event of events) {
      expect(event).toMatchObject({ type: "ADDED", object: { metadata: { name: "app-cfg" } } });
      break;
    }
    await server.client.delete(pods, "default", "uses-cfg", { gracePeriodSeconds: 0 });
  });

  it("resumes after its tunnel is cut (another connection of the node took its place), without a re-list", async () => {
    const stop = new AbortController();
    const watchedFrom: Array<string | undefined> = [];
    const inner = tunnelWatcher(tunnel);
    const recording: Watcher = {
      watch(ref, namespace, options) {
        watchedFrom.push(options.resourceVersion);
        return inner.watch(ref, namespace, options);
      },
    };
    const { informer, heard, running } = nodePodInformer(recording, stop.signal);
    try {
      await server.client.create(pods, "default", pod("gone-during-cut", NODE));
      expect(await informer.waitForSync(stop.signal)).toBe(true);
      await eventually(() => expect(heard).toContainEqual(expect.stringMatching(/^add gone-during-cut@/)));
      const intruder = await ScriptedAgent.connect({ ...server.admin, token: nodeUser.token, node: NODE, logs: {} });
      const during = await server.client.create(pods, "default", pod("during-cut", NODE));
      await server.client.delete(pods, "default", "gone-during-cut", { gracePeriodSeconds: 0 });
      // Watched, not found by a re-list (which would say so).
      await eventually(() => expect(heard).toContain("delete gone-during-cut"));
      expect(heard).toContain(`add during-cut@${during.metadata?.resourceVersion}`);
      // The agent dialled again and took the tunnel back.
      await eventually(() => expect(intruder.disconnected).toBe(true));
      expect(watchedFrom.length).toBeGreaterThan(1);
      expect(heard.filter((h) => h.startsWith("add during-cut"))).toHaveLength(1);
      await intruder.close();
    } finally {
      stop.abort();
      await running;
      await server.client.delete(pods, "default", "during-cut", { gracePeriodSeconds: 0 });
    }
  });

  it("resumes every watch after a server restart, with no event missed or repeated", async () => {
    const admin = (): RestClient => server.client;
    for (const name of ["keep", "change", "remove"]) await admin().create(pods, "default", pod(name, NODE));
    const watchedFrom: Array<string | undefined> = [];
    const inner = tunnelWatcher(tunnel);
    const recording: Watcher = {
      watch(ref, namespace, options) {
        watchedFrom.push(options.resourceVersion);
        return inner.watch(ref, namespace, options);
      },
    };
    const stop = new AbortController();
    const { informer, heard, running } = nodePodInformer(recording, stop.signal);
    try {
      expect(await informer.waitForSync(stop.signal)).toBe(true);
      const touched = await admin().patch(pods, "default", "change", "merge", { metadata: { labels: { before: "restart" } } });
      await eventually(() => expect(heard).toContain(`update change@${touched.metadata?.resourceVersion}`));
      const lastSeen = touched.metadata?.resourceVersion;

      const port = Number(new URL(server.admin.server).port);
      await server.stop();
      await eventually(() => expect(tunnel.isConnected).toBe(false));
      server = await startTestServer({ dataDir, port, users: [nodeUser] });

      // Changes made while the agent is still away.
      const added = await admin().create(pods, "default", pod("new", NODE));
      const changed = await admin().patch(pods, "default", "change", "merge", { metadata: { labels: { after: "restart" } } });
      await admin().delete(pods, "default", "remove", { gracePeriodSeconds: 0 });

      await eventually(() => expect(heard).toContain("delete remove"), 20_000);
      expect(tunnel.isConnected).toBe(true);
      const afterRestart = heard.slice(heard.indexOf(`update change@${lastSeen}`) + 1);
      expect(afterRestart).toEqual([`add new@${added.metadata?.resourceVersion}`, `update change@${changed.metadata?.resourceVersion}`, "delete remove"]);
      expect(new Set(heard).size).toBe(heard.length);
      // The watch came back from where it was, without a new list.
      expect(watchedFrom).toContain(lastSeen);
    } finally {
      stop.abort();
      await running;
    }
  }, 60_000);
});
