import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ApiObject } from "../../src/client/rest/rest-client.js";
import { eventually } from "../store/helpers/eventually.js";
import { kubectlRunner, type Kubectl } from "../support/kubectl.js";
import { startTestServer, type TestServer } from "../support/server.js";
import { eventReasons, nodesRef, podsOwnedBy, podsRef, setPodPhase } from "./support/workload-pods.js";

const daemonSetsRef = { group: "apps", version: "v1", resource: "daemonsets", namespaced: true };
const wait = { timeoutMs: 15_000, intervalMs: 50 };

interface PodObject extends ApiObject {
  spec?: {
    nodeName?: string;
    affinity?: { nodeAffinity?: { requiredDuringSchedulingIgnoredDuringExecution?: { nodeSelectorTerms: Array<{ matchFields?: Array<{ key: string; operator: string; values?: string[] }> }> } } };
    tolerations?: Array<{ key?: string; operator?: string; effect?: string; tolerationSeconds?: number }>;
    containers?: Array<{ image?: string }>;
  };
  status?: { phase?: string };
}
interface DaemonSetObject extends ApiObject {
  status?: Record<string, number | undefined>;
}

/** The node a daemon pod is pinned to by its required node affinity. */
function pinnedNode(pod: PodObject): string | undefined {
  const terms = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? [];
  return terms[0]?.matchFields?.find((field) => field.key === "metadata.name" && field.operator === "In")?.values?.[0];
}

function daemonSet(name: string, extra: { nodeSelector?: Record<string, string>; image?: string; updateStrategy?: unknown } = {}): ApiObject {
  return {
    apiVersion: "apps/v1",
    kind: "DaemonSet",
    metadata: { name },
    spec: {
      selector: { matchLabels: { app: name } },
      ...(extra.updateStrategy ? { updateStrategy: extra.updateStrategy } : {}),
      template: {
        metadata: { labels: { app: name } },
        spec: { ...(extra.nodeSelector ? { nodeSelector: extra.nodeSelector } : {}), containers: [{ name: "agent", image: extra.image ?? "busybox:1.36" }] },
      },
    },
  };
}

describe("the DaemonSet controller against the real server", () => {
  let server: TestServer;
  let kubectl: Kubectl;
  beforeAll(async () => {
    server = await startTestServer();
    kubectl = await kubectlRunner(server.server.kubeconfigPath);
  });
  afterAll(() => server.stop());

  async function addNode(name: string, labels: Record<string, string> = {}, taints: unknown[] = []): Promise<void> {
    await server.client.create(nodesRef, undefined, { apiVersion: "v1", kind: "Node", metadata: { name, labels }, spec: { taints } });
    const now = new Date().toISOString().replace(/\.\d{3}Z$/, "Z");
    const ready = { type: "Ready", status: "True", reason: "KubeletReady", lastHeartbeatTime: now, lastTransitionTime: now };
    await server.client.patch(nodesRef, undefined, name, "merge", { status: { conditions: [ready] } }, { subresource: "status" });
  }
  /** The DaemonSet's live pods by pinned node, once there is exactly one on each of `nodes` and nowhere else. */
  async function onePodEach(uid: string, nodes: string[]): Promise<Map<string, PodObject>> {
    return eventually(async () => {
      const pods = (await podsOwnedBy(server.client, "default", uid)) as PodObject[];
      const live = pods.filter((pod) => pod.metadata?.deletionTimestamp === undefined);
      expect(live.map(pinnedNode).sort()).toEqual([...nodes].sort());
      return new Map(live.map((pod) => [pinnedNode(pod)!, pod]));
    }, wait);
  }
  const getDs = (name: string): Promise<DaemonSetObject> => server.client.get<DaemonSetObject>(daemonSetsRef, "default", name);

  it("runs one pod per node, pinned through the scheduler, follows nodes joining, leaving and being tainted", async () => {
    await addNode("ds-a");
    await addNode("ds-b");
    // A cordoned node still gets its daemon pod (daemon pods tolerate unschedulable).
    await addNode("ds-cordoned", {}, [{ key: "node.kubernetes.io/unschedulable", effect: "NoSchedule" }]);
    const created = await server.client.create<DaemonSetObject>(daemonSetsRef, "default", daemonSet("logs"));
    const uid = String(created.metadata?.uid);
    const pods = await onePodEach(uid, ["ds-a", "ds-b", "ds-cordoned"]);
    const pod = pods.get("ds-a")!;
    expect(pod.spec?.nodeName).toBeUndefined();
    expect(pod.metadata?.labels).toMatchObject({ app: "logs", "pod-template-generation": "1" });
    expect((pod.metadata?.labels as Record<string, string>)["controller-revision-hash"]).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]+$/);
    expect(pod.spec?.tolerations).toEqual(
      expect.arrayContaining([
        { key: "node.kubernetes.io/not-ready", operator: "Exists", effect: "NoExecute" },
        { key: "node.kubernetes.io/unreachable", operator: "Exists", effect: "NoExecute" },
        { key: "node.kubernetes.io/disk-pressure", operator: "Exists", effect: "NoSchedule" },
        { key: "node.kubernetes.io/memory-pressure", operator: "Exists", effect: "NoSchedule" },
        { key: "node.kubernetes.io/pid-pressure", operator: "Exists", effect: "NoSchedule" },
        { key: "node.kubernetes.io/unschedulable", operator: "Exists", effect: "NoSchedule" },
      ]),
    );
    await eventually(async () => {
      expect((await getDs("logs")).status).toMatchObject({ desiredNumberScheduled: 3, currentNumberScheduled: 3, updatedNumberScheduled: 3, numberMisscheduled: 0, numberReady: 0, numberUnavailable: 3, observedGeneration: 1 });
    }, wait);
    // Level-triggered and idempotent: with nothing changing, the controller writes nothing.
    const settled = (await getDs("logs")).metadata?.resourceVersion;
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect((await getDs("logs")).metadata?.resourceVersion).toBe(settled);

    await addNode("ds-c");
    await onePodEach(uid, ["ds-a", "ds-b", "ds-c", "ds-cordoned"]);
    await server.client.delete(nodesRef, undefined, "ds-cordoned");
    await onePodEach(uid, ["ds-a", "ds-b", "ds-c"]);
    // A NoExecute taint it does not tolerate takes the pod off; a NoSchedule one keeps it but keeps new nodes bare.
    await server.client.patch(nodesRef, undefined, "ds-b", "merge", { spec: { taints: [{ key: "dedicated", value: "db", effect: "NoExecute" }] } });
    await onePodEach(uid, ["ds-a", "ds-c"]);
    await server.client.patch(nodesRef, undefined, "ds-c", "merge", { spec: { taints: [{ key: "dedicated", value: "db", effect: "NoSchedule" }] } });
    await addNode("ds-d", {}, [{ key: "dedicated", value: "db", effect: "NoSchedule" }]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await onePodEach(uid, ["ds-a", "ds-c"]);
    await eventually(async () => expect((await getDs("logs")).status).toMatchObject({ desiredNumberScheduled: 1, currentNumberScheduled: 1, numberMisscheduled: 1 }), wait);
    const reasons = await eventReasons(server.client, "default", "logs");
    expect(reasons).toEqual(expect.arrayContaining(["SuccessfulCreate", "SuccessfulDelete"]));
    await server.client.delete(daemonSetsRef, "default", "logs");
    for (const node of ["ds-a", "ds-b", "ds-c", "ds-d"]) await server.client.delete(nodesRef, undefined, node);
  });

  it("places pods on the nodes its nodeSelector picks, adopts a stray pod and keeps one per node, replaces a failed pod", async () => {
    await addNode("sel-1", { disk: "ssd" });
    await addNode("sel-2", { disk: "hdd" });
    const created = await server.client.create<DaemonSetObject>(daemonSetsRef, "default", daemonSet("ssd", { nodeSelector: { disk: "ssd" } }));
    const uid = String(created.metadata?.uid);
    const first = (await onePodEach(uid, ["sel-1"])).get("sel-1")!;
    await server.client.patch(nodesRef, undefined, "sel-2", "merge", { metadata: { labels: { disk: "ssd" } } });
    await onePodEach(uid, ["sel-1", "sel-2"]);
    await server.client.patch(nodesRef, undefined, "sel-2", "merge", { metadata: { labels: { disk: "hdd" } } });
    await onePodEach(uid, ["sel-1"]);

    // An orphan with the DaemonSet's labels, for the same node: adopted, then the newer of the two goes
    // (named to sort after any generated name, should both be created within the same second).
    const stray = structuredClone(first);
    stray.metadata = { name: "ssd-zzzzz-stray", namespace: "default", labels: { ...(first.metadata?.labels as Record<string, string>) } };
    delete stray.status;
    await server.client.create(podsRef, "default", stray);
    const kept = await onePodEach(uid, ["sel-1"]);
    expect(kept.get("sel-1")?.metadata?.uid).toBe(first.metadata?.uid);
    await eventually(async () => expect(await server.client.get(podsRef, "default", "ssd-zzzzz-stray").catch(() => undefined)).toBeUndefined(), wait);

    await setPodPhase(server.client, first, "Failed");
    await eventually(async () => {
      const pods = await onePodEach(uid, ["sel-1"]);
      expect(pods.get("sel-1")?.metadata?.uid).not.toBe(first.metadata?.uid);
    }, wait);
    expect(await eventReasons(server.client, "default", "ssd")).toContain("FailedDaemonPod");
    await server.client.delete(daemonSetsRef, "default", "ssd");
    for (const node of ["sel-1", "sel-2"]) await server.client.delete(nodesRef, undefined, node);
  });

  it("rolls a new template out one node at a time (maxUnavailable 1), as kubectl rollout status reports", async () => {
    const nodes = ["roll-1", "roll-2", "roll-3"];
    for (const node of nodes) await addNode(node, { role: "roll" });
    const created = await server.client.create<DaemonSetObject>(daemonSetsRef, "default", daemonSet("web", { nodeSelector: { role: "roll" } }));
    const uid = String(created.metadata?.uid);
    const readyAll = async (): Promise<void> => {
      const pods = (await podsOwnedBy(server.client, "default", uid)) as PodObject[];
      for (const pod of pods) if (pod.status?.phase !== "Running" && pod.metadata?.deletionTimestamp === undefined) await setPodPhase(server.client, pod, "Running", true);
    };
    await onePodEach(uid, nodes);
    await readyAll();
    await eventually(async () => expect((await getDs("web")).status).toMatchObject({ numberReady: 3, numberAvailable: 3, updatedNumberScheduled: 3 }), wait);
    const rolledOut = await kubectl(["rollout", "status", "daemonset/web", "--timeout=10s"]);
    expect(rolledOut.stdout).toContain('daemon set "web" successfully rolled out');

    await server.client.patch(daemonSetsRef, "default", "web", "merge", { spec: { template: { spec: { containers: [{ name: "agent", image: "busybox:1.37" }] } } } });
    const imageOf = (pod: PodObject): string | undefined => pod.spec?.containers?.[0]?.image;
    for (let step = 1; step <= nodes.length; step++) {
      // One node at a time: the new pod must be ready before the next old one goes.
      const pods = await eventually(async () => {
        const live = ((await podsOwnedBy(server.client, "default", uid)) as PodObject[]).filter((pod) => pod.metadata?.deletionTimestamp === undefined);
        expect(live).toHaveLength(3);
        expect(live.filter((pod) => imageOf(pod) === "busybox:1.37")).toHaveLength(step);
        return live;
      }, wait);
      await new Promise((resolve) => setTimeout(resolve, 200));
      const still = ((await podsOwnedBy(server.client, "default", uid)) as PodObject[]).filter((pod) => imageOf(pod) === "busybox:1.36");
      expect(still).toHaveLength(nodes.length - step);
      if (step === 1) {
        // The status follows the pods it counts by one write.
        await eventually(async () => {
          const progress = await kubectl(["rollout", "status", "daemonset/web", "--watch=false"]);
          expect(progress.stdout).toMatch(/Waiting for daemon set "web" rollout to finish: \d out of 3 new pods have been updated/);
        }, wait);
      }
      expect(pods.filter((pod) => imageOf(pod) === "busybox:1.37")).toHaveLength(step);
      await readyAll();
    }
    const done = await kubectl(["rollout", "status", "daemonset/web", "--timeout=10s"]);
    expect(done.stdout).toContain('daemon set "web" successfully rolled out');
    const listed = await kubectl(["get", "daemonset", "web", "--no-headers"]);
    expect(listed.stdout).toMatch(/^web\s+3\s+3\s+3\s+3\s+3\s+role=roll\s+/);
    expect((await getDs("web")).status).toMatchObject({ desiredNumberScheduled: 3, updatedNumberScheduled: 3, numberAvailable: 3, numberUnavailable: 0, observedGeneration: 2 });
  });

  it("surges with maxSurge 1 and maxUnavailable 0: a new pod starts beside the old one, which goes once the new one is ready", async () => {
    const nodes = ["surge-1", "surge-2"];
    for (const node of nodes) await addNode(node, { role: "surge" });
    const strategy = { type: "RollingUpdate", rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } };
    const created = await server.client.create<DaemonSetObject>(daemonSetsRef, "default", daemonSet("edge", { nodeSelector: { role: "surge" }, updateStrategy: strategy }));
    const uid = String(created.metadata?.uid);
    const live = async (): Promise<PodObject[]> => ((await podsOwnedBy(server.client, "default", uid)) as PodObject[]).filter((pod) => pod.metadata?.deletionTimestamp === undefined);
    const readyAll = async (): Promise<void> => {
      for (const pod of await live()) if (pod.status?.phase !== "Running") await setPodPhase(server.client, pod, "Running", true);
    };
    await onePodEach(uid, nodes);
    await readyAll();
    await eventually(async () => expect((await getDs("edge")).status).toMatchObject({ numberAvailable: 2 }), wait);
    await server.client.patch(daemonSetsRef, "default", "edge", "merge", { spec: { template: { spec: { containers: [{ name: "agent", image: "busybox:1.37" }] } } } });
    const imageOf = (pod: PodObject): string | undefined => pod.spec?.containers?.[0]?.image;
    for (let step = 1; step <= nodes.length; step++) {
      // Old pods never go before their replacement is ready: available pods never drop below the node count.
      const surged = await eventually(async () => {
        const pods = await live();
        expect(pods).toHaveLength(3);
        expect(pods.filter((pod) => imageOf(pod) === "busybox:1.37")).toHaveLength(step);
        return pods;
      }, wait);
      const fresh = surged.find((pod) => imageOf(pod) === "busybox:1.37" && pod.status?.phase !== "Running")!;
      const sharing = surged.filter((pod) => pinnedNode(pod) === pinnedNode(fresh));
      expect(sharing.map(imageOf).sort()).toEqual(["busybox:1.36", "busybox:1.37"]);
      await readyAll();
      await eventually(async () => expect((await live()).filter((pod) => pinnedNode(pod) === pinnedNode(fresh))).toHaveLength(1), wait);
    }
    await eventually(async () => {
      const pods = await live();
      expect(pods.map(imageOf)).toEqual(["busybox:1.37", "busybox:1.37"]);
      expect((await getDs("edge")).status).toMatchObject({ updatedNumberScheduled: 2, numberAvailable: 2 });
    }, wait);
  });

  it("with OnDelete leaves old pods alone; a pod deleted by hand comes back with the new template", async () => {
    await addNode("ondelete-1", { role: "ondelete" });
    const strategy = { type: "OnDelete" };
    const created = await server.client.create<DaemonSetObject>(daemonSetsRef, "default", daemonSet("manual", { nodeSelector: { role: "ondelete" }, updateStrategy: strategy }));
    const uid = String(created.metadata?.uid);
    const old = (await onePodEach(uid, ["ondelete-1"])).get("ondelete-1")!;
    await setPodPhase(server.client, old, "Running", true);
    await server.client.patch(daemonSetsRef, "default", "manual", "merge", { spec: { template: { spec: { containers: [{ name: "agent", image: "busybox:1.37" }] } } } });
    await eventually(async () => expect((await getDs("manual")).status).toMatchObject({ observedGeneration: 2, updatedNumberScheduled: 0 }), wait);
    expect((await onePodEach(uid, ["ondelete-1"])).get("ondelete-1")?.metadata?.uid).toBe(old.metadata?.uid);
    await server.client.delete(podsRef, "default", old.metadata?.name ?? "");
    await eventually(async () => {
      const fresh = (await onePodEach(uid, ["ondelete-1"])).get("ondelete-1")!;
      expect(fresh.spec?.containers?.[0]?.image).toBe("busybox:1.37");
    }, wait);
  });
});
