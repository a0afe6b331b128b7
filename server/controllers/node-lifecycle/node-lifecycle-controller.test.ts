import { afterEach, describe, expect, it } from "vitest";
import { FakeClock } from "../../../src/clock.js";
import { eventually } from "../../../src/client/informer/testing/eventually.js";
import type { ApiObject } from "../../../src/client/rest/rest-client.js";
import { nodeLifecycleController } from "./node-lifecycle-controller.js";
import { leasesRef, nodesRef, podsRef } from "./node-refs.js";
import { FakeCluster } from "./testing/fake-cluster.js";

const start = Date.parse("2026-11-23T12:00:00Z");
const iso = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");

interface NodeView extends ApiObject {
  spec?: { taints?: Array<{ key: string; effect: string }> };
  status?: { conditions?: Array<{ type: string; status: string; reason?: string }> };
}

function readyNode(name: string, heartbeatMs: number): ApiObject {
  const ready = { type: "Ready", status: "True", reason: "KubeletReady", lastHeartbeatTime: iso(heartbeatMs), lastTransitionTime: iso(start) };
  return { apiVersion: "v1", kind: "Node", metadata: { name, creationTimestamp: iso(start) }, status: { conditions: [ready] } };
}

const lease = (name: string, renewMs: number): ApiObject => ({
  apiVersion: "coordination.k8s.io/v1",
  kind: "Lease",
  metadata: { name, namespace: "kube-node-lease" },
  spec: { holderIdentity: name, leaseDurationSeconds: 40, renewTime: new Date(renewMs).toISOString() },
});

const readyPod = (name: string, node: string): ApiObject => ({
  apiVersion: "v1",
  kind: "Pod",
  metadata: { name, namespace: "default" },
  spec: { nodeName: node, containers: [] },
  status: { conditions: [{ type: "Ready", status: "True" }] },
});

describe("node lifecycle controller on a fake clock", () => {
  let abort = new AbortController();
  afterEach(() => {
    abort.abort();
    abort = new AbortController();
  });

  function setup() {
    const clock = new FakeClock(start);
    const cluster = new FakeCluster();
    const run = (): void => void nodeLifecycleController({ clock, monitorGracePeriodMs: 40_000 }).run(cluster.context(), abort.signal);
    const node = (name: string): NodeView => cluster.get<NodeView>(nodesRef, undefined, name)!;
    const ready = (name: string): string | undefined => node(name).status?.conditions?.find((c) => c.type === "Ready")?.status;
    const taints = (name: string): string[] => (node(name).spec?.taints ?? []).map((t) => `${t.key}:${t.effect}`);
    return { clock, cluster, run, node, ready, taints };
  }

  it("turns a node Unknown and unreachable exactly when its grace period runs out, while a renewing node stays", async () => {
    const { clock, cluster, run, ready, taints } = setup();
    cluster.put(nodesRef, readyNode("quiet", start));
    cluster.put(nodesRef, readyNode("renewing", start));
    cluster.put(leasesRef, lease("quiet", start));
    cluster.put(leasesRef, lease("renewing", start));
    cluster.put(podsRef, readyPod("web", "quiet"));
    run();
    await eventually("the first syncs", () => clock.pendingTimers() > 0);

    clock.advance(20_000);
    cluster.put(leasesRef, lease("renewing", clock.now()));
    await new Promise((resolve) => setTimeout(resolve, 50));
    clock.advance(19_900);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(ready("quiet")).toBe("True");
    expect(cluster.writes).toEqual([]);

    clock.advance(100);
    await eventually("quiet goes Unknown", () => ready("quiet") === "Unknown");
    await eventually("quiet is tainted", () => taints("quiet").length === 2);
    expect(taints("quiet")).toEqual(["node.kubernetes.io/unreachable:NoExecute", "node.kubernetes.io/unreachable:NoSchedule"]);
    await eventually("its pod is not Ready", () => {
      const pod = cluster.get<{ status: { conditions: Array<{ type: string; status: string }> } } & ApiObject>(podsRef, "default", "web");
      return pod?.status.conditions.find((c) => c.type === "Ready")?.status === "False";
    });
    expect(ready("renewing")).toBe("True");
    expect(cluster.events.map((e) => e.reason)).toEqual(expect.arrayContaining(["NodeNotReady"]));

    // The renewing node's grace runs from its last renewal (20 s): it goes at 60 s, not before.
    clock.advance(19_000);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(ready("renewing")).toBe("True");
  });

  it("holds back NoExecute taints while no node is Ready, and adds them once one is", async () => {
    const { clock, cluster, run, taints } = setup();
    for (const name of ["a", "b"]) {
      cluster.put(nodesRef, readyNode(name, start));
      cluster.put(leasesRef, lease(name, start));
    }
    run();
    await eventually("the first syncs", () => clock.pendingTimers() > 0);
    clock.advance(41_000);
    await eventually("both Unknown and NoSchedule-tainted", () => taints("a").length === 1 && taints("b").length === 1);
    expect(taints("a")).toEqual(["node.kubernetes.io/unreachable:NoSchedule"]);
    // Not even for a moment: whichever node was synced first already knew the other had timed out.
    const everNoExecute = cluster.history.some((o) => (o as NodeView).spec?.taints?.some((t) => t.effect === "NoExecute"));
    expect(everNoExecute).toBe(false);

    // b is back: a is the only one down, and now its pods may be evicted.
    cluster.put(nodesRef, readyNode("b", clock.now()));
    await eventually("b untainted", () => taints("b").length === 0);
    await eventually("a tainted NoExecute", () => taints("a").includes("node.kubernetes.io/unreachable:NoExecute"));
  });

  it("gives a node that never reported the startup grace period, then says so", async () => {
    const { clock, cluster, run, node } = setup();
    cluster.put(nodesRef, { apiVersion: "v1", kind: "Node", metadata: { name: "mute", creationTimestamp: iso(start) } });
    cluster.put(nodesRef, readyNode("other", start));
    cluster.put(leasesRef, lease("other", start));
    run();
    await eventually("the first syncs", () => clock.pendingTimers() > 0);
    clock.advance(30_000);
    cluster.put(leasesRef, lease("other", clock.now()));
    clock.advance(29_000);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(node("mute").status).toBeUndefined();
    clock.advance(1_000);
    await eventually("mute gets Unknown conditions", () => (node("mute").status?.conditions ?? []).length === 4);
    expect(node("mute").status?.conditions?.[0]).toMatchObject({ type: "Ready", status: "Unknown", reason: "NodeStatusNeverUpdated" });
  });
});
