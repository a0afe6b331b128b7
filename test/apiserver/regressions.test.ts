import { CoreV1Api, KubeConfig, Watch, makeInformer, type V1Pod } from "@kubernetes/client-node";
import { describe, expect, it } from "vitest";
import type { ResourceRef } from "../../src/client/rest/paths.js";
import { Transport } from "../../src/client/rest/transport.js";
import { deploymentManifest } from "../support/deployment.js";
import { useKubectlServer } from "../support/server-hooks.js";
import { eventually } from "../store/helpers/eventually.js";

// Bugs found by driving the server with kubectl and @kubernetes/client-node.
const { server, kubeconfig, kubectl, ok } = useKubectlServer();
const namespaces: ResourceRef = { group: "", version: "v1", resource: "namespaces", namespaced: false };

describe("regressions", () => {
  it("scales to zero when kubectl sends a Scale with an empty spec", async () => {
    await ok(["apply", "-f", "-"], deploymentManifest("zero", "skiff-test/busybox:1", { replicas: 2 }));
    expect(await ok(["scale", "deployment", "zero", "--current-replicas=2", "--replicas=0"])).toBe("deployment.apps/zero scaled\n");
    expect(await ok(["get", "deployment", "zero", "-o", "jsonpath={.spec.replicas}"])).toBe("0");
  });

  it("marks a deleted namespace Terminating, refuses new content, and lets it go once finalized", async () => {
    // A finalizer holds the ConfigMap, so the namespace controller cannot empty the namespace until the test says.
    await ok(["apply", "-f", "-"], "apiVersion: v1\nkind: Namespace\nmetadata: {name: doomed}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: left, namespace: doomed, finalizers: [example.com/hold]}\n");
    expect(await ok(["delete", "namespace", "doomed", "--wait=false"])).toBe('namespace "doomed" deleted\n');
    expect(await ok(["get", "namespace", "doomed", "-o", "jsonpath={.status.phase}"])).toBe("Terminating");
    const refused = await kubectl(["create", "-n", "doomed", "-f", "-"], "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: late}\n");
    expect(refused.stderr).toBe(
      'Error from server (Forbidden): error when creating "STDIN": configmaps "late" is forbidden: unable to create new content in namespace doomed because it is being terminated\n',
    );
    // Once the ConfigMap can go, the namespace controller empties the namespace and finalizes it.
    await ok(["patch", "configmap", "left", "-n", "doomed", "--type=merge", "-p", '{"metadata":{"finalizers":null}}']);
    await eventually(async () => expect((await kubectl(["get", "namespace", "doomed"])).stderr).toContain('namespaces "doomed" not found'), {
      timeoutMs: 15_000,
      intervalMs: 100,
    });
  });

  it("answers a watch's headers before anything changes, so client-node's watch() resolves", async () => {
    const config = new KubeConfig();
    config.loadFromFile(kubeconfig());
    const started = Date.now();
    const request = await new Watch(config).watch("/api/v1/namespaces/kube-public/pods", {}, (_t: string, _o: V1Pod) => undefined, () => undefined);
    expect(Date.now() - started).toBeLessThan(2_000);
    request.abort();
  }, 5_000);

  it("lets a client-node informer start on an empty collection", async () => {
    const config = new KubeConfig();
    config.loadFromFile(kubeconfig());
    const core = config.makeApiClient(CoreV1Api);
    const informer = makeInformer(config, "/api/v1/namespaces/kube-public/pods", () => core.listNamespacedPod({ namespace: "kube-public" }));
    await informer.start();
    expect(informer.list("kube-public")).toEqual([]);
    await informer.stop();
  }, 5_000);
});

// Bugs found by the fuzz test (test/fuzz).
describe("regressions found by fuzzing", () => {
  const configMaps: ResourceRef = { group: "", version: "v1", resource: "configmaps", namespaced: true };
  const send = async (method: string, path: string) => {
    const transport = new Transport(server().client.config);
    try {
      const answer = await transport.send({ method, path });
      return { status: answer.status, body: JSON.parse(answer.body.toString("utf8")) as { reason?: string } };
    } finally {
      transport.close();
    }
  };

  it("refuses a YAML body with a tag it cannot resolve, without printing a warning", async () => {
    const warnings: string[] = [];
    const onWarning = (warning: Error): void => void warnings.push(warning.message);
    process.on("warning", onWarning);
    const transport = new Transport(server().client.config);
    try {
      const answer = await transport.send({
        method: "PATCH",
        path: "/api/v1/namespaces/default/configmaps/tagged?fieldManager=test",
        contentType: "application/apply-patch+yaml",
        body: "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: tagged}\ndata: {x: !!python/object/apply:os.system [\"true\"]}\n",
      });
      expect(answer.status).toBe(400);
      expect(answer.body.toString("utf8")).toContain("error decoding YAML: Unresolved tag: tag:yaml.org,2002:python/object/apply:os.system");
    } finally {
      transport.close();
      process.off("warning", onWarning);
    }
    expect(warnings).toEqual([]);
    expect((await server().client.list(configMaps, "default")).items.map((c) => c.metadata?.name)).not.toContain("tagged");
  });

  it("refuses dot segments in a path instead of deleting the collection (or namespace) URL parsing makes of it", async () => {
    await server().client.create(configMaps, "default", { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "kept-1" } });
    await server().client.create(configMaps, "default", { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "kept-2" } });
    for (const name of ["%2e", "%2E%2e", "..", ".", "x\\..", "%2e%2e/kept-1"]) {
      const answer = await send("DELETE", `/api/v1/namespaces/default/configmaps/${name}`);
      expect(answer.status, name).toBe(400);
      expect(answer.body.reason).toBe("BadRequest");
    }
    const names = (await server().client.list(configMaps, "default")).items.map((c) => c.metadata?.name);
    expect(names).toEqual(expect.arrayContaining(["kept-1", "kept-2"]));
    expect((await server().client.get(namespaces, undefined, "default")).metadata?.deletionTimestamp).toBeUndefined();
  });

  it("reads percent-encoded names, as skiff's client sends `system:` names, and refuses encoded slashes", async () => {
    const clusterRoles: ResourceRef = { group: "rbac.authorization.k8s.io", version: "v1", resource: "clusterroles", namespaced: false };
    await server().client.create(clusterRoles, undefined, { apiVersion: "rbac.authorization.k8s.io/v1", kind: "ClusterRole", metadata: { name: "system:fuzz:reader" }, rules: [] });
    expect((await server().client.get(clusterRoles, undefined, "system:fuzz:reader")).metadata?.name).toBe("system:fuzz:reader");
    expect((await send("GET", "/apis/rbac.authorization.k8s.io/v1/clusterroles/system%3Afuzz%3Areader")).status).toBe(200);
    expect((await send("GET", "/apis/rbac.authorization.k8s.io/v1/clusterroles/a%2Fb")).status).toBe(400);
    expect((await send("GET", "/apis/rbac.authorization.k8s.io/v1/clusterroles/a%zz")).status).toBe(400);
  });

  it("answers integer query values a double cannot hold with 400, not a store failure (503)", async () => {
    for (const query of ["limit=99999999999999999999", "limit=1e99", "resourceVersion=1e20&resourceVersionMatch=Exact", "limit=0x10"]) {
      const answer = await send("GET", `/api/v1/namespaces/default/configmaps?${query}`);
      expect(answer.status, query).toBe(400);
    }
    for (const query of ["timeoutSeconds=1e99", "resourceVersion=abc&sendInitialEvents=true&allowWatchBookmarks=true"]) {
      expect((await send("GET", `/api/v1/namespaces/default/configmaps?watch=1&${query}`)).status, query).toBe(400);
    }
    expect((await send("DELETE", "/api/v1/namespaces/default/configmaps/kept-1?gracePeriodSeconds=1e3")).status).toBe(400);
  });
});
