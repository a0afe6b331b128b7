import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ApiObject } from "../../src/client/rest/rest-client.js";
import { eventually } from "../store/helpers/eventually.js";
import { markPodReady } from "../support/fake-kubelet.js";
import { startTestServer, type TestServer } from "../support/server.js";

const podsRef = { group: "", version: "v1", resource: "pods", namespaced: true };
const replicaSetsRef = { group: "apps", version: "v1", resource: "replicasets", namespaced: true };
const eventsRef = { group: "", version: "v1", resource: "events", namespaced: true };
const wait = { timeoutMs: 15_000, intervalMs: 50 };

interface PodObject extends ApiObject {
  metadata: { name: string; uid: string; labels?: Record<string, string>; ownerReferences?: Array<{ uid: string; controller?: boolean; kind: string }> };
}
interface RsObject extends ApiObject {
  metadata: { name: string; uid: string; generation?: number };
  status?: { replicas?: number; readyReplicas?: number; availableReplicas?: number; fullyLabeledReplicas?: number; observedGeneration?: number };
}

const replicaSet = (name: string, replicas: number, extra: Record<string, unknown> = {}): ApiObject => ({
  apiVersion: "apps/v1",
  kind: "ReplicaSet",
  metadata: { name },
  spec: {
    replicas,
    selector: { matchLabels: { app: name } },
    template: { metadata: { labels: { app: name, tier: "web" } }, spec: { containers: [{ name: "main", image: "busybox:1" }] } },
    ...extra,
  },
});
const orphanPod = (name: string, labels: Record<string, string>): ApiObject => ({
  apiVersion: "v1",
  kind: "Pod",
  metadata: { name, labels },
  spec: { containers: [{ name: "main", image: "busybox:1" }] },
});

describe("the ReplicaSet controller against the real server", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.stop();
  });

  const podsOf = async (app: string): Promise<PodObject[]> => (await server.client.list<PodObject>(podsRef, "default", { labelSelector: `app=${app}` })).items;
  const rsNamed = (name: string): Promise<RsObject> => server.client.get<RsObject>(replicaSetsRef, "default", name);

  it("creates the replicas as its own pods, reports them, and deletes the not-ready ones first when scaled down", async () => {
    const rs = await server.client.create<RsObject>(replicaSetsRef, "default", replicaSet("scale", 3));
    const pods = await eventually(async () => {
      const found = await podsOf("scale");
      expect(found).toHaveLength(3);
      return found;
    }, wait);
    for (const pod of pods) {
      expect(pod.metadata.name).toMatch(/^scale-[a-z0-9]{5}$/);
      expect(pod.metadata.ownerReferences).toEqual([expect.objectContaining({ kind: "ReplicaSet", uid: rs.metadata.uid, controller: true })]);
    }
    await eventually(async () => expect((await rsNamed("scale")).status).toMatchObject({ replicas: 3, fullyLabeledReplicas: 3, readyReplicas: 0, observedGeneration: 1 }), wait);

    const survivor = pods[1]!.metadata.name;
    await markPodReady(server.client, "default", survivor);
    await eventually(async () => expect((await rsNamed("scale")).status).toMatchObject({ readyReplicas: 1, availableReplicas: 1 }), wait);
    await server.client.patch(replicaSetsRef, "default", "scale", "merge", { spec: { replicas: 1 } });
    await eventually(async () => expect((await podsOf("scale")).map((pod) => pod.metadata.name)).toEqual([survivor]), wait);
    await eventually(async () => expect((await rsNamed("scale")).status).toMatchObject({ replicas: 1, readyReplicas: 1, observedGeneration: 2 }), wait);

    const events = (await server.client.list<ApiObject>(eventsRef, "default", { fieldSelector: "involvedObject.name=scale" })).items;
    const said = events.map((event) => `${String(event.reason)}: ${String(event.message)}`);
    expect(said.filter((line) => line.startsWith("SuccessfulCreate: Created pod: scale-"))).toHaveLength(3);
    expect(said.filter((line) => line.startsWith("SuccessfulDelete: Deleted pod: scale-"))).toHaveLength(2);
    expect(events.every((event) => (event.source as { component?: string }).component === "replicaset-controller")).toBe(true);
  });

  it("replaces a deleted pod", async () => {
    await server.client.create(replicaSetsRef, "default", replicaSet("heal", 2));
    const first = await eventually(async () => {
      const found = await podsOf("heal");
      expect(found).toHaveLength(2);
      return found;
    }, wait);
    await server.client.delete(podsRef, "default", first[0]!.metadata.name);
    await eventually(async () => {
      const names = (await podsOf("heal")).map((pod) => pod.metadata.name);
      expect(names).toHaveLength(2);
      expect(names).not.toContain(first[0]!.metadata.name);
    }, wait);
  });

  it("adopts a matching orphan instead of creating a pod, and releases a pod whose labels stop matching", async () => {
    await server.client.create(podsRef, "default", orphanPod("adopt-orphan", { app: "adopt", tier: "web" }));
    const rs = await server.client.create<RsObject>(replicaSetsRef, "default", replicaSet("adopt", 2));
    const pods = await eventually(async () => {
      const found = await podsOf("adopt");
      expect(found).toHaveLength(2);
      expect(found.every((pod) => pod.metadata.ownerReferences?.[0]?.uid === rs.metadata.uid)).toBe(true);
      return found;
    }, wait);
    expect(pods.map((pod) => pod.metadata.name)).toContain("adopt-orphan");

    await server.client.patch(podsRef, "default", "adopt-orphan", "merge", { metadata: { labels: { app: "elsewhere" } } });
    await eventually(async () => {
      const released = await server.client.get<PodObject>(podsRef, "default", "adopt-orphan");
      expect(released.metadata.ownerReferences ?? []).toEqual([]);
      const kept = await podsOf("adopt");
      expect(kept).toHaveLength(2);
      expect(kept.map((pod) => pod.metadata.name)).not.toContain("adopt-orphan");
    }, wait);
  });

  it("counts a ready pod available only after minReadySeconds", async () => {
    await server.client.create(replicaSetsRef, "default", replicaSet("slow", 1, { minReadySeconds: 2 }));
    const [pod] = await eventually(async () => {
      const found = await podsOf("slow");
      expect(found).toHaveLength(1);
      return found;
    }, wait);
    await markPodReady(server.client, "default", pod!.metadata.name);
    await eventually(async () => expect((await rsNamed("slow")).status).toMatchObject({ readyReplicas: 1, availableReplicas: 0 }), wait);
    await eventually(async () => expect((await rsNamed("slow")).status).toMatchObject({ readyReplicas: 1, availableReplicas: 1 }), wait);
  });
});
