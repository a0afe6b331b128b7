import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Lease } from "../../../src/api/coordination/v1/lease.js";
import type { Node } from "../../../src/api/core/v1/node.js";
import type { Pod } from "../../../src/api/core/v1/pod.js";
import type { ApiObject } from "../../../src/client/rest/rest-client.js";
import { watch } from "../../../src/client/watch/watch.js";
import { createLogger } from "../../../src/log.js";
import { createJoinToken } from "../../join/join-support.js";
import { eventually } from "../../store/helpers/eventually.js";
import { startTestServer, type TestServer } from "../../support/server.js";
import { startHollowFleet, type HollowFleet } from "./hollow-fleet.js";
import { hollowLabel } from "./hollow-node.js";

const nodesRef = { group: "", version: "v1", resource: "nodes", namespaced: false };
const podsRef = { group: "", version: "v1", resource: "pods", namespaced: true };
const leasesRef = { group: "coordination.k8s.io", version: "v1", resource: "leases", namespaced: true };
const nodeCount = 20;
const podCount = 100;
const namespace = "default";

let server: TestServer;
let fleet: HollowFleet;
let dataRoot: string;

beforeAll(async () => {
  server = await startTestServer();
  dataRoot = await mkdtemp(join(tmpdir(), "skiff-hollow-"));
  const { token } = await createJoinToken(server, { description: "hollow nodes test" });
  fleet = await startHollowFleet({ server: server.admin.server, token, namePrefix: "hollow", first: 0, count: nodeCount, dataRoot, log: createLogger("silent") });
});

afterAll(async () => {
  await fleet?.stop();
  await server?.stop();
  await rm(dataRoot, { recursive: true, force: true });
});

const readyOf = (node: Node) => node.status?.conditions?.find((condition) => condition.type === "Ready")?.status;
const inCidr = (ip: string, cidr: string): boolean => ip.split(".").slice(0, 3).join(".") === cidr.split(".").slice(0, 3).join(".");

describe("hollow nodes against a real server", () => {
  it("join with their own credentials and register Ready, with a pod CIDR, their own InternalIP and a Lease", async () => {
    const nodes = await eventually(async () => {
      const list = await server.client.list<Node>(nodesRef, undefined, { labelSelector: `${hollowLabel}=true` });
      expect(list.items.filter((node) => readyOf(node) === "True" && node.spec?.podCIDR)).toHaveLength(nodeCount);
      return list.items;
    }, { timeoutMs: 20_000, intervalMs: 200 });
    const ips = nodes.map((node) => node.status?.addresses?.find((a) => a.type === "InternalIP")?.address);
    expect(new Set(ips).size).toBe(nodeCount);
    expect(nodes[0]?.status?.capacity).toMatchObject({ cpu: "8", pods: "110", memory: "32Gi" });
    const leases = await server.client.list<Lease>(leasesRef, "kube-node-lease");
    expect(leases.items.filter((lease) => lease.spec?.holderIdentity?.startsWith("hollow-"))).toHaveLength(nodeCount);
  });

  it("run bound pods to Running with IPs from their node's pod CIDR, and take them down when deleted", async () => {
    const started = performance.now();
    await Promise.all(
      Array.from({ length: podCount }, (_, n) =>
        server.client.create(podsRef, namespace, {
          apiVersion: "v1",
          kind: "Pod",
          metadata: { name: `hollow-pod-${n}`, labels: { app: "hollow-test" } },
          spec: { nodeName: `hollow-${n % nodeCount}`, containers: [{ name: "app", image: "registry.example/app:1" }] },
        }),
      ),
    );
    const cidrs = new Map((await server.client.list<Node>(nodesRef, undefined)).items.map((node) => [node.metadata?.name, node.spec?.podCIDR ?? ""]));
    await eventually(async () => {
      const pods = (await server.client.list<Pod>(podsRef, namespace, { labelSelector: "app=hollow-test" })).items;
      const running = pods.filter((pod) => pod.status?.phase === "Running" && pod.status.containerStatuses?.[0]?.ready === true);
      expect(running).toHaveLength(podCount);
      for (const pod of running) expect(inCidr(pod.status?.podIP ?? "", cidrs.get(pod.spec?.nodeName) ?? "")).toBe(true);
    }, { timeoutMs: 20_000, intervalMs: 200 });
    const toRunningMs = performance.now() - started;
    // Fake containers start at once: the time is the agents' and the server's own.
    expect(toRunningMs).toBeLessThan(15_000);
    expect(fleet.nodes.reduce((sum, node) => sum + node.runtime.images.pulls.length, 0)).toBeGreaterThanOrEqual(nodeCount);

    await Promise.all(Array.from({ length: podCount }, (_, n) => server.client.delete(podsRef, namespace, `hollow-pod-${n}`)));
    await eventually(async () => {
      const pods = await server.client.list<Pod>(podsRef, namespace, { labelSelector: "app=hollow-test" });
      expect(pods.items).toHaveLength(0);
    }, { timeoutMs: 20_000, intervalMs: 200 });
    for (const node of fleet.nodes) expect((await node.runtime.listContainers()).filter((c) => c.state === "running")).toEqual([]);
  });

  it("write what an idle agent writes: each renews its Lease once in 10 s, and no node status while nothing changed", async () => {
    const windowMs = 11_000;
    const stop = new AbortController();
    const timer = setTimeout(() => stop.abort(), windowMs);
    const leaseVersion = (await server.client.list(leasesRef, "kube-node-lease")).metadata.resourceVersion;
    const nodes = await server.client.list<Node>(nodesRef, undefined);
    const nodeVersion = nodes.metadata.resourceVersion;
    const heartbeatOf = (node: Node): string => node.status?.conditions?.find((condition) => condition.type === "Ready")?.lastHeartbeatTime ?? "";
    const lastHeartbeat = new Map(nodes.items.map((node) => [node.metadata?.name ?? "", heartbeatOf(node)]));
    const renewals = new Map<string, number>();
    const heartbeats = new Map<string, number>();
    const add = (into: Map<string, number>, name: string): void => void into.set(name, (into.get(name) ?? 0) + 1);
    const watchLeases = async (): Promise<void> => {
      for await (const event of watch<Lease & ApiObject>(server.client, leasesRef, "kube-node-lease", { resourceVersion: leaseVersion, signal: stop.signal })) {
        if (event.type === "MODIFIED") add(renewals, event.object.metadata.name ?? "");
      }
    };
    const watchNodes = async (): Promise<void> => {
      for await (const event of watch<Node & ApiObject>(server.client, nodesRef, undefined, { resourceVersion: nodeVersion, signal: stop.signal })) {
        if (event.type !== "MODIFIED") continue;
        // A status write by the agent moves the heartbeat; other writers (controllers) do not.
        const name = event.object.metadata.name ?? "";
        const at = heartbeatOf(event.object);
        if (lastHeartbeat.get(name) !== at) add(heartbeats, name);
        lastHeartbeat.set(name, at);
      }
    };
    await Promise.all([watchLeases(), watchNodes()]);
    clearTimeout(timer);
    const hollow = [...renewals.keys()].filter((name) => name.startsWith("hollow-"));
    expect(hollow).toHaveLength(nodeCount);
    // Every 10 s: once or twice in an 11 s window, never more.
    for (const name of hollow) expect(renewals.get(name)).toBeLessThanOrEqual(2);
    expect([...heartbeats.values()].reduce((sum, n) => sum + n, 0)).toBe(0);
  }, 20_000);
});
