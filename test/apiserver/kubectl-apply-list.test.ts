import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { deploymentObject, type DeploymentOptions } from "../support/deployment.js";
import { useKubectlServer } from "../support/server-hooks.js";

// The real kubectl (v1.32) with its default --validate=strict: for a file
// holding `kind: List` it validates every item itself, against the
// definitions of /openapi/v2 (fetched as gnostic protobuf), before it
// sends anything; the server then also checks each object strictly.
const { kubectl, ok } = useKubectlServer();

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "skiff-apply-list-"));
});

const configMap = (name: string, data: Record<string, string>, extra: Record<string, unknown> = {}) => ({
  apiVersion: "v1",
  kind: "ConfigMap",
  metadata: { name },
  data,
  ...extra,
});
const deployment = (name: string, options: DeploymentOptions = {}) => deploymentObject(name, "skiff-test/busybox:1", options);

/** A `kind: List` file of `items`, written where kubectl reads it. */
async function listFile(name: string, items: unknown[]): Promise<string> {
  const file = join(dir, `${name}.yaml`);
  await writeFile(file, stringify({ apiVersion: "v1", kind: "List", items }));
  return file;
}

describe("kubectl apply -f of a kind: List with default validation", () => {
  it("creates every item, then finds nothing to change, then converges to the changed file", async () => {
    const first = await listFile("app", [configMap("app-settings", { mode: "fast" }), deployment("app")]);
    const created = await kubectl(["apply", "-f", first, "-v=6"]);
    expect(created.code, created.stderr).toBe(0);
    expect(created.stdout).toBe("configmap/app-settings created\ndeployment.apps/app created\n");
    expect(created.stderr).toMatch(/GET https:\/\/\S+\/openapi\/v2\?timeout=\S+ 200 OK/);
    expect(await ok(["apply", "-f", first])).toBe("configmap/app-settings unchanged\ndeployment.apps/app unchanged\n");

    const changed = await listFile("app-changed", [
      configMap("app-settings", { mode: "slow" }),
      deployment("app", { container: { env: [{ name: "MODE", value: "slow" }] } }),
    ]);
    expect(await ok(["apply", "-f", changed])).toBe("configmap/app-settings configured\ndeployment.apps/app configured\n");
    expect(await ok(["get", "configmap", "app-settings", "-o", "jsonpath={.data.mode}"])).toBe("slow");
    expect(await ok(["get", "deployment", "app", "-o", "jsonpath={.spec.template.spec.containers[0].env[0].value}"])).toBe("slow");
  });

  it("refuses an item's unknown field with kubectl's own message, and creates nothing", async () => {
    const file = await listFile("typos", [
      configMap("typo-settings", { mode: "fast" }, { datax: { a: "b" } }),
      deployment("typo", { container: { imagePullPolicyy: "Always" } }),
    ]);
    const refused = await kubectl(["apply", "-f", file]);
    expect(refused.code).not.toBe(0);
    expect(refused.stdout).toBe("");
    expect(refused.stderr).toBe(
      `error: error validating "${file}": error validating data: [` +
        'ValidationError(ConfigMap): unknown field "datax" in io.k8s.api.core.v1.ConfigMap, ' +
        'ValidationError(Deployment.spec.template.spec.containers[0]): unknown field "imagePullPolicyy" in io.k8s.api.core.v1.Container' +
        "]; if you choose to ignore these errors, turn validation off with --validate=false\n",
    );
    expect((await kubectl(["get", "configmap", "typo-settings"])).stderr).toContain('configmaps "typo-settings" not found');
    expect((await kubectl(["get", "deployment", "typo"])).stderr).toContain('deployments.apps "typo" not found');
  });

  it("refuses an item missing a required field", async () => {
    const nameless = deployment("nameless");
    const spec = (nameless.spec as { template: { spec: { containers: Array<Record<string, unknown>> } } }).template.spec;
    spec.containers = [{ image: "skiff-test/busybox:1" }];
    const refused = await kubectl(["apply", "-f", await listFile("nameless", [nameless])]);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain(
      'ValidationError(Deployment.spec.template.spec.containers[0]): missing required field "name" in io.k8s.api.core.v1.Container',
    );
  });

  it("applies the same file with --validate=false, the server dropping the unknown fields", async () => {
    const file = await listFile("ignored", [configMap("ignored-settings", { mode: "fast" }, { datax: { a: "b" } }), deployment("ignored")]);
    const applied = await kubectl(["apply", "--validate=false", "-f", file]);
    expect(applied.code, applied.stderr).toBe(0);
    expect(applied.stdout).toBe("configmap/ignored-settings created\ndeployment.apps/ignored created\n");
    expect(JSON.parse(await ok(["get", "configmap", "ignored-settings", "-o", "json"]))).not.toHaveProperty("datax");
  });

  it("accepts what Kubernetes accepts: an aggregated ClusterRole has no rules", async () => {
    const aggregated = {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "ClusterRole",
      metadata: { name: "list-aggregated" },
      aggregationRule: { clusterRoleSelectors: [{ matchLabels: { "skiff.dev/aggregate-to-list": "true" } }] },
    };
    expect(await ok(["apply", "-f", await listFile("aggregated", [aggregated])])).toBe("clusterrole.rbac.authorization.k8s.io/list-aggregated created\n");
  });

  it("applies a List server-side too", async () => {
    const file = await listFile("server-side", [configMap("ssa-settings", { mode: "fast" }), deployment("ssa")]);
    expect(await ok(["apply", "--server-side", "-f", file])).toBe("configmap/ssa-settings serverside-applied\ndeployment.apps/ssa serverside-applied\n");
    const typo = await listFile("server-side-typo", [configMap("ssa-typo", { mode: "fast" }, { datax: { a: "b" } })]);
    const refused = await kubectl(["apply", "--server-side", "-f", typo]);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('unknown field "datax" in io.k8s.api.core.v1.ConfigMap');
  });
});

describe("kubectl explain from /openapi/v2", () => {
  it("describes a kind and a field deep in a pod template", async () => {
    const kind = await ok(["explain", "--output=plaintext-openapiv2", "deployments"]);
    expect(kind).toMatch(/KIND:\s+Deployment/);
    expect(kind).toMatch(/spec\s+<Object>/);
    const field = await ok(["explain", "--output=plaintext-openapiv2", "deployments.spec.template.spec.containers.name"]);
    expect(field).toMatch(/FIELD:\s+name <string>/);
  });
});
