import { CoreV1Api, KubeConfig, Watch, makeInformer, type V1Pod } from "@kubernetes/client-node";
import { describe, expect, it } from "vitest";
import type { ResourceRef } from "../../src/client/rest/paths.js";
import { deploymentManifest } from "../support/deployment.js";
import { useKubectlServer } from "../support/server-hooks.js";

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
    await ok(["apply", "-f", "-"], "apiVersion: v1\nkind: Namespace\nmetadata: {name: doomed}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: left, namespace: doomed}\n");
    expect(await ok(["delete", "namespace", "doomed", "--wait=false"])).toBe('namespace "doomed" deleted\n');
    expect(await ok(["get", "namespace", "doomed", "-o", "jsonpath={.status.phase}"])).toBe("Terminating");
    const refused = await kubectl(["create", "-n", "doomed", "-f", "-"], "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: late}\n");
    expect(refused.stderr).toBe(
      'Error from server (Forbidden): error when creating "STDIN": configmaps "late" is forbidden: unable to create new content in namespace doomed because it is being terminated\n',
    );
    // What the namespace controller will do once the namespace is empty.
    const ns = await server().client.get(namespaces, undefined, "doomed");
    await server().client.update(namespaces, undefined, { ...ns, spec: { finalizers: [] } }, { subresource: "finalize" });
    const gone = await kubectl(["get", "namespace", "doomed"]);
    expect(gone.stderr).toContain('namespaces "doomed" not found');
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
