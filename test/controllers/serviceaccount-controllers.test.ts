import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ApiObject } from "../../src/client/rest/rest-client.js";
import { rootCaDescription } from "../../server/controllers/serviceaccount/root-ca-publisher.js";
import { eventually } from "../store/helpers/eventually.js";
import { startTestServer, type TestServer } from "../support/server.js";

const namespaces = { group: "", version: "v1", resource: "namespaces", namespaced: false };
const serviceAccounts = { group: "", version: "v1", resource: "serviceaccounts", namespaced: true };
const configMaps = { group: "", version: "v1", resource: "configmaps", namespaced: true };
const wait = { timeoutMs: 10_000, intervalMs: 50 };

interface ConfigMap extends ApiObject {
  data?: Record<string, string>;
}

describe("ServiceAccount and root-CA controllers", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.stop());

  it("give the built-in namespaces a default ServiceAccount and the CA", async () => {
    for (const namespace of ["default", "kube-system"]) {
      await eventually(() => server.client.get(serviceAccounts, namespace, "default"), wait);
      const configMap = await eventually(() => server.client.get<ConfigMap>(configMaps, namespace, "kube-root-ca.crt"), wait);
      expect(configMap.data).toEqual({ "ca.crt": server.admin.caPem });
    }
  });

  it("give a new namespace its default ServiceAccount and kube-root-ca.crt", async () => {
    await server.client.create(namespaces, undefined, { apiVersion: "v1", kind: "Namespace", metadata: { name: "team-a" } });
    await eventually(() => server.client.get(serviceAccounts, "team-a", "default"), wait);
    const configMap = await eventually(() => server.client.get<ConfigMap>(configMaps, "team-a", "kube-root-ca.crt"), wait);
    expect(configMap.data).toEqual({ "ca.crt": server.admin.caPem });
    expect(configMap.metadata?.annotations).toEqual({ "kubernetes.io/description": rootCaDescription });
  });

  it("re-create the default ServiceAccount when it is deleted", async () => {
    await server.client.create(namespaces, undefined, { apiVersion: "v1", kind: "Namespace", metadata: { name: "team-b" } });
    const first = await eventually(() => server.client.get(serviceAccounts, "team-b", "default"), wait);
    await server.client.delete(serviceAccounts, "team-b", "default");
    const again = await eventually(async () => {
      const current = await server.client.get(serviceAccounts, "team-b", "default");
      expect(current.metadata?.uid).not.toBe(first.metadata?.uid);
      return current;
    }, wait);
    expect(again.metadata?.name).toBe("default");
  });

  it("put kube-root-ca.crt right when it is changed or deleted", async () => {
    await eventually(() => server.client.get(configMaps, "default", "kube-root-ca.crt"), wait);
    await server.client.patch(configMaps, "default", "kube-root-ca.crt", "merge", { data: { "ca.crt": "not a CA", extra: "x" } });
    await eventually(async () => {
      const configMap = await server.client.get<ConfigMap>(configMaps, "default", "kube-root-ca.crt");
      expect(configMap.data).toEqual({ "ca.crt": server.admin.caPem });
    }, wait);
    await server.client.delete(configMaps, "default", "kube-root-ca.crt");
    await eventually(async () => {
      const configMap = await server.client.get<ConfigMap>(configMaps, "default", "kube-root-ca.crt");
      expect(configMap.data).toEqual({ "ca.crt": server.admin.caPem });
    }, wait);
  });
});
