import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ApiObject } from "../../src/client/rest/rest-client.js";
import { eventually } from "../store/helpers/eventually.js";
import { kubectlRunner, type Kubectl } from "../support/kubectl.js";
import { startTestServer, type TestServer } from "../support/server.js";

const podsRef = { group: "", version: "v1", resource: "pods", namespaced: true };
const servicesRef = { group: "", version: "v1", resource: "services", namespaced: true };
const endpointsRef = { group: "", version: "v1", resource: "endpoints", namespaced: true };
const slicesRef = { group: "discovery.k8s.io", version: "v1", resource: "endpointslices", namespaced: true };
const wait = { timeoutMs: 10_000, intervalMs: 50 };
const ns = "default";

interface Address {
  ip: string;
  nodeName?: string;
  hostname?: string;
  targetRef?: { kind?: string; name?: string; namespace?: string; uid?: string };
}
interface Subset {
  addresses?: Address[];
  notReadyAddresses?: Address[];
  ports?: Array<{ name?: string; port: number; protocol?: string }>;
}
interface EndpointsObject extends ApiObject {
  subsets?: Subset[];
}
interface SliceObject extends ApiObject {
  addressType: string;
  endpoints: Array<{ addresses: string[]; conditions?: { ready?: boolean; serving?: boolean; terminating?: boolean }; nodeName?: string; targetRef?: { name?: string } }>;
  ports?: Array<{ name?: string; port?: number; protocol?: string }>;
}

function pod(name: string, labels: Record<string, string>, ports: Array<{ name: string; containerPort: number }>, extra: Record<string, unknown> = {}): ApiObject {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name, labels },
    spec: { nodeName: "node-a", containers: [{ name: "app", image: "registry.local/app:1", ports }], ...extra },
  };
}

function service(name: string, spec: Record<string, unknown>, labels: Record<string, string> = {}): ApiObject {
  return { apiVersion: "v1", kind: "Service", metadata: { name, labels }, spec };
}

/** What a kubelet would report: the pod's IP and whether it is ready. */
async function report(server: TestServer, name: string, ip: string, ready: boolean, namespace = ns): Promise<void> {
  const status = {
    phase: "Running",
    podIP: ip,
    podIPs: [{ ip }],
    conditions: [{ type: "Ready", status: ready ? "True" : "False", lastTransitionTime: new Date().toISOString().replace(/\.\d+Z$/, "Z") }],
  };
  await server.client.patch(podsRef, namespace, name, "merge", { status }, { subresource: "status" });
}

const readyIps = (subsets: Subset[] | undefined, port: string): string[] =>
  (subsets ?? []).filter((s) => s.ports?.some((p) => p.name === port)).flatMap((s) => (s.addresses ?? []).map((a) => a.ip));
const notReadyIps = (subsets: Subset[] | undefined, port: string): string[] =>
  (subsets ?? []).filter((s) => s.ports?.some((p) => p.name === port)).flatMap((s) => (s.notReadyAddresses ?? []).map((a) => a.ip));

async function slicesOf(server: TestServer, serviceName: string): Promise<SliceObject[]> {
  const list = await server.client.list<SliceObject>(slicesRef, ns, { labelSelector: `kubernetes.io/service-name=${serviceName}` });
  return list.items;
}

describe("the endpoints and EndpointSlice controllers against the real server", () => {
  let server: TestServer;
  let kubectl: Kubectl;
  beforeAll(async () => {
    server = await startTestServer();
    kubectl = await kubectlRunner(server.server.kubeconfigPath);
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("lists ready and not-ready pods by the ports each serves, follows their changes, and goes with the service", async () => {
    await server.client.create(servicesRef, ns, service("web", {
      selector: { app: "web" },
      ports: [
        { name: "http", port: 80, targetPort: "http" },
        { name: "metrics", port: 9090, targetPort: 9090 },
      ],
    }, { tier: "front" }));
    await server.client.create(podsRef, ns, pod("web-1", { app: "web" }, [{ name: "http", containerPort: 8080 }]));
    await server.client.create(podsRef, ns, pod("web-2", { app: "web" }, [{ name: "http", containerPort: 8080 }]));
    // No port named http: only in the metrics port's subset.
    await server.client.create(podsRef, ns, pod("web-3", { app: "web" }, [{ name: "other", containerPort: 7000 }]));
    await server.client.create(podsRef, ns, pod("db-1", { app: "db" }, [{ name: "http", containerPort: 8080 }]));
    // No IP yet: in nothing.
    await server.client.create(podsRef, ns, pod("web-4", { app: "web" }, [{ name: "http", containerPort: 8080 }]));
    await report(server, "web-1", "10.42.0.11", true);
    await report(server, "web-2", "10.42.0.12", false);
    await report(server, "web-3", "10.42.0.13", true);
    await report(server, "db-1", "10.42.0.14", true);
    // The same labels in another namespace: not the service's.
    await server.client.create(podsRef, "kube-public", pod("web-elsewhere", { app: "web" }, [{ name: "http", containerPort: 8080 }]));
    await report(server, "web-elsewhere", "10.42.0.15", true, "kube-public");

    const endpoints = await eventually(async () => {
      const found = await server.client.get<EndpointsObject>(endpointsRef, ns, "web");
      expect(readyIps(found.subsets, "http")).toEqual(["10.42.0.11"]);
      expect(notReadyIps(found.subsets, "http")).toEqual(["10.42.0.12"]);
      expect(readyIps(found.subsets, "metrics").sort()).toEqual(["10.42.0.11", "10.42.0.13"]);
      return found;
    }, wait);
    const withHttp = endpoints.subsets!.find((s) => s.ports?.some((p) => p.name === "http"))!;
    expect(withHttp.ports).toEqual([
      { name: "http", port: 8080, protocol: "TCP" },
      { name: "metrics", port: 9090, protocol: "TCP" },
    ]);
    expect(withHttp.addresses![0]).toMatchObject({ ip: "10.42.0.11", nodeName: "node-a", targetRef: { kind: "Pod", namespace: ns, name: "web-1" } });
    expect(endpoints.metadata?.labels).toEqual({ tier: "front" });
    expect((endpoints.metadata?.annotations as Record<string, string>)["endpoints.kubernetes.io/last-change-trigger-time"]).toMatch(/^\d{4}-\d\d-\d\dT/);

    const slices = await eventually(async () => {
      const found = await slicesOf(server, "web");
      expect(found.flatMap((s) => s.endpoints.map((e) => e.targetRef?.name)).sort()).toEqual(["web-1", "web-2", "web-3"]);
      return found;
    }, wait);
    expect(slices).toHaveLength(2);
    for (const slice of slices) {
      expect(slice.addressType).toBe("IPv4");
      expect(slice.metadata?.labels).toMatchObject({ "endpointslice.kubernetes.io/managed-by": "endpointslice-controller.k8s.io", tier: "front" });
      expect(slice.metadata?.ownerReferences).toEqual([expect.objectContaining({ kind: "Service", name: "web", controller: true })]);
    }
    const web2 = slices.flatMap((s) => s.endpoints).find((e) => e.targetRef?.name === "web-2");
    expect(web2).toMatchObject({ addresses: ["10.42.0.12"], nodeName: "node-a", conditions: { ready: false, serving: false, terminating: false } });

    const got = await kubectl(["get", "endpoints", "web", "-n", ns]);
    expect(got.stderr).toBe("");
    expect(got.stdout).toMatch(/^web\s+.*10\.42\.0\.11:8080/m);
    const described = await kubectl(["describe", "service", "web", "-n", ns]);
    expect(described.code).toBe(0);
    expect(described.stdout).toMatch(/Endpoints:\s+.*10\.42\.0\.11:8080/);

    // web-2 becomes ready, web-1 goes, web-3 stops matching.
    await report(server, "web-2", "10.42.0.12", true);
    await server.client.delete(podsRef, ns, "web-1", { gracePeriodSeconds: 0 });
    await server.client.patch(podsRef, ns, "web-3", "merge", { metadata: { labels: { app: "other" } } });
    await eventually(async () => {
      const found = await server.client.get<EndpointsObject>(endpointsRef, ns, "web");
      expect(found.subsets).toEqual([
        {
          addresses: [expect.objectContaining({ ip: "10.42.0.12" })],
          ports: [
            { name: "http", port: 8080, protocol: "TCP" },
            { name: "metrics", port: 9090, protocol: "TCP" },
          ],
        },
      ]);
      const after = await slicesOf(server, "web");
      expect(after.flatMap((s) => s.endpoints)).toEqual([expect.objectContaining({ addresses: ["10.42.0.12"], conditions: { ready: true, serving: true, terminating: false } })]);
    }, wait);

    await server.client.delete(servicesRef, ns, "web");
    await eventually(async () => {
      const left = await server.client.list(endpointsRef, ns, { fieldSelector: "metadata.name=web" });
      expect(left.items).toEqual([]);
      expect(await slicesOf(server, "web")).toEqual([]);
    }, wait);
  });

  it("gives a headless service without ports its pods' addresses, not-ready ones too with publishNotReadyAddresses", async () => {
    await server.client.create(podsRef, ns, pod("db-0", { app: "store" }, [], { hostname: "db-0", subdomain: "store" }));
    await server.client.create(podsRef, ns, pod("db-9", { app: "store" }, []));
    await report(server, "db-0", "10.42.1.10", false);
    await report(server, "db-9", "10.42.1.19", false);
    await server.client.create(servicesRef, ns, service("store", { clusterIP: "None", selector: { app: "store" }, publishNotReadyAddresses: true }));
    const found = await eventually(async () => {
      const endpoints = await server.client.get<EndpointsObject>(endpointsRef, ns, "store");
      expect(endpoints.subsets).toHaveLength(1);
      return endpoints;
    }, wait);
    expect(found.subsets![0]).toEqual({
      addresses: [
        expect.objectContaining({ ip: "10.42.1.10", hostname: "db-0" }),
        expect.objectContaining({ ip: "10.42.1.19" }),
      ],
    });
    expect(found.subsets![0]!.addresses![1]!.hostname).toBeUndefined();
    expect(found.metadata?.labels).toEqual({ "service.kubernetes.io/headless": "" });
    const slices = await eventually(async () => {
      const list = await slicesOf(server, "store");
      expect(list.flatMap((s) => s.endpoints)).toHaveLength(2);
      return list;
    }, wait);
    // Published although not ready: ready, yet not serving.
    expect(slices[0]!.endpoints[0]).toMatchObject({ addresses: ["10.42.1.10"], conditions: { ready: true, serving: false } });
    expect(slices[0]!.ports).toEqual([]);
    expect(slices[0]!.metadata?.labels).toMatchObject({ "service.kubernetes.io/headless": "" });
  });

  it("leaves a service without a selector to its user, and keeps one empty slice for a service that selects nothing", async () => {
    await server.client.create(servicesRef, ns, service("external", { ports: [{ port: 5432 }] }));
    const manual = { apiVersion: "v1", kind: "Endpoints", metadata: { name: "external" }, subsets: [{ addresses: [{ ip: "192.168.1.50" }], ports: [{ port: 5432 }] }] };
    await server.client.create(endpointsRef, ns, manual);
    await server.client.create(servicesRef, ns, service("nobody", { selector: { app: "nobody" }, ports: [{ port: 80 }] }));
    const placeholder = await eventually(async () => {
      const list = await slicesOf(server, "nobody");
      expect(list).toHaveLength(1);
      return list[0]!;
    }, wait);
    expect(placeholder.endpoints).toEqual([]);
    const nobody = await eventually(() => server.client.get<EndpointsObject>(endpointsRef, ns, "nobody"), wait);
    expect(nobody.subsets ?? []).toEqual([]);
    const described = await kubectl(["describe", "service", "nobody", "-n", ns]);
    // kubectl 1.32 reads the slices: one with no endpoints shows as an empty list (no slice at all would be <none>).
    expect(described.stdout).toMatch(/^Endpoints: *$/m);
    // Meanwhile (the other service's writes came after it) the controllers have not touched the user's Endpoints nor made slices for it.
    const still = await server.client.get<EndpointsObject>(endpointsRef, ns, "external");
    expect(still.subsets).toEqual([{ addresses: [{ ip: "192.168.1.50" }], ports: [{ port: 5432, protocol: "TCP" }] }]);
    expect(await slicesOf(server, "external")).toEqual([]);
  });

  it("puts 120 pods arriving at once into two slices of 100 and 20, each pod once, and all of them into the Endpoints", async () => {
    await server.client.create(servicesRef, ns, service("many", { selector: { app: "many" }, ports: [{ name: "http", port: 80, targetPort: "http" }] }));
    const names = Array.from({ length: 120 }, (_, i) => `many-${i}`);
    for (let i = 0; i < names.length; i += 20) {
      await Promise.all(names.slice(i, i + 20).map((name) => server.client.create(podsRef, ns, pod(name, { app: "many" }, [{ name: "http", containerPort: 8080 }]))));
    }
    for (let i = 0; i < names.length; i += 20) {
      await Promise.all(names.slice(i, i + 20).map((name, j) => report(server, name, `10.42.2.${i + j + 1}`, true)));
    }
    const slices = await eventually(async () => {
      const found = await slicesOf(server, "many");
      expect(found.map((s) => s.endpoints.length).sort((a, b) => b - a)).toEqual([100, 20]);
      return found;
    }, { timeoutMs: 20_000, intervalMs: 100 });
    expect(new Set(slices.flatMap((s) => s.endpoints.map((e) => e.targetRef?.name))).size).toBe(120);
    await eventually(async () => {
      const endpoints = await server.client.get<EndpointsObject>(endpointsRef, ns, "many");
      expect(endpoints.subsets?.[0]?.addresses).toHaveLength(120);
    }, wait);
  });
});
