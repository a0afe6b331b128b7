import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isNotFound, type ApiObject } from "../../src/client/rest/rest-client.js";
import { eventually } from "../store/helpers/eventually.js";
import { startTestServer, type TestServer } from "../support/server.js";
import { createReadyPod, eventsRef, FakeKubelet, nodesRef, nodeUser, podsRef, type NodeObject, type PodObject } from "./node-lifecycle-support.js";

const graceMs = 3_000;
const wait = { timeoutMs: 15_000, intervalMs: 100 };
const unreachable = "node.kubernetes.io/unreachable";

describe("node lifecycle and taint eviction against the real server", () => {
  let server: TestServer;
  let alive: FakeKubelet;
  let dying: FakeKubelet;

  beforeAll(async () => {
    server = await startTestServer({ nodeMonitorGracePeriodMs: graceMs, users: [nodeUser("alive"), nodeUser("dying")] });
    alive = new FakeKubelet(server, "alive");
    dying = new FakeKubelet(server, "dying");
    for (const kubelet of [alive, dying]) {
      await kubelet.register();
      kubelet.startRenewing(500);
    }
  });
  afterAll(async () => {
    alive?.close();
    dying?.close();
    await server?.stop();
  });

  const node = (name: string): Promise<NodeObject> => server.client.get<NodeObject>(nodesRef, undefined, name);
  /** The pod as stored; undefined once it is gone. */
  const pod = (name: string): Promise<PodObject | undefined> =>
    server.client.get<PodObject>(podsRef, "default", name).catch((error: unknown) => {
      if (isNotFound(error)) return undefined;
      throw error;
    });
  /** Deleted: gone, or marked and waiting for its (silent) node to stop it. */
  const deleted = async (name: string): Promise<boolean> => {
    const found = await pod(name);
    return found === undefined || found.metadata.deletionTimestamp !== undefined;
  };

  it("marks a silent node Unknown and unreachable, evicts its pods by their tolerations, and untaints it when it is back", async () => {
    const forever = [{ key: unreachable, operator: "Exists", effect: "NoExecute" }];
    await createReadyPod(server.client, "stays-forever", "dying", forever);
    await createReadyPod(server.client, "tolerates-2s", "dying", [{ key: unreachable, operator: "Exists", effect: "NoExecute", tolerationSeconds: 2 }]);
    await createReadyPod(server.client, "tolerates-0s", "dying", [{ key: unreachable, operator: "Exists", effect: "NoExecute", tolerationSeconds: 0 }]);
    const defaulted = await createReadyPod(server.client, "defaulted", "dying");
    // DefaultTolerationSeconds admission: five minutes on a failed node.
    expect(defaulted.spec.tolerations).toEqual([
      { key: "node.kubernetes.io/not-ready", operator: "Exists", effect: "NoExecute", tolerationSeconds: 300 },
      { key: unreachable, operator: "Exists", effect: "NoExecute", tolerationSeconds: 300 },
    ]);

    // Healthy nodes stay untouched past the grace period.
    await new Promise((resolve) => setTimeout(resolve, graceMs + 500));
    expect((await node("dying")).spec?.taints ?? []).toEqual([]);

    dying.stopRenewing();
    const stoppedAt = Date.now();
    const tainted = await eventually(async () => {
      const found = await node("dying");
      expect(found.spec?.taints?.map((t) => `${t.key}:${t.effect}`)).toEqual([`${unreachable}:NoExecute`, `${unreachable}:NoSchedule`]);
      return found;
    }, wait);
    const taintedAt = Date.now();
    expect(taintedAt - stoppedAt).toBeGreaterThanOrEqual(graceMs - 1_000);
    expect(tainted.spec?.taints?.[0]?.timeAdded).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(tainted.status?.conditions?.find((c) => c.type === "Ready")).toMatchObject({
      status: "Unknown",
      reason: "NodeStatusUnknown",
      message: "Kubelet stopped posting node status.",
    });
    expect(tainted.status?.conditions?.filter((c) => c.status === "Unknown").map((c) => c.type).sort()).toEqual([
      "DiskPressure",
      "MemoryPressure",
      "PIDPressure",
      "Ready",
    ]);
    expect((await node("alive")).spec?.taints ?? []).toEqual([]);

    // Not tolerated for any time: at once.
    await eventually(async () => expect(await deleted("tolerates-0s")).toBe(true), wait);
    expect(await deleted("tolerates-2s")).toBe(false);
    await eventually(async () => expect(await deleted("tolerates-2s")).toBe(true), wait);
    expect(Date.now() - taintedAt).toBeGreaterThanOrEqual(1_500);
    const marked = await pod("tolerates-2s");
    if (marked) expect(marked.status?.conditions?.find((c) => c.type === "DisruptionTarget")).toMatchObject({ status: "True", reason: "DeletionByTaintManager" });

    // The pods that stay are marked not Ready (MarkPodsNotReady).
    for (const name of ["stays-forever", "defaulted"]) {
      await eventually(async () => {
        const found = await pod(name);
        expect(found?.metadata.deletionTimestamp).toBeUndefined();
        expect(found?.status?.conditions?.find((c) => c.type === "Ready")?.status).toBe("False");
      }, wait);
    }

    const events = await server.client.list<ApiObject & { reason?: string; message?: string; type?: string }>(eventsRef, "default");
    expect(events.items).toContainEqual(expect.objectContaining({ reason: "TaintManagerEviction", message: "Marking for deletion Pod default/tolerates-0s" }));
    expect(events.items).toContainEqual(expect.objectContaining({ reason: "NodeNotReady", type: "Warning", message: "Node is not ready" }));

    // Back: it renews its Lease and posts Ready again; the taints go.
    dying.startRenewing(500);
    await dying.postReady();
    await eventually(async () => expect((await node("dying")).spec?.taints ?? []).toEqual([]), wait);
    expect(await deleted("stays-forever")).toBe(false);
    expect(await deleted("defaulted")).toBe(false);
  }, 60_000);

  it("taints a node that reports Ready=False not-ready, and untaints it when it reports Ready again", async () => {
    await alive.postReady("False");
    await eventually(async () => {
      const taints = (await node("alive")).spec?.taints?.map((t) => `${t.key}:${t.effect}`);
      expect(taints).toEqual(["node.kubernetes.io/not-ready:NoExecute", "node.kubernetes.io/not-ready:NoSchedule"]);
    }, wait);
    await alive.postReady("True");
    await eventually(async () => expect((await node("alive")).spec?.taints ?? []).toEqual([]), wait);
  }, 30_000);

  it("deletes at once a pod that does not tolerate a NoExecute taint put on its node, and keeps those that do", async () => {
    await createReadyPod(server.client, "intolerant", "alive", []);
    await createReadyPod(server.client, "tolerant", "alive", [{ key: "maintenance", operator: "Exists", effect: "NoExecute" }]);
    await server.client.patch(nodesRef, undefined, "alive", "merge", { spec: { taints: [{ key: "maintenance", value: "now", effect: "NoExecute" }] } });
    await eventually(async () => expect(await deleted("intolerant")).toBe(true), wait);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await deleted("tolerant")).toBe(false);
    await server.client.patch(nodesRef, undefined, "alive", "merge", { spec: { taints: null } });
  }, 30_000);
});
