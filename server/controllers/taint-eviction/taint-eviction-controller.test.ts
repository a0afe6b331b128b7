import { afterEach, describe, expect, it } from "vitest";
import { FakeClock } from "../../../src/clock.js";
import { eventually } from "../../../src/client/informer/testing/eventually.js";
import type { ApiObject } from "../../../src/client/rest/rest-client.js";
import { nodesRef, podsRef } from "../node-lifecycle/node-refs.js";
import { FakeCluster } from "../node-lifecycle/testing/fake-cluster.js";
import { taintEvictionController } from "./taint-eviction-controller.js";

const unreachable = "node.kubernetes.io/unreachable";
const tainted = (name: string): ApiObject => ({
  apiVersion: "v1",
  kind: "Node",
  metadata: { name },
  spec: { taints: [{ key: unreachable, effect: "NoExecute", timeAdded: "2026-11-23T12:00:00Z" }] },
});
const pod = (name: string, node: string, tolerationSeconds?: number | "forever"): ApiObject => ({
  apiVersion: "v1",
  kind: "Pod",
  metadata: { name, namespace: "default" },
  spec: {
    nodeName: node,
    containers: [],
    ...(tolerationSeconds === undefined
      ? {}
      : { tolerations: [{ key: unreachable, operator: "Exists", effect: "NoExecute", ...(tolerationSeconds === "forever" ? {} : { tolerationSeconds }) }] }),
  },
});
const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 50));

describe("taint eviction controller on a fake clock", () => {
  let abort = new AbortController();
  afterEach(() => {
    abort.abort();
    abort = new AbortController();
  });

  function setup() {
    const clock = new FakeClock(Date.parse("2026-11-23T12:00:00Z"));
    const cluster = new FakeCluster();
    const run = (): void => void taintEvictionController({ clock }).run(cluster.context(), abort.signal);
    const exists = (name: string): boolean => cluster.get(podsRef, "default", name) !== undefined;
    return { clock, cluster, run, exists };
  }

  it("deletes untolerating pods at once, timed ones when their toleration ends, and keeps the rest", async () => {
    const { clock, cluster, run, exists } = setup();
    cluster.put(nodesRef, tainted("down"));
    cluster.put(nodesRef, { apiVersion: "v1", kind: "Node", metadata: { name: "up" } });
    cluster.put(podsRef, pod("bare", "down"));
    cluster.put(podsRef, pod("two-seconds", "down", 2));
    cluster.put(podsRef, pod("forever", "down", "forever"));
    cluster.put(podsRef, pod("elsewhere", "up"));
    run();
    await eventually("bare is deleted", () => !exists("bare"));
    expect(cluster.writes).toEqual(["patch pods/status bare", "delete pods default/bare"]);
    expect(cluster.events).toContainEqual(expect.objectContaining({ reason: "TaintManagerEviction", message: "Marking for deletion Pod default/bare" }));

    clock.advance(1_999);
    await settle();
    expect(exists("two-seconds")).toBe(true);
    clock.advance(1);
    await eventually("two-seconds is deleted", () => !exists("two-seconds"));
    clock.advance(3_600_000);
    await settle();
    expect(exists("forever") && exists("elsewhere")).toBe(true);
  });

  it("keeps many waiting pods behind one timer, and cancels their deletion when the taint goes", async () => {
    const { clock, cluster, run, exists } = setup();
    cluster.put(nodesRef, tainted("down"));
    for (let i = 0; i < 500; i++) cluster.put(podsRef, pod(`web-${i}`, "down", 300));
    run();
    await eventually("all are waiting", () => clock.pendingTimers() === 1 && cluster.writes.length === 0);
    await settle();
    expect(clock.pendingTimers()).toBe(1);

    clock.advance(100_000);
    cluster.put(nodesRef, { apiVersion: "v1", kind: "Node", metadata: { name: "down" } });
    await eventually("deletions cancelled", () => cluster.events.filter((e) => /^Cancelling deletion of Pod/.test(String(e.message))).length > 0);
    clock.advance(400_000);
    await settle();
    expect(exists("web-0") && exists("web-499")).toBe(true);
    expect(cluster.writes).toEqual([]);
  });

  it("counts a toleration from when the pod was first seen under the taint, not from each change", async () => {
    const { clock, cluster, run, exists } = setup();
    cluster.put(nodesRef, tainted("down"));
    cluster.put(podsRef, pod("web", "down", 10));
    run();
    await eventually("waiting", () => clock.pendingTimers() === 1);
    clock.advance(6_000);
    // The pod changes (a label, a status): its clock does not start over.
    cluster.put(podsRef, { ...pod("web", "down", 10), metadata: { name: "web", namespace: "default", labels: { touched: "yes" } } });
    await settle();
    clock.advance(4_000);
    await eventually("deleted at 10 s", () => !exists("web"));
  });
});
