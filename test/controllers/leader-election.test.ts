import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ApiObject } from "../../src/client/rest/rest-client.js";
import { eventually } from "../store/helpers/eventually.js";
import { startEtcd, type EtcdProcess } from "../support/etcd.js";
import { startTestServer, type TestServer, type TestServerOptions } from "../support/server.js";
import { useTempDir } from "../support/temp-dir.js";

const leasesRef = { group: "coordination.k8s.io", version: "v1", resource: "leases", namespaced: true };
const servicesRef = { group: "", version: "v1", resource: "services", namespaced: true };
const podsRef = { group: "", version: "v1", resource: "pods", namespaced: true };
const endpointsRef = { group: "", version: "v1", resource: "endpoints", namespaced: true };
// kube-controller-manager's 15/10/2 s, shortened so that a takeover fits a test.
const timing = { leaseDurationMs: 4_000, renewDeadlineMs: 3_000, retryPeriodMs: 500 };

interface LeaseObject extends ApiObject {
  spec?: { holderIdentity?: string; leaseDurationSeconds?: number; leaseTransitions?: number; renewTime?: string };
}

const dir = useTempDir("skiff-leader-");

describe("leader election between two servers on one etcd", () => {
  let etcd: EtcdProcess;
  const servers: TestServer[] = [];
  const start = async (identity: string): Promise<TestServer> => {
    // One cluster: the same CA and keys (data dir) and store, several API endpoints.
    const options: TestServerOptions = { dataDir: join(dir(), "cluster"), store: { engine: "etcd", endpoints: [etcd.endpoint] }, leaderElection: { timing, identity } };
    const server = await startTestServer(options);
    servers.push(server);
    return server;
  };
  const lease = (server: TestServer): Promise<LeaseObject> => server.client.get<LeaseObject>(leasesRef, "kube-system", "skiff-controller-manager");
  const leaders = (): string[] => servers.filter((s) => s.server.isLeader()).map((s) => s.server.url);

  beforeAll(async () => {
    etcd = await startEtcd();
  });
  afterAll(async () => {
    for (const server of servers.reverse()) await server.stop().catch(() => undefined);
    await etcd?.stop();
  });

  it("runs the controllers on exactly one; a crashed leader's lease runs out and the other takes over and does the work", async () => {
    const first = await start("server-a");
    const second = await start("server-b");
    await eventually(() => expect(leaders()).toHaveLength(1), { timeoutMs: 10_000, intervalMs: 50 });
    const [leader, follower] = first.server.isLeader() ? [first, second] : [second, first];
    const held = await lease(follower);
    expect(held.spec).toMatchObject({ holderIdentity: leader === first ? "server-a" : "server-b", leaseDurationSeconds: 4 });
    // Over several renewals, still one leader: the follower never takes a lease that is being renewed.
    for (let i = 0; i < 10; i++) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(leaders()).toEqual([leader.server.url]);
    }
    expect((await lease(follower)).spec?.renewTime).not.toBe(held.spec?.renewTime);

    // A crash: no release, the lease has to run out.
    const crashedAt = Date.now();
    await leader.stop({ releaseLeadership: false });
    servers.splice(servers.indexOf(leader), 1);
    await eventually(() => expect(follower.server.isLeader()).toBe(true), { timeoutMs: 15_000, intervalMs: 50 });
    const takeoverMs = Date.now() - crashedAt;
    // Not at once: the follower waited for the lease to run out (from the last renewal it saw, which a loaded machine may have delayed), and soon after.
    expect(takeoverMs).toBeGreaterThanOrEqual(timing.leaseDurationMs / 2);
    expect(takeoverMs).toBeLessThan(timing.leaseDurationMs + 4 * timing.retryPeriodMs + 2_000);
    const taken = await lease(follower);
    expect(taken.spec).toMatchObject({ holderIdentity: follower === first ? "server-a" : "server-b", leaseTransitions: (held.spec?.leaseTransitions ?? 0) + 1 });

    // The new leader's endpoints controller does the work.
    await follower.client.create(servicesRef, "default", { apiVersion: "v1", kind: "Service", metadata: { name: "after-takeover" }, spec: { selector: { app: "t" }, ports: [{ port: 80 }] } });
    await follower.client.create(podsRef, "default", { apiVersion: "v1", kind: "Pod", metadata: { name: "t-1", labels: { app: "t" } }, spec: { containers: [{ name: "c", image: "registry.local/t:1" }] } });
    await follower.client.patch(podsRef, "default", "t-1", "merge", { status: { phase: "Running", podIP: "10.42.3.3", conditions: [{ type: "Ready", status: "True" }] } }, { subresource: "status" });
    await eventually(async () => {
      const endpoints = await follower.client.get<ApiObject & { subsets?: Array<{ addresses?: Array<{ ip: string }> }> }>(endpointsRef, "default", "after-takeover");
      expect(endpoints.subsets?.[0]?.addresses?.map((a) => a.ip)).toEqual(["10.42.3.3"]);
    }, { timeoutMs: 10_000, intervalMs: 50 });
  });

  it("hands the lease over at once when the leader stops cleanly", async () => {
    const [current] = servers;
    expect(current?.server.isLeader()).toBe(true);
    const next = await start("server-c");
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(next.server.isLeader()).toBe(false);
    const stoppedAt = Date.now();
    await current!.stop();
    servers.splice(servers.indexOf(current!), 1);
    await eventually(() => expect(next.server.isLeader()).toBe(true), { timeoutMs: 15_000, intervalMs: 50 });
    // Released: no waiting for the 4 s lease (only for the next attempt, at most 2.2 retry periods away).
    expect(Date.now() - stoppedAt).toBeLessThan(timing.leaseDurationMs - 500);
    expect((await lease(next)).spec?.holderIdentity).toBe("server-c");
  });
});
