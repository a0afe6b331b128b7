import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import { StatusError } from "../../src/errors/status.js";
import type { ApiObject } from "../../src/client/rest/rest-client.js";
import type { ResourceRef } from "../../src/client/rest/paths.js";
import { startEtcd, type EtcdProcess } from "../support/etcd.js";
import { useTestServer } from "../support/server-hooks.js";
import type { TestServer } from "../support/server.js";

// The apiserver's REST semantics through skiff's own client, against a real
// server on a real SQLite file.
const pods: ResourceRef = { group: "", version: "v1", resource: "pods", namespaced: true };

const namespaces: ResourceRef = { group: "", version: "v1", resource: "namespaces", namespaced: false };

const pod = (name: string, labels: Record<string, string> = {}): ApiObject => ({
  apiVersion: "v1",
  kind: "Pod",
  metadata: { name, labels },
  spec: { containers: [{ name: "main", image: "skiff-test/busybox:1" }] },
});

async function statusOf(promise: Promise<unknown>): Promise<StatusError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(StatusError);
  return error as StatusError;
}

/** Reads a watch stream's events from `server` until `count` arrived. */
async function watchEvents(server: TestServer, path: string, count: number): Promise<Array<{ type: string; object: ApiObject }>> {
  const abort = new AbortController();
  const response = await server.client.transport.open({ method: "GET", path, signal: abort.signal });
  const events: Array<{ type: string; object: ApiObject }> = [];
  let buffer = "";
  try {
    for await (const chunk of response as AsyncIterable<Buffer>) {
      buffer += chunk.toString("utf8");
      let newline: number;
      while ((newline = buffer.indexOf("\n")) >= 0) {
        events.push(JSON.parse(buffer.slice(0, newline)) as { type: string; object: ApiObject });
        buffer = buffer.slice(newline + 1);
        if (events.length >= count) return events;
      }
    }
  } finally {
    abort.abort();
  }
  return events;
}

describe.each(["sqlite", "etcd"] as const)("apiserver REST on %s", (engine) => {
  let etcd: EtcdProcess | undefined;
  beforeAll(async () => {
    if (engine === "etcd") etcd = await startEtcd();
  });
  afterAll(async () => {
    await etcd?.stop();
  });
  const { server } = useTestServer(() => ({ store: etcd ? { engine: "etcd", endpoints: [etcd.endpoint] } : { engine: "sqlite" } }));
  beforeAll(async () => {
    for (const name of ["paging", "watching"]) {
      await server().client.create(namespaces, undefined, { apiVersion: "v1", kind: "Namespace", metadata: { name } });
    }
  });

  it("creates with server-owned metadata and refuses a second create", async () => {
    const created = await server().client.create(pods, "default", pod("meta"));
    expect(created.metadata).toMatchObject({ name: "meta", namespace: "default", generation: 1 });
    expect(created.metadata?.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.metadata?.creationTimestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    const again = await statusOf(server().client.create(pods, "default", pod("meta")));
    expect(again.status).toMatchObject({ code: 409, reason: "AlreadyExists", message: 'pods "meta" already exists' });
  });

  it("generates names from generateName", async () => {
    const created = await server().client.create(pods, "default", { ...pod(""), metadata: { generateName: "web-" } });
    expect(created.metadata?.name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
  });

  it("answers 409 to an update at a stale resourceVersion and keeps the newer write", async () => {
    const created = await server().client.create(pods, "default", pod("cas", { v: "0" }));
    const first = { ...created, metadata: { ...created.metadata, labels: { v: "1" } } };
    const stale = { ...created, metadata: { ...created.metadata, labels: { v: "2" } } };
    await server().client.update(pods, "default", first);
    const conflict = await statusOf(server().client.update(pods, "default", stale));
    expect(conflict.status).toMatchObject({ code: 409, reason: "Conflict" });
    const now = await server().client.get(pods, "default", "cas");
    expect(now.metadata?.labels).toEqual({ v: "1" });
  });

  it("loses no update among concurrent unconditional patches", async () => {
    await server().client.create(pods, "default", pod("race"));
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        server().client.patch(pods, "default", "race", "merge", { metadata: { annotations: { [`k${i}`]: "x" } } }),
      ),
    );
    const now = await server().client.get(pods, "default", "race");
    expect(Object.keys((now.metadata?.annotations as Record<string, string>) ?? {})).toHaveLength(20);
  });

  it("keeps status on main-resource writes and spec on status writes", async () => {
    const created = await server().client.create(pods, "default", pod("status"));
    const withStatus = await server().client.update(
      pods,
      "default",
      { ...created, status: { phase: "Running", podIP: "10.42.0.5" } },
      { subresource: "status" },
    );
    expect(withStatus.status).toMatchObject({ phase: "Running", podIP: "10.42.0.5" });
    const relabeled = await server().client.update(pods, "default", {
      ...withStatus,
      metadata: { ...withStatus.metadata, labels: { x: "y" } },
      status: { phase: "Failed" },
    });
    expect(relabeled.status).toMatchObject({ phase: "Running" });
    expect(relabeled.metadata?.labels).toEqual({ x: "y" });
  });

  it("reports every invalid field in one 422 and stores nothing", async () => {
    const broken = { ...pod("Bad_Name"), spec: { containers: [{ name: "main" }, { name: "main", image: "x" }] } };
    const error = await statusOf(server().client.create(pods, "default", broken));
    expect(error.status.code).toBe(422);
    expect(error.status.details?.causes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: "metadata.name" }),
        expect.objectContaining({ field: "spec.containers[0].image", reason: "FieldValueRequired" }),
        expect.objectContaining({ field: "spec.containers[1].name", reason: "FieldValueDuplicate" }),
      ]),
    );
    await statusOf(server().client.get(pods, "default", "Bad_Name"));
  });

  it("pages a list at one revision and filters by labels and fields", async () => {
    for (let i = 0; i < 7; i++) await server().client.create(pods, "paging", pod(`p${i}`, { tier: i % 2 ? "odd" : "even" }));
    const first = await server().client.list(pods, "paging", { limit: 3 });
    expect(first.items.map((p) => p.metadata?.name)).toEqual(["p0", "p1", "p2"]);
    await server().client.create(pods, "paging", pod("p7"));
    let all = [...first.items];
    let token = first.metadata.continue;
    while (token) {
      const page = await server().client.list(pods, "paging", { limit: 3, continue: token });
      expect(page.metadata.resourceVersion).toBe(first.metadata.resourceVersion);
      all = all.concat(page.items);
      token = page.metadata.continue;
    }
    expect(all).toHaveLength(7);
    const odd = await server().client.list(pods, "paging", { labelSelector: "tier=odd" });
    expect(odd.items.map((p) => p.metadata?.name)).toEqual(["p1", "p3", "p5"]);
    const one = await server().client.list(pods, undefined, { fieldSelector: "metadata.name=p4,metadata.namespace=paging" });
    expect(one.items.map((p) => p.metadata?.name)).toEqual(["p4"]);
    const bad = await statusOf(server().client.list(pods, "paging", { fieldSelector: "spec.bogus=1" }));
    expect(bad.status).toMatchObject({ code: 400, message: "field label not supported: spec.bogus" });
  });

  it("marks an object with finalizers and deletes it when the last one goes", async () => {
    const created = await server().client.create(pods, "default", { ...pod("fin"), metadata: { name: "fin", finalizers: ["example.com/hold"] } });
    await server().client.delete(pods, "default", "fin");
    const marked = await server().client.get(pods, "default", "fin");
    expect(marked.metadata?.deletionTimestamp).toBeDefined();
    await server().client.patch(pods, "default", "fin", "merge", { metadata: { finalizers: null } });
    const gone = await statusOf(server().client.get(pods, "default", "fin"));
    expect(gone.status.code).toBe(404);
    expect(created.metadata?.uid).toBeDefined();
  });

  it("watches with the synthetic initial state, then live changes, and moves objects in and out of a selection", async () => {
    await server().client.create(pods, "watching", pod("w1", { app: "a" }));
    const path = "/api/v1/namespaces/watching/pods?watch=1&labelSelector=app%3Da";
    const seen = watchEvents(server(), path, 4);
    await new Promise((r) => setTimeout(r, 100));
    await server().client.create(pods, "watching", pod("w2", { app: "a" }));
    await server().client.patch(pods, "watching", "w1", "merge", { metadata: { labels: { app: "b" } } });
    await server().client.delete(pods, "watching", "w2");
    const events = await seen;
    expect(events.map((e) => `${e.type} ${e.object.metadata?.name}`)).toEqual(["ADDED w1", "ADDED w2", "DELETED w1", "DELETED w2"]);
  });

  it("ends the initial events with the initial-events-end bookmark, and ends the watch at timeoutSeconds", async () => {
    await server().client.create(pods, "watching", pod("initial"));
    const started = Date.now();
    const events = await watchEvents(
      server(),
      "/api/v1/namespaces/watching/pods?watch=1&sendInitialEvents=true&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true&timeoutSeconds=1",
      100,
    );
    expect(Date.now() - started).toBeLessThan(5_000);
    const bookmark = events.findIndex((e) => e.type === "BOOKMARK");
    expect(bookmark).toBeGreaterThan(0);
    expect(events.slice(0, bookmark).every((e) => e.type === "ADDED")).toBe(true);
    expect(events.slice(0, bookmark).map((e) => e.object.metadata?.name)).toContain("initial");
    expect(events[bookmark]?.object.metadata?.annotations).toEqual({ "k8s.io/initial-events-end": "true" });
    expect(Number(events[bookmark]?.object.metadata?.resourceVersion)).toBeGreaterThan(0);
  });

  it("serves the same watch over WebSocket, one event per message", async () => {
    await server().client.create(pods, "watching", pod("ws1"));
    const url = new URL(server().server.url);
    const socket = new WebSocket(`wss://${url.host}/api/v1/namespaces/watching/pods?watch=1&fieldSelector=metadata.name%3Dws1`, {
      ca: server().server.pki.ca.certPem,
      headers: { Authorization: `Bearer ${server().server.pki.adminToken}` },
    });
    const events: Array<{ type: string; object: ApiObject }> = [];
    const two = new Promise<void>((resolve, reject) => {
      socket.on("message", (data) => {
        events.push(JSON.parse(String(data)) as { type: string; object: ApiObject });
        if (events.length === 2) resolve();
      });
      socket.on("error", reject);
    });
    await new Promise((resolve) => socket.once("open", resolve));
    await server().client.patch(pods, "watching", "ws1", "merge", { metadata: { labels: { seen: "yes" } } });
    await two;
    socket.close();
    expect(events.map((e) => e.type)).toEqual(["ADDED", "MODIFIED"]);
    expect(events[1]?.object.metadata?.labels).toEqual({ seen: "yes" });
  });

  it("refuses an unauthenticated WebSocket watch with a 401 before the switch", async () => {
    const url = new URL(server().server.url);
    const socket = new WebSocket(`wss://${url.host}/api/v1/pods?watch=1`, { ca: server().server.pki.ca.certPem });
    const code = await new Promise<number>((resolve) => socket.on("unexpected-response", (_req, res) => resolve(res.statusCode ?? 0)));
    expect(code).toBe(401);
  });

  it("runs dryRun=All requests through every check and stores nothing", async () => {
    const before = await server().client.list(pods, "default");
    const created = await server().client.create(pods, "default", pod("dry"), { dryRun: true });
    expect(created.metadata?.uid).toBeDefined();
    await statusOf(server().client.get(pods, "default", "dry"));
    const invalidDry = await statusOf(server().client.create(pods, "default", { ...pod("dry2"), spec: { containers: [] } }, { dryRun: true }));
    expect(invalidDry.status.code).toBe(422);

    const real = await server().client.create(pods, "default", pod("wet", { v: "1" }));
    const patched = await server().client.patch(pods, "default", "wet", "merge", { metadata: { labels: { v: "2" } } }, { dryRun: true });
    expect(patched.metadata?.labels).toEqual({ v: "2" });
    await server().client.request({ method: "DELETE", path: "/api/v1/namespaces/default/pods/wet?dryRun=All" });
    const still = await server().client.get(pods, "default", "wet");
    expect(still.metadata?.labels).toEqual({ v: "1" });
    expect(still.metadata?.resourceVersion).toBe(real.metadata?.resourceVersion);
    const after = await server().client.list(pods, "default");
    expect(after.items.length).toBe(before.items.length + 1);
  });

  it("deletes a collection by label, leaving the rest", async () => {
    for (const [name, tier] of [["dc1", "x"], ["dc2", "x"], ["dc3", "y"]] as const) {
      await server().client.create(pods, "paging", pod(name, { dc: tier }));
    }
    const answer = await server().client.request<{ kind: string; items: ApiObject[] }>({
      method: "DELETE",
      path: "/api/v1/namespaces/paging/pods?labelSelector=dc%3Dx",
    });
    expect(answer.kind).toBe("PodList");
    expect(answer.items.map((p) => p.metadata?.name).sort()).toEqual(["dc1", "dc2"]);
    const left = await server().client.list(pods, "paging", { labelSelector: "dc" });
    expect(left.items.map((p) => p.metadata?.name)).toEqual(["dc3"]);
  });

  it("binds a pod to a node once, setting PodScheduled", async () => {
    await server().client.create(pods, "default", pod("bind-me"));
    const binding = { apiVersion: "v1", kind: "Binding", metadata: { name: "bind-me" }, target: { kind: "Node", name: "n1" } };
    await server().client.request({
      method: "POST",
      path: "/api/v1/namespaces/default/pods/bind-me/binding",
      body: JSON.stringify(binding),
      contentType: "application/json",
    });
    const bound = await server().client.get(pods, "default", "bind-me");
    expect((bound.spec as { nodeName?: string }).nodeName).toBe("n1");
    expect((bound.status as { conditions?: unknown[] }).conditions).toEqual([
      expect.objectContaining({ type: "PodScheduled", status: "True" }),
    ]);
    const again = await statusOf(
      server().client.request({
        method: "POST",
        path: "/api/v1/namespaces/default/pods/bind-me/binding",
        body: JSON.stringify({ ...binding, target: { kind: "Node", name: "n2" } }),
        contentType: "application/json",
      }),
    );
    expect(again.status).toMatchObject({ code: 409, reason: "Conflict" });
  });

  it("fills what the server owns: pod qosClass, a Job's generated selector, a Service's allocated fields", async () => {
    const guaranteed = await server().client.create(pods, "default", {
      ...pod("qos"),
      spec: { containers: [{ name: "main", image: "i", resources: { limits: { cpu: "1", memory: "64Mi" } } }] },
    });
    expect(guaranteed.status).toEqual({ phase: "Pending", qosClass: "Guaranteed" });

    const jobs: ResourceRef = { group: "batch", version: "v1", resource: "jobs", namespaced: true };
    const job = await server().client.create(jobs, "default", {
      apiVersion: "batch/v1",
      kind: "Job",
      metadata: { name: "once" },
      spec: { template: { spec: { restartPolicy: "Never", containers: [{ name: "main", image: "i" }] } } },
    });
    const uid = job.metadata?.uid as string;
    expect((job.spec as { selector?: unknown }).selector).toEqual({ matchLabels: { "batch.kubernetes.io/controller-uid": uid } });

    const services: ResourceRef = { group: "", version: "v1", resource: "services", namespaced: true };
    const svc = await server().client.create(services, "default", {
      apiVersion: "v1",
      kind: "Service",
      metadata: { name: "kept" },
      spec: { type: "NodePort", clusterIP: "10.43.0.50", ports: [{ port: 80, nodePort: 30080 }], selector: { app: "a" } },
    });
    const applied = await server().client.update(services, "default", {
      apiVersion: "v1",
      kind: "Service",
      metadata: { name: "kept", resourceVersion: svc.metadata?.resourceVersion },
      spec: { type: "NodePort", ports: [{ port: 80 }], selector: { app: "b" } },
    });
    expect(applied.spec).toMatchObject({ clusterIP: "10.43.0.50", ports: [expect.objectContaining({ nodePort: 30080 })], selector: { app: "b" } });
  });

  it("answers a watch from a compacted revision older than the watch cache with a 410 ERROR event", async () => {
    await server().client.create(pods, "default", pod("old"));
    await server().client.patch(pods, "default", "old", "merge", { metadata: { labels: { a: "1" } } });
    const latest = await server().client.get(pods, "default", "old");
    await server().server.store.compact(Number(latest.metadata?.resourceVersion));
    // Revision 1 is older than this server's watch cache window, so the store answers, and it has compacted it.
    const events = await watchEvents(server(), "/api/v1/namespaces/default/pods?watch=1&resourceVersion=1", 1);
    expect(events[0]?.type).toBe("ERROR");
    expect(events[0]?.object).toMatchObject({ kind: "Status", code: 410, reason: "Expired" });
  });
});
