import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Pod } from "../../src/api/core/v1/pod.js";
import { eventually } from "../store/helpers/eventually.js";
import { kubectlRunner } from "../support/kubectl.js";
import { startTestServer, type TestServer } from "../support/server.js";
import { addReadyNode, eventsAbout, nodesRef, podManifest, podsIn, podsRef } from "./scheduler-support.js";

const wait = { timeoutMs: 15_000, intervalMs: 100 };
const namespacesRef = { group: "", version: "v1", resource: "namespaces", namespaced: false };

describe("the scheduler against a real server", () => {
  let server: TestServer;
  let namespaceCount = 0;
  /** Each test in its own namespace, on nodes of its own (a label keeps other tests' nodes out). */
  const freshNamespace = async (): Promise<string> => {
    const name = `sched-${++namespaceCount}`;
    await server.client.create(namespacesRef, undefined, { apiVersion: "v1", kind: "Namespace", metadata: { name } });
    return name;
  };
  const nodeOf = async (namespace: string, name: string): Promise<string> =>
    eventually(async () => {
      const pod = await server.client.get<Pod>(podsRef, namespace, name);
      expect(pod.spec.nodeName).toBeTruthy();
      return pod.spec.nodeName!;
    }, wait);

  beforeAll(async () => {
    server = await startTestServer({ controllers: ["*"] });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("binds pods by resources, nodeSelector and taints, with a Scheduled event", async () => {
    const ns = await freshNamespace();
    const group = { group: ns };
    await addReadyNode(server.client, `${ns}-small`, { cpu: "1", labels: group });
    await addReadyNode(server.client, `${ns}-big`, { cpu: "8", labels: group });
    await addReadyNode(server.client, `${ns}-ssd`, { cpu: "8", labels: { ...group, disk: "ssd" } });
    await addReadyNode(server.client, `${ns}-gpu`, { cpu: "8", labels: group, taints: [{ key: "gpu", value: "true", effect: "NoSchedule" }] });
    const inGroup = { nodeSelector: group };

    await server.client.create(podsRef, ns, podManifest("hungry", { cpu: "6", spec: { ...inGroup, tolerations: [] } }));
    await server.client.create(podsRef, ns, podManifest("picky", { spec: { nodeSelector: { ...group, disk: "ssd" } } }));
    await server.client.create(podsRef, ns, podManifest("tolerant", { cpu: "7", spec: { nodeSelector: group, tolerations: [{ key: "gpu", operator: "Exists" }], affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: "metadata.name", operator: "In", values: [`${ns}-gpu`] }] }] } } } } }));

    expect([`${ns}-big`, `${ns}-ssd`]).toContain(await nodeOf(ns, "hungry"));
    expect(await nodeOf(ns, "picky")).toBe(`${ns}-ssd`);
    expect(await nodeOf(ns, "tolerant")).toBe(`${ns}-gpu`);
    const pod = await server.client.get<Pod>(podsRef, ns, "picky");
    expect(pod.status?.conditions?.find((c) => c.type === "PodScheduled")?.status).toBe("True");
    await eventually(async () => {
      const events = await eventsAbout(server.client, ns, "picky");
      expect(events).toContainEqual(expect.objectContaining({ type: "Normal", reason: "Scheduled", message: `Successfully assigned ${ns}/picky to ${ns}-ssd` }));
    }, wait);
  });

  it("spreads pods with required anti-affinity one per node", async () => {
    const ns = await freshNamespace();
    const group = { group: ns };
    for (const i of [1, 2, 3]) await addReadyNode(server.client, `${ns}-n${i}`, { labels: group });
    const antiAffinity = { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: "solo" } }, topologyKey: "kubernetes.io/hostname" }] } };
    for (const i of [1, 2, 3, 4]) {
      await server.client.create(podsRef, ns, podManifest(`solo-${i}`, { labels: { app: "solo" }, spec: { nodeSelector: group, affinity: antiAffinity } }));
    }
    const placed = await eventually(async () => {
      const pods = await podsIn(server.client, ns);
      const bound = pods.filter((pod) => pod.spec.nodeName);
      expect(bound).toHaveLength(3);
      return bound.map((pod) => pod.spec.nodeName);
    }, wait);
    expect(new Set(placed).size).toBe(3);
    const left = (await podsIn(server.client, ns)).find((pod) => !pod.spec.nodeName)!;
    await eventually(async () => {
      const pod = await server.client.get<Pod>(podsRef, ns, left.metadata.name!);
      const condition = pod.status?.conditions?.find((c) => c.type === "PodScheduled");
      expect(condition).toMatchObject({ status: "False", reason: "Unschedulable" });
      expect(condition?.message).toMatch(/^0\/\d+ nodes are available: .*3 node\(s\) didn't match pod anti-affinity rules/);
    }, wait);
  });

  it("marks a pod that fits nowhere Unschedulable with Kubernetes' message and event, and binds it once a node fits", async () => {
    // A server of its own: the message counts every node of the cluster.
    const own = await startTestServer({ controllers: ["*"] });
    try {
      const client = own.client;
      await addReadyNode(client, "tiny", { memory: "1Gi" });
      await addReadyNode(client, "cordoned", { memory: "16Gi" });
      await client.patch(nodesRef, undefined, "cordoned", "merge", { spec: { unschedulable: true } });
      await addReadyNode(client, "tainted", { memory: "16Gi", taints: [{ key: "dedicated", value: "infra", effect: "NoSchedule" }] });
      await client.create(podsRef, "default", podManifest("large", { memory: "4Gi" }));
      const expected = "0/3 nodes are available: 1 Insufficient memory, 1 node(s) had untolerated taint {dedicated: infra}, 1 node(s) were unschedulable.";
      await eventually(async () => {
        const pod = await client.get<Pod>(podsRef, "default", "large");
        expect(pod.status?.conditions?.find((c) => c.type === "PodScheduled")).toMatchObject({ status: "False", reason: "Unschedulable", message: expected });
      }, wait);
      const attempts = async (): Promise<number> => {
        const events = await eventsAbout(client, "default", "large");
        const failed = events.find((event) => event.reason === "FailedScheduling" && event.message === expected);
        expect(failed).toMatchObject({ type: "Warning" });
        return failed!.count ?? 1;
      };
      const before = await eventually(attempts, wait);
      // Nothing changes: the pod waits apart, it is not tried again and again (at most one retry its back-off had due).
      await new Promise((resolve) => setTimeout(resolve, 2_500));
      expect(await attempts()).toBeLessThanOrEqual(before + 1);
      const kubectl = await kubectlRunner(own.server.kubeconfigPath);
      const described = await kubectl(["describe", "pod", "large"]);
      expect(described.stdout).toMatch(/PodScheduled\s+False/);
      expect(described.stdout).toMatch(/Warning\s+FailedScheduling\s+.*default-scheduler\s+0\/3 nodes are available: 1 Insufficient memory/);

      await addReadyNode(client, "roomy", { memory: "8Gi" });
      await eventually(async () => {
        const pod = await client.get<Pod>(podsRef, "default", "large");
        expect(pod.spec.nodeName).toBe("roomy");
        expect(pod.status?.conditions?.find((c) => c.type === "PodScheduled")?.status).toBe("True");
      }, wait);
    } finally {
      await own.stop();
    }
  });

  it("never overcommits: 200 pods pending at once onto nodes that fit exactly 40", async () => {
    const ns = await freshNamespace();
    const group = { group: ns };
    // Pending first, with no node of theirs: they all wait, then all become schedulable at once.
    await Promise.all(
      Array.from({ length: 200 }, (_, i) => server.client.create(podsRef, ns, podManifest(`burst-${i}`, { cpu: "1", memory: "100Mi", spec: { nodeSelector: group } }))),
    );
    await Promise.all([1, 2, 3, 4].map((i) => addReadyNode(server.client, `${ns}-n${i}`, { cpu: "10", memory: "64Gi", labels: group })));
    const bound = await eventually(async () => {
      const pods = await podsIn(server.client, ns);
      const placed = pods.filter((pod) => pod.spec.nodeName);
      expect(placed).toHaveLength(40);
      return placed;
    }, { timeoutMs: 30_000, intervalMs: 200 });
    const perNode = new Map<string, number>();
    for (const pod of bound) perNode.set(pod.spec.nodeName!, (perNode.get(pod.spec.nodeName!) ?? 0) + 1);
    expect([...perNode.values()]).toEqual([10, 10, 10, 10]);
    // A while later, still 40: the others wait Unschedulable.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const pods = await podsIn(server.client, ns);
    expect(pods.filter((pod) => pod.spec.nodeName)).toHaveLength(40);
    const waiting = pods.find((pod) => !pod.spec.nodeName)!;
    await eventually(async () => {
      const pod = await server.client.get<Pod>(podsRef, ns, waiting.metadata.name!);
      expect(pod.status?.conditions?.find((c) => c.type === "PodScheduled")?.message).toMatch(/4 Insufficient cpu/);
    }, wait);
  });

  it("leaves pods for another scheduler alone", async () => {
    const ns = await freshNamespace();
    await addReadyNode(server.client, `${ns}-n1`, { labels: { group: ns } });
    await server.client.create(podsRef, ns, podManifest("other", { spec: { schedulerName: "my-scheduler", nodeSelector: { group: ns } } }));
    await server.client.create(podsRef, ns, podManifest("mine", { spec: { nodeSelector: { group: ns } } }));
    await nodeOf(ns, "mine");
    const other = await server.client.get<Pod>(podsRef, ns, "other");
    expect(other.spec.nodeName).toBeUndefined();
    expect(other.status?.conditions?.find((c) => c.type === "PodScheduled")).toBeUndefined();
  });
});
