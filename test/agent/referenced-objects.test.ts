import { afterAll, describe, expect, it, vi } from "vitest";
import { ReferencedObjects, type SourceResource } from "../../agent/kubelet/objects/referenced-objects.js";
import type { Pod } from "../../src/api/core/v1/pod.js";
import { resourceInformer } from "../../src/client/informer/index.js";
import type { ResourceRef } from "../../src/client/rest/paths.js";
import { RestClient, type ApiObject } from "../../src/client/rest/rest-client.js";
import { createLogger } from "../../src/log.js";
import { useTestServer } from "../support/server-hooks.js";

const { server } = useTestServer({ users: [{ token: "pi-1", name: "system:node:pi-1", groups: ["system:nodes"] }] });
const ref = (resource: string): ResourceRef => ({ group: "", version: "v1", resource, namespaced: true });
const log = createLogger("silent");

/** Objects as the agent sees them: through its own node credential. */
function objectsAsNode(onChange: (uids: string[]) => void): ReferencedObjects {
  const node = new RestClient({ ...server().admin, token: "pi-1" });
  const informerOf = (resource: SourceResource, namespace: string, name: string) =>
    resourceInformer<ApiObject>(node, ref(resource), namespace, { fieldSelector: `metadata.name=${name}`, log, backoff: { initialMs: 50, maxMs: 200 } });
  return new ReferencedObjects(informerOf, onChange, log);
}

async function boundPod(name: string, spec: Record<string, unknown>): Promise<Pod> {
  return (await server().client.create(ref("pods"), "default", {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name },
    spec: { nodeName: "pi-1", containers: [{ name: "main", image: "busybox:1" }], ...spec },
  })) as unknown as Pod;
}

describe("the ConfigMaps and Secrets of the node's pods", () => {
  const opened: ReferencedObjects[] = [];
  afterAll(() => opened.forEach((objects) => objects.close()));

  it("reads what a pod references through the node's own credential, and reports changes with the pods that use them", async () => {
    const admin = server().client;
    await admin.create(ref("configmaps"), "default", { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "app" }, data: { mode: "fast" } });
    await admin.create(ref("secrets"), "default", { apiVersion: "v1", kind: "Secret", metadata: { name: "db" }, stringData: { password: "pw" } });
    const pod = await boundPod("uses-both", {
      volumes: [{ name: "config", configMap: { name: "app" } }],
      containers: [{ name: "main", image: "busybox:1", env: [{ name: "PW", valueFrom: { secretKeyRef: { name: "db", key: "password" } } }] }],
    });
    const changed = vi.fn();
    const objects = objectsAsNode(changed);
    opened.push(objects);
    objects.track(pod);

    // The node authorizer learns of the binding from its own watch; the informers retry until it has.
    await vi.waitFor(() => expect(objects.hasSynced(pod.metadata.uid!)).toBe(true), { timeout: 10_000 });
    expect(objects.configMap("default", "app")?.data).toEqual({ mode: "fast" });
    expect(objects.secret("default", "db")?.data).toEqual({ password: Buffer.from("pw").toString("base64") });

    changed.mockClear();
    await admin.patch(ref("configmaps"), "default", "app", "merge", { data: { mode: "slow" } });
    await vi.waitFor(() => expect(objects.configMap("default", "app")?.data).toEqual({ mode: "slow" }), { timeout: 5_000 });
    expect(changed).toHaveBeenCalledWith([pod.metadata.uid]);
  });

  it("a missing object is known to be missing once synced, and appears when created", async () => {
    const pod = await boundPod("waits", { volumes: [{ name: "late", configMap: { name: "late-config" } }] });
    const changed = vi.fn();
    const objects = objectsAsNode(changed);
    opened.push(objects);
    objects.track(pod);
    await vi.waitFor(() => expect(objects.hasSynced(pod.metadata.uid!)).toBe(true), { timeout: 10_000 });
    expect(objects.configMap("default", "late-config")).toBeUndefined();

    await server().client.create(ref("configmaps"), "default", { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "late-config" }, data: { a: "1" } });
    await vi.waitFor(() => expect(objects.configMap("default", "late-config")?.data).toEqual({ a: "1" }), { timeout: 5_000 });
    expect(changed).toHaveBeenCalledWith([pod.metadata.uid]);
  });

  it("stops watching what no tracked pod references any more", async () => {
    await server().client.create(ref("configmaps"), "default", { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "shared" }, data: { a: "1" } });
    const one = await boundPod("one", { volumes: [{ name: "s", configMap: { name: "shared" } }] });
    const two = await boundPod("two", { volumes: [{ name: "s", configMap: { name: "shared" } }] });
    const objects = objectsAsNode(() => undefined);
    opened.push(objects);
    objects.track(one);
    objects.track(two);
    await vi.waitFor(() => expect(objects.configMap("default", "shared")).toBeDefined(), { timeout: 10_000 });

    objects.forget(one.metadata.uid!);
    expect(objects.configMap("default", "shared")).toBeDefined();
    objects.track({ ...two, spec: { ...two.spec, volumes: [] } });
    expect(objects.configMap("default", "shared")).toBeUndefined();
    expect(objects.hasSynced(two.metadata.uid!)).toBe(true);
  });
});
