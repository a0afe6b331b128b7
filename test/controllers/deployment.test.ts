import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resourceInformer } from "../../src/client/informer/resource-informer.js";
import type { ApiObject } from "../../src/client/rest/rest-client.js";
import { createLogger } from "../../src/log.js";
import { eventually } from "../store/helpers/eventually.js";
import { deploymentObject } from "../support/deployment.js";
import { isReady, startFakeKubelet } from "../support/fake-kubelet.js";
import { startTestServer, type TestServer } from "../support/server.js";

const podsRef = { group: "", version: "v1", resource: "pods", namespaced: true };
const replicaSetsRef = { group: "apps", version: "v1", resource: "replicasets", namespaced: true };
const deploymentsRef = { group: "apps", version: "v1", resource: "deployments", namespaced: true };
const eventsRef = { group: "", version: "v1", resource: "events", namespaced: true };
const namespacesRef = { group: "", version: "v1", resource: "namespaces", namespaced: false };
const wait = { timeoutMs: 20_000, intervalMs: 50 };

interface Condition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
}
interface DeploymentObject extends ApiObject {
  metadata: { name: string; generation?: number; annotations?: Record<string, string> };
  status?: { observedGeneration?: number; replicas?: number; updatedReplicas?: number; readyReplicas?: number; availableReplicas?: number; unavailableReplicas?: number; conditions?: Condition[] };
}
interface RsObject extends ApiObject {
  metadata: { name: string; uid: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  spec: { replicas?: number; selector: { matchLabels: Record<string, string> }; template: { metadata: { labels: Record<string, string> }; spec: { containers: Array<{ image: string }> } } };
}
interface PodObject extends ApiObject {
  metadata: { name: string; labels?: Record<string, string>; deletionTimestamp?: string };
  spec: { containers: Array<{ image: string }> };
}

/** Watches a namespace's pods and keeps the extremes a rollout must respect. */
function podWatcher(server: TestServer, namespace: string) {
  const abort = new AbortController();
  const informer = resourceInformer<PodObject>(server.client, podsRef, namespace, { log: createLogger("silent") });
  const seen = { minReady: Number.POSITIVE_INFINITY, maxTotal: 0, mixedImages: false, armed: false };
  const check = (): void => {
    const live = informer.lister.list().filter((pod) => pod.metadata.deletionTimestamp === undefined);
    seen.maxTotal = Math.max(seen.maxTotal, live.length);
    if (seen.armed) seen.minReady = Math.min(seen.minReady, live.filter(isReady).length);
    if (new Set(live.map((pod) => pod.spec.containers[0]?.image)).size > 1) seen.mixedImages = true;
  };
  informer.addEventHandler({ onAdd: check, onUpdate: check, onDelete: check });
  const running = informer.run(abort.signal);
  return {
    seen,
    /** From now on, count ready pods too (once the first rollout is complete). */
    arm: () => {
      seen.armed = true;
      check();
    },
    stop: async () => {
      abort.abort();
      await running;
    },
  };
}

describe("the Deployment controller against the real server", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.stop();
  });

  const makeNamespace = async (name: string): Promise<void> => {
    await server.client.create(namespacesRef, undefined, { apiVersion: "v1", kind: "Namespace", metadata: { name } });
  };
  const deployment = (ns: string, name: string): Promise<DeploymentObject> => server.client.get<DeploymentObject>(deploymentsRef, ns, name);
  const replicaSetsOf = async (ns: string): Promise<RsObject[]> => (await server.client.list<RsObject>(replicaSetsRef, ns)).items;
  const conditionOf = (d: DeploymentObject, type: string): Condition | undefined => d.status?.conditions?.find((c) => c.type === type);
  const rolledOut = async (ns: string, name: string, replicas: number): Promise<DeploymentObject> =>
    eventually(async () => {
      const d = await deployment(ns, name);
      expect(d.status).toMatchObject({ observedGeneration: d.metadata.generation, replicas, updatedReplicas: replicas, availableReplicas: replicas });
      expect(conditionOf(d, "Progressing")?.reason).toBe("NewReplicaSetAvailable");
      return d;
    }, wait);

  it("makes a ReplicaSet by pod-template-hash with revision 1, and reports the rollout complete once its pods are ready", async () => {
    await makeNamespace("create");
    const kubelet = startFakeKubelet(server.client, "create");
    try {
      await server.client.create(deploymentsRef, "create", deploymentObject("web", "nginx:1", { replicas: 3 }));
      const d = await rolledOut("create", "web", 3);
      expect(d.metadata.annotations?.["deployment.kubernetes.io/revision"]).toBe("1");
      expect(conditionOf(d, "Available")).toMatchObject({ status: "True", reason: "MinimumReplicasAvailable", message: "Deployment has minimum availability." });
      const [rs] = await replicaSetsOf("create");
      const hash = rs!.metadata.labels?.["pod-template-hash"] ?? "";
      expect(hash).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]+$/);
      expect(rs!.metadata.name).toBe(`web-${hash}`);
      expect(rs!.spec.selector.matchLabels).toEqual({ app: "web", "pod-template-hash": hash });
      expect(rs!.spec.template.metadata.labels).toEqual({ app: "web", "pod-template-hash": hash });
      expect(rs!.metadata.annotations).toMatchObject({
        "deployment.kubernetes.io/revision": "1",
        "deployment.kubernetes.io/desired-replicas": "3",
        "deployment.kubernetes.io/max-replicas": "4",
      });
      expect(conditionOf(d, "Progressing")?.message).toBe(`ReplicaSet "web-${hash}" has successfully progressed.`);
      const events = (await server.client.list<ApiObject>(eventsRef, "create", { fieldSelector: "involvedObject.name=web" })).items;
      expect(events.map((event) => event.message)).toContain(`Scaled up replica set web-${hash} from 0 to 3`);
    } finally {
      await kubelet.stop();
    }
  });

  it("rolls from one image to another never below replicas - maxUnavailable ready nor above replicas + maxSurge pods", async () => {
    await makeNamespace("rolling");
    const kubelet = startFakeKubelet(server.client, "rolling", { delayMs: 150 });
    const watcher = podWatcher(server, "rolling");
    try {
      const strategy = { type: "RollingUpdate", rollingUpdate: { maxSurge: 1, maxUnavailable: 1 } };
      await server.client.create(deploymentsRef, "rolling", deploymentObject("web", "nginx:1", { replicas: 4, strategy }));
      await rolledOut("rolling", "web", 4);
      watcher.arm();
      await server.client.patch(deploymentsRef, "rolling", "web", "merge", { spec: { template: { spec: { containers: [{ name: "main", image: "nginx:2" }] } } } });
      const d = await rolledOut("rolling", "web", 4);
      expect(d.metadata.annotations?.["deployment.kubernetes.io/revision"]).toBe("2");
      await eventually(async () => {
        const pods = (await server.client.list<PodObject>(podsRef, "rolling")).items;
        expect(pods.map((pod) => pod.spec.containers[0]?.image)).toEqual(["nginx:2", "nginx:2", "nginx:2", "nginx:2"]);
      }, wait);
      expect(watcher.seen.minReady).toBeGreaterThanOrEqual(3);
      expect(watcher.seen.maxTotal).toBeLessThanOrEqual(5);
      expect(watcher.seen.mixedImages).toBe(true);
      const sets = await replicaSetsOf("rolling");
      expect(sets.map((rs) => [rs.metadata.annotations?.["deployment.kubernetes.io/revision"], rs.spec.replicas]).sort()).toEqual([["1", 0], ["2", 4]]);
    } finally {
      await watcher.stop();
      await kubelet.stop();
    }
  });

  it("Recreate: every old pod is gone before a new one is made", async () => {
    await makeNamespace("recreate");
    const kubelet = startFakeKubelet(server.client, "recreate");
    const watcher = podWatcher(server, "recreate");
    try {
      await server.client.create(deploymentsRef, "recreate", deploymentObject("web", "nginx:1", { replicas: 3, strategy: { type: "Recreate" } }));
      await rolledOut("recreate", "web", 3);
      await server.client.patch(deploymentsRef, "recreate", "web", "merge", { spec: { template: { spec: { containers: [{ name: "main", image: "nginx:2" }] } } } });
      await rolledOut("recreate", "web", 3);
      await eventually(async () => {
        const pods = (await server.client.list<PodObject>(podsRef, "recreate")).items;
        expect(pods.map((pod) => pod.spec.containers[0]?.image)).toEqual(["nginx:2", "nginx:2", "nginx:2"]);
      }, wait);
      expect(watcher.seen.mixedImages).toBe(false);
      expect(watcher.seen.maxTotal).toBe(3);
    } finally {
      await watcher.stop();
      await kubelet.stop();
    }
  });

  it("reports ProgressDeadlineExceeded when the new pods never become ready", async () => {
    await makeNamespace("stuck");
    await server.client.create(deploymentsRef, "stuck", { ...deploymentObject("web", "nginx:1", { replicas: 2 }), spec: { ...(deploymentObject("web", "nginx:1", { replicas: 2 }).spec as object), progressDeadlineSeconds: 2 } });
    const d = await eventually(async () => {
      const found = await deployment("stuck", "web");
      expect(conditionOf(found, "Progressing")).toMatchObject({ status: "False", reason: "ProgressDeadlineExceeded" });
      return found;
    }, wait);
    expect(conditionOf(d, "Progressing")?.message).toMatch(/^ReplicaSet "web-[a-z0-9]+" has timed out progressing\.$/);
    expect(conditionOf(d, "Available")).toMatchObject({ status: "False", reason: "MinimumReplicasUnavailable" });
  });

  it("keeps revisionHistoryLimit old ReplicaSets, deleting the oldest", async () => {
    await makeNamespace("history");
    const kubelet = startFakeKubelet(server.client, "history");
    try {
      const base = deploymentObject("web", "nginx:1", { replicas: 1 });
      await server.client.create(deploymentsRef, "history", { ...base, spec: { ...(base.spec as object), revisionHistoryLimit: 1 } });
      await rolledOut("history", "web", 1);
      for (const image of ["nginx:2", "nginx:3"]) {
        await server.client.patch(deploymentsRef, "history", "web", "merge", { spec: { template: { spec: { containers: [{ name: "main", image }] } } } });
        await rolledOut("history", "web", 1);
      }
      await eventually(async () => {
        const sets = await replicaSetsOf("history");
        expect(sets.map((rs) => rs.spec.template.spec.containers[0]?.image).sort()).toEqual(["nginx:2", "nginx:3"]);
      }, wait);
    } finally {
      await kubelet.stop();
    }
  });

  it("scales proportionally while paused mid-rollout, and finishes the rollout when resumed", async () => {
    await makeNamespace("paused");
    // Only the first template's pods come up: the rollout stalls half-way.
    const kubelet = startFakeKubelet(server.client, "paused", { accept: (pod) => (pod as PodObject).spec.containers[0]?.image === "nginx:1" });
    try {
      const strategy = { type: "RollingUpdate", rollingUpdate: { maxSurge: 2, maxUnavailable: 0 } };
      await server.client.create(deploymentsRef, "paused", deploymentObject("web", "nginx:1", { replicas: 4, strategy }));
      await rolledOut("paused", "web", 4);
      await server.client.patch(deploymentsRef, "paused", "web", "merge", { spec: { paused: false, template: { spec: { containers: [{ name: "main", image: "nginx:2" }] } } } });
      await eventually(async () => {
        const sizes = (await replicaSetsOf("paused")).map((rs) => rs.spec.replicas).sort();
        expect(sizes).toEqual([2, 4]);
      }, wait);
      await server.client.patch(deploymentsRef, "paused", "web", "merge", { spec: { paused: true } });
      await eventually(async () => expect(conditionOf(await deployment("paused", "web"), "Progressing")).toMatchObject({ status: "Unknown", reason: "DeploymentPaused" }), wait);
      await server.client.patch(deploymentsRef, "paused", "web", "merge", { spec: { replicas: 8 } });
      // 4 + 2 sized for 4 + 2 surge; now 8 + 2: each grows by its share (4 → 7, 2 → 3).
      await eventually(async () => {
        const byImage = Object.fromEntries((await replicaSetsOf("paused")).map((rs) => [rs.spec.template.spec.containers[0]?.image, rs.spec.replicas]));
        expect(byImage).toEqual({ "nginx:1": 7, "nginx:2": 3 });
      }, wait);
      await server.client.patch(deploymentsRef, "paused", "web", "merge", { spec: { paused: false } });
      await eventually(async () => expect(conditionOf(await deployment("paused", "web"), "Progressing")?.reason).not.toBe("DeploymentPaused"), wait);
    } finally {
      await kubelet.stop();
    }
  });
});
