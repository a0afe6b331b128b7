import { describe, expect, it } from "vitest";
import { StatusError } from "../../src/errors/status.js";
import type { KubectlResult } from "../support/kubectl.js";
import { deploymentManifest } from "../support/deployment.js";
import { useKubectlServer } from "../support/server-hooks.js";

// Server-side apply through the real kubectl (v1.32) and over REST.
// The workload controllers are off: their own fields (the revision annotation, status) would join the managers compared here.
const { server, kubectl, ok } = useKubectlServer({ controllers: ["*", "-scheduler", "-replicaset", "-deployment"] });

interface Spec {
  replicas?: number;
  /** Labels beside `app`. */
  labels?: Record<string, string>;
  /** The first container's fields beside name and image (a port unless given). */
  container?: Record<string, unknown>;
  sidecars?: Array<Record<string, unknown>>;
}

const deployment = (name: string, spec: Spec = {}): string =>
  deploymentManifest(name, "skiff-test/busybox:1", {
    labels: { app: name, ...spec.labels },
    replicas: spec.replicas ?? 2,
    container: spec.container ?? { ports: [{ containerPort: 80 }] },
    sidecars: spec.sidecars,
  });

interface Deployment {
  metadata: { labels?: Record<string, string>; annotations?: Record<string, string>; managedFields?: Array<{ manager: string; operation: string; subresource?: string; fieldsV1: unknown }> };
  spec: { replicas: number; template: { spec: { containers: Array<{ name: string; env?: Array<{ name: string }> }> } } };
}

const getDeployment = async (name: string): Promise<Deployment> => JSON.parse(await ok(["get", "deployment", name, "-o", "json", "--show-managed-fields"])) as Deployment;
const managers = (d: Deployment): string[] => (d.metadata.managedFields ?? []).map((e) => `${e.operation} ${e.manager}${e.subresource ? `/${e.subresource}` : ""}`);
const apply = (manifest: string, ...flags: string[]): Promise<KubectlResult> => kubectl(["apply", "--server-side", ...flags, "-f", "-"], manifest);

describe("server-side apply", () => {
  it("creates the object and records kubectl's fields as kubectl shows them", async () => {
    expect(await ok(["apply", "--server-side", "-f", "-"], deployment("ssa-create"))).toContain("deployment.apps/ssa-create serverside-applied");
    const created = await getDeployment("ssa-create");
    expect(managers(created)).toEqual(["Apply kubectl"]);
    expect(created.metadata.managedFields?.[0]?.fieldsV1).toEqual({
      "f:metadata": { "f:labels": { "f:app": {} } },
      "f:spec": {
        "f:replicas": {},
        "f:selector": {},
        "f:template": {
          "f:metadata": { "f:labels": { "f:app": {} } },
          "f:spec": {
            "f:containers": {
              'k:{"name":"main"}': {
                ".": {},
                "f:image": {},
                "f:name": {},
                "f:ports": { 'k:{"containerPort":80,"protocol":"TCP"}': { ".": {}, "f:containerPort": {} } },
              },
            },
          },
        },
      },
    });
    // Defaults are the server's: filled in, owned by nobody.
    expect(JSON.stringify(created.metadata.managedFields)).not.toContain("revisionHistoryLimit");
  });

  it("converges to the file: a label, a container and an env var removed from it go", async () => {
    const a = { name: "A", value: "a" };
    const sidecars = [{ name: "side", image: "skiff-test/busybox:1" }];
    await ok(["apply", "--server-side", "-f", "-"], deployment("ssa-trim", { labels: { tier: "web" }, container: { env: [a, { name: "B", value: "b" }] }, sidecars }));
    await ok(["apply", "--server-side", "-f", "-"], deployment("ssa-trim", { container: { env: [a] } }));
    const trimmed = await getDeployment("ssa-trim");
    expect(trimmed.metadata.labels).toEqual({ app: "ssa-trim" });
    expect(trimmed.spec.template.spec.containers.map((c) => c.name)).toEqual(["main"]);
    expect(trimmed.spec.template.spec.containers[0]?.env?.map((e) => e.name)).toEqual(["A"]);
    // Applying the same file again changes neither the object nor who owns what.
    await ok(["apply", "--server-side", "-f", "-"], deployment("ssa-trim", { container: { env: [a] } }));
    const again = await getDeployment("ssa-trim");
    expect(again.spec).toEqual(trimmed.spec);
    expect(again.metadata.managedFields).toEqual(trimmed.metadata.managedFields);
  });

  it("conflicts with kubectl scale's replicas until forced", async () => {
    await ok(["apply", "--server-side", "-f", "-"], deployment("ssa-scale"));
    await ok(["scale", "deployment", "ssa-scale", "--replicas", "5"]);
    const refused = await apply(deployment("ssa-scale", { replicas: 3 }));
    expect(refused.code).not.toBe(0);
    // kubectl scale names no field manager: its user agent's product name stands in, as in Kubernetes.
    expect(refused.stderr).toContain('Apply failed with 1 conflict: conflict with "kubectl" with subresource "scale" using apps/v1: .spec.replicas');
    expect((await getDeployment("ssa-scale")).spec.replicas).toBe(5);

    await ok(["apply", "--server-side", "--force-conflicts", "-f", "-"], deployment("ssa-scale", { replicas: 3 }));
    const forced = await getDeployment("ssa-scale");
    expect(forced.spec.replicas).toBe(3);
    expect(managers(forced)).toEqual(["Apply kubectl"]);
  });

  it("conflicts with another applier's field, naming it", async () => {
    await ok(["apply", "--server-side", "-f", "-"], deployment("ssa-two"));
    const refused = await apply(deployment("ssa-two", { replicas: 4 }), "--field-manager", "robot");
    expect(refused.stderr).toContain('Apply failed with 1 conflict: conflict with "kubectl": .spec.replicas');
    // Agreeing values are shared, not conflicts.
    await ok(["apply", "--server-side", "--field-manager", "robot", "-f", "-"], deployment("ssa-two"));
    expect(managers(await getDeployment("ssa-two")).sort()).toEqual(["Apply kubectl", "Apply robot"]);
  });

  it("takes over an object kubectl applied client-side, and converges from there", async () => {
    await ok(["apply", "-f", "-"], deployment("ssa-upgrade", { labels: { tier: "web" } }));
    expect(managers(await getDeployment("ssa-upgrade"))).toEqual(["Update kubectl-client-side-apply"]);

    expect(await ok(["apply", "--server-side", "-f", "-"], deployment("ssa-upgrade", { replicas: 3 }))).toContain("serverside-applied");
    const upgraded = await getDeployment("ssa-upgrade");
    expect(upgraded.spec.replicas).toBe(3);
    expect(upgraded.metadata.labels).toEqual({ "app": "ssa-upgrade" });
    expect(managers(upgraded)).toContain("Apply kubectl");
    expect(managers(upgraded)).not.toContain("Update kubectl-client-side-apply");
  });

  it("answers a missing field manager with 422 and a broken configuration with 400", async () => {
    const deployments = { group: "apps", version: "v1", resource: "deployments", namespaced: true };
    const config = { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "ssa-rest" } };
    const failure = async (run: Promise<unknown>): Promise<StatusError> => {
      const error = await run.then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(StatusError);
      return error as StatusError;
    };
    const noManager = await failure(server().client.patch(deployments, "default", "ssa-rest", "apply", config));
    expect(noManager.code).toBe(422);
    expect(noManager.message).toBe('PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch');

    const wrongKind = await failure(server().client.patch(deployments, "default", "ssa-rest", "apply", { ...config, kind: "ReplicaSet" }, { fieldManager: "t" }));
    expect(wrongKind.code).toBe(400);
    expect(wrongKind.message).toBe("invalid object type: apps/v1, Kind=ReplicaSet");

    const otherName = await failure(server().client.patch(deployments, "default", "ssa-rest", "apply", { ...config, metadata: { name: "x" } }, { fieldManager: "t" }));
    expect(otherName.code).toBe(400);
  });
});
