import { afterEach, describe, expect, it } from "vitest";
import { internalError, conflict } from "../../src/errors/status.js";
import { eventually } from "../../src/client/informer/testing/eventually.js";
import type { ApiObject } from "../../src/client/rest/rest-client.js";
import type { TransportRequest } from "../../src/client/rest/transport.js";
import { schedulerController } from "./scheduler.js";
import { FakeCluster } from "./testing/fake-cluster.js";
import { nodeObject, podObject } from "./testing/objects.js";

const bindingTarget = (request: TransportRequest): { pod: string; node: string } => {
  const body = JSON.parse(String(request.body)) as { metadata: { name: string }; target: { name: string } };
  return { pod: body.metadata.name, node: body.target.name };
};
const bindings = (cluster: FakeCluster) => cluster.requests.filter((request) => request.path.endsWith("/binding")).map(bindingTarget);
const eventsOf = (cluster: FakeCluster, reason: string) => cluster.created.filter((event) => (event as { reason?: string }).reason === reason) as Array<ApiObject & { message?: string }>;

/** The fake server's side of a binding: the pod gets its node, as pods/binding does. */
function bindInStore(cluster: FakeCluster, request: TransportRequest): void {
  const { pod, node } = bindingTarget(request);
  const stored = cluster.resource("pods").objects.get(`default/${pod}`)!;
  cluster.resource("pods").put({ ...stored, spec: { ...(stored.spec as object), nodeName: node } });
}

describe("the scheduler loop (fake cluster)", () => {
  const stops: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const stop of stops.splice(0)) await stop();
  });
  const start = (cluster: FakeCluster): void => {
    const abort = new AbortController();
    const running = schedulerController({ flushIntervalMs: 20 }).run(cluster.context(), abort.signal);
    stops.push(async () => {
      abort.abort();
      await running;
    });
  };

  it("binds pending pods, says Scheduled, and leaves bound pods and other schedulers' pods alone", async () => {
    const cluster = new FakeCluster();
    cluster.resource("nodes").put(nodeObject("n1"));
    cluster.resource("pods").put(podObject("web"));
    cluster.resource("pods").put(podObject("placed", { nodeName: "n1" }));
    cluster.resource("pods").put(podObject("theirs", { spec: { schedulerName: "other" } }));
    cluster.onRequest = (request) => bindInStore(cluster, request);
    start(cluster);
    await eventually("web bound", () => bindings(cluster).length === 1);
    expect(bindings(cluster)).toEqual([{ pod: "web", node: "n1" }]);
    await eventually("Scheduled event", () => eventsOf(cluster, "Scheduled").length === 1);
    expect(eventsOf(cluster, "Scheduled")[0]!.message).toBe("Successfully assigned default/web to n1");
  });

  it("forgets the assumption of a failed binding and tries again", async () => {
    const cluster = new FakeCluster();
    cluster.resource("nodes").put(nodeObject("n1", { pods: 1 }));
    cluster.resource("pods").put(podObject("web"));
    let failures = 1;
    cluster.onRequest = (request) => {
      if (failures-- > 0) throw internalError("etcd is down");
      bindInStore(cluster, request);
    };
    start(cluster);
    // Had the failed attempt stayed assumed, the node (one pod at most) would look full.
    await eventually("web bound on the second try", () => bindings(cluster).length === 2);
    expect(bindings(cluster)).toEqual([{ pod: "web", node: "n1" }, { pod: "web", node: "n1" }]);
    await eventually("Scheduled event", () => eventsOf(cluster, "Scheduled").length === 1);
  });

  it("does not retry a binding the server refused with a conflict (the pod is taken care of)", async () => {
    const cluster = new FakeCluster();
    cluster.resource("nodes").put(nodeObject("n1"));
    cluster.resource("pods").put(podObject("web"));
    cluster.onRequest = () => {
      throw conflict({ group: "", resource: "pods" }, "web", "pod is being deleted, cannot be assigned to a host");
    };
    start(cluster);
    await eventually("one binding", () => bindings(cluster).length === 1);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(bindings(cluster)).toHaveLength(1);
  });

  it("marks a pod that fits nowhere Unschedulable once, and binds it when a node that fits comes", async () => {
    const cluster = new FakeCluster();
    cluster.resource("nodes").put(nodeObject("small", { cpu: "1" }));
    cluster.resource("pods").put(podObject("big", { cpu: "2" }));
    cluster.onRequest = (request) => bindInStore(cluster, request);
    start(cluster);
    const message = "0/1 nodes are available: 1 Insufficient cpu.";
    await eventually("status patch", () => cluster.patches.length === 1);
    expect(cluster.patches[0]).toMatchObject({ name: "big", patch: { status: { conditions: [{ type: "PodScheduled", status: "False", reason: "Unschedulable", message }] } } });
    await eventually("FailedScheduling event", () => eventsOf(cluster, "FailedScheduling").length === 1);
    expect(eventsOf(cluster, "FailedScheduling")[0]).toMatchObject({ type: "Warning", message });
    // Nothing changed: no retry, no second write.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(cluster.patches).toHaveLength(1);
    expect(bindings(cluster)).toEqual([]);

    cluster.resource("nodes").put(nodeObject("large", { cpu: "4" }));
    await eventually("big bound on large", () => bindings(cluster).length === 1, 5_000);
    expect(bindings(cluster)).toEqual([{ pod: "big", node: "large" }]);
  });
});
