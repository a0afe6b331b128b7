import { describe, expect, it } from "vitest";
import type { ApiObject } from "../../src/client/rest/rest-client.js";
import type { ResourceRef } from "../../src/client/rest/paths.js";
import { useTestServer } from "../support/server-hooks.js";

// metadata.generation as Kubernetes' registry strategies keep it: only kinds
// with a desired state someone works toward carry one.
const ref = (group: string, resource: string): ResourceRef => ({ group, version: "v1", resource, namespaced: resource !== "namespaces" });
const configMaps = ref("", "configmaps");
const services = ref("", "services");
const namespaces = ref("", "namespaces");
const deployments = ref("apps", "deployments");
const endpointSlices = ref("discovery.k8s.io", "endpointslices");

const { server } = useTestServer();
const client = () => server().client;
const generationOf = (object: ApiObject): unknown => (object.metadata as { generation?: unknown }).generation;

describe("metadata.generation", () => {
  it("is absent on kinds without a desired state to observe, even when a client sends one", async () => {
    const created = await client().create(configMaps, "default", {
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: "settings", generation: 7 } as ApiObject["metadata"],
      data: { mode: "fast" },
    });
    expect(generationOf(created)).toBeUndefined();
    const changed = await client().patch(configMaps, "default", "settings", "merge", { data: { mode: "slow" } });
    expect(generationOf(changed)).toBeUndefined();

    const service = await client().create(services, "default", {
      apiVersion: "v1",
      kind: "Service",
      metadata: { name: "api" },
      spec: { selector: { app: "api" }, ports: [{ port: 80 }] },
    });
    expect(generationOf(service)).toBeUndefined();
    expect(generationOf(await client().patch(services, "default", "api", "merge", { spec: { ports: [{ port: 81 }] } }))).toBeUndefined();
    expect(generationOf(await client().get(namespaces, undefined, "default"))).toBeUndefined();
  });

  it("counts a Deployment's spec changes, not its metadata changes", async () => {
    const created = await client().create(deployments, "default", {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "web", generation: 9 } as ApiObject["metadata"],
      spec: {
        selector: { matchLabels: { app: "web" } },
        template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "web", image: "skiff-test/busybox:1" }] } },
      },
    });
    expect(generationOf(created)).toBe(1);
    expect(generationOf(await client().patch(deployments, "default", "web", "merge", { spec: { replicas: 3 } }))).toBe(2);
    expect(generationOf(await client().patch(deployments, "default", "web", "merge", { metadata: { labels: { tier: "front" } } }))).toBe(2);
  });

  it("counts an EndpointSlice's label changes too", async () => {
    const created = await client().create(endpointSlices, "default", {
      apiVersion: "discovery.k8s.io/v1",
      kind: "EndpointSlice",
      metadata: { name: "api-1", labels: { "kubernetes.io/service-name": "api" } },
      addressType: "IPv4",
      endpoints: [{ addresses: ["10.42.0.5"] }],
    });
    expect(generationOf(created)).toBe(1);
    const relabelled = await client().patch(endpointSlices, "default", "api-1", "merge", { metadata: { labels: { "kubernetes.io/service-name": "web" } } });
    expect(generationOf(relabelled)).toBe(2);
    expect(generationOf(await client().patch(endpointSlices, "default", "api-1", "merge", { metadata: { annotations: { note: "x" } } }))).toBe(2);
  });
});
