import { describe, expect, it } from "vitest";
import type { PodObject, ServiceObject } from "../endpoints/pod-endpoints.js";
import { desiredEndpointGroups } from "./desired-endpoints.js";
import { planSlices, type SliceObject } from "./reconcile-slices.js";

function pod(n: number, setup: { ready?: boolean; deleting?: boolean; ports?: Array<{ name: string; containerPort: number }> } = {}): PodObject {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name: `p${n}`, namespace: "ns", uid: `uid-${n}`, labels: { app: "web" }, ...(setup.deleting ? { deletionTimestamp: "2026-01-01T00:00:00Z" } : {}) },
    spec: { nodeName: "node-1", containers: [{ name: "c", image: "i", ports: setup.ports ?? [{ name: "http", containerPort: 8080 }] }] },
    status: { phase: "Running", podIP: `10.0.${Math.floor(n / 250)}.${n % 250}`, conditions: [{ type: "Ready", status: setup.ready === false ? "False" : "True" }] },
  } as PodObject;
}

const service: ServiceObject = {
  apiVersion: "v1",
  kind: "Service",
  metadata: { name: "web", namespace: "ns", uid: "svc-uid", labels: { team: "a" } },
  spec: { selector: { app: "web" }, ports: [{ name: "http", port: 80, targetPort: "http", protocol: "TCP" }] },
};

const plan = (pods: PodObject[], existing: SliceObject[] = [], max = 100) => planSlices(service, desiredEndpointGroups(service, pods), existing, max);
const range = (from: number, to: number): number[] => Array.from({ length: to - from }, (_, i) => from + i);
let nextName = 0;
/** What the server would hand back: the planned slice with a name. */
const stored = (slice: SliceObject): SliceObject => ({ ...slice, metadata: { ...slice.metadata, name: `web-${nextName++}` } });
const podNames = (slice: SliceObject): string[] => slice.endpoints.map((e) => e.targetRef?.name ?? "");

describe("desiredEndpointGroups and planSlices (the EndpointSlice reconciler)", () => {
  it("makes labelled, owned IPv4 slices of at most 100 endpoints with ready/serving/terminating conditions", () => {
    const pods = [...range(0, 148).map((n) => pod(n)), pod(148, { ready: false }), pod(149, { deleting: true })];
    const { create, update, delete: remove } = plan(pods);
    expect(update).toEqual([]);
    expect(remove).toEqual([]);
    expect(create.map((s) => s.endpoints.length)).toEqual([100, 50]);
    expect(create[0]).toMatchObject({
      apiVersion: "discovery.k8s.io/v1",
      kind: "EndpointSlice",
      addressType: "IPv4",
      metadata: {
        generateName: "web-",
        namespace: "ns",
        labels: { team: "a", "kubernetes.io/service-name": "web", "endpointslice.kubernetes.io/managed-by": "endpointslice-controller.k8s.io" },
        ownerReferences: [{ apiVersion: "v1", kind: "Service", name: "web", uid: "svc-uid", controller: true, blockOwnerDeletion: true }],
      },
      ports: [{ name: "http", protocol: "TCP", port: 8080 }],
    });
    expect(create[0]!.endpoints[0]).toEqual({
      addresses: ["10.0.0.0"],
      conditions: { ready: true, serving: true, terminating: false },
      nodeName: "node-1",
      targetRef: { kind: "Pod", namespace: "ns", name: "p0", uid: "uid-0" },
    });
    const last = create[1]!.endpoints;
    expect(last.find((e) => e.targetRef?.name === "p148")?.conditions).toEqual({ ready: false, serving: false, terminating: false });
    // Terminating: still serving, never ready.
    expect(last.find((e) => e.targetRef?.name === "p149")?.conditions).toEqual({ ready: false, serving: true, terminating: true });
  });

  it("changes nothing when nothing changed, and only the slice of an endpoint that changed", () => {
    const pods = range(0, 150).map((n) => pod(n));
    const slices = plan(pods).create.map(stored);
    expect(plan(pods, slices)).toEqual({ create: [], update: [], delete: [] });
    pods[120] = pod(120, { ready: false });
    const { create, update, delete: remove } = plan(pods, slices);
    expect([create, remove]).toEqual([[], []]);
    expect(update.map((s) => s.metadata?.name)).toEqual([slices[1]!.metadata?.name]);
    expect(update[0]!.endpoints.find((e) => e.targetRef?.name === "p120")?.conditions?.ready).toBe(false);
  });

  it("fills the room endpoints leave before making a slice, and deletes slices left empty", () => {
    const slices = plan(range(0, 150).map((n) => pod(n))).create.map(stored);
    // 30 of the first slice's pods go, 20 new ones come: they take the room in the first slice.
    const pods = [...range(30, 150), ...range(200, 220)].map((n) => pod(n));
    const first = plan(pods, slices);
    expect(first.create).toEqual([]);
    expect(first.update.map((s) => [s.metadata?.name, s.endpoints.length])).toEqual([[slices[0]!.metadata?.name, 90]]);
    expect(podNames(first.update[0]!)).toEqual([...range(30, 100), ...range(200, 220)].map((n) => `p${n}`));
    // Every pod of the second slice goes.
    const second = plan(range(0, 100).map((n) => pod(n)), slices);
    expect(second.delete.map((s) => s.metadata?.name)).toEqual([slices[1]!.metadata?.name]);
    expect(second.update).toEqual([]);
  });

  it("gives each port set its own slices, and moves an endpoint whose ports changed", () => {
    const pods = [pod(1), pod(2, { ports: [{ name: "http", containerPort: 9090 }] })];
    const slices = plan(pods).create.map(stored);
    expect(slices.map((s) => [s.ports, podNames(s)])).toEqual([
      [[{ name: "http", protocol: "TCP", port: 8080 }], ["p1"]],
      [[{ name: "http", protocol: "TCP", port: 9090 }], ["p2"]],
    ]);
    const moved = plan([pod(1), pod(2)], slices);
    expect(moved.update.map((s) => podNames(s))).toEqual([["p1", "p2"]]);
    expect(moved.delete.map((s) => s.metadata?.name)).toEqual([slices[1]!.metadata?.name]);
  });

  it("keeps one empty placeholder slice when no pod is selected", () => {
    const { create } = plan([]);
    expect(create).toHaveLength(1);
    expect(create[0]).toMatchObject({ endpoints: [], ports: [] });
    const placeholder = stored(create[0]!);
    expect(plan([], [placeholder])).toEqual({ create: [], update: [], delete: [] });
    // The last endpoints go: their slice goes and the placeholder comes.
    const slices = plan([pod(1)]).create.map(stored);
    const emptied = plan([], slices);
    expect(emptied.delete).toEqual(slices);
    expect(emptied.create).toEqual([expect.objectContaining({ endpoints: [], ports: [] })]);
    // Pods come: the placeholder goes once their slice is made.
    const filled = plan([pod(1)], [placeholder]);
    expect([filled.create.length, filled.delete]).toEqual([1, [placeholder]]);
  });

  it("updates labels and owner of a slice when the service's labels change", () => {
    const slices = plan([pod(1)]).create.map(stored);
    const relabelled = { ...service, metadata: { ...service.metadata, labels: { team: "b" } } } as ServiceObject;
    const { update } = planSlices(relabelled, desiredEndpointGroups(relabelled, [pod(1)]), slices);
    expect(update[0]!.metadata?.labels).toMatchObject({ team: "b", "kubernetes.io/service-name": "web" });
  });
});
