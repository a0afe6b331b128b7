import { beforeAll, describe, expect, it } from "vitest";
import { runGet } from "../../src/cli/commands/get.js";
import { UsageError } from "../../src/cli/flags.js";
import type { ApiObject } from "../../src/client/rest/rest-client.js";
import { deploymentObject } from "../support/deployment.js";
import { useKubectlServer } from "../support/server-hooks.js";
import { serviceObject } from "../support/service.js";
import { runCommand, withoutAges, type CliResult } from "./cli-harness.js";

// `skiff get` against a real server, line for line what the real kubectl
// prints for the same objects.
// The workload controllers are off: the pods listed here are the test's own, with no Deployment's pods among them.
const { server, kubeconfig, kubectl } = useKubectlServer({ controllers: ["*", "-scheduler", "-replicaset", "-deployment"] });

const core = (resource: string, namespaced = true) => ({ group: "", version: "v1", resource, namespaced });
const deployments = { group: "apps", version: "v1", resource: "deployments", namespaced: true };

const pod = (name: string, namespace: string, app: string): ApiObject => ({
  apiVersion: "v1",
  kind: "Pod",
  metadata: { name, namespace, labels: { app } },
  spec: { containers: [{ name: "main", image: "skiff-test/busybox:1", command: ["sleep", "3600"] }] },
});

beforeAll(async () => {
  const { client } = server();
  await client.create(core("namespaces", false), undefined, { apiVersion: "v1", kind: "Namespace", metadata: { name: "tools" } });
  await client.create(core("pods"), "default", pod("web-1", "default", "web"));
  await client.create(core("pods"), "default", pod("web-2", "default", "web"));
  await client.create(core("pods"), "tools", pod("db-0", "tools", "db"));
  await client.create(core("services"), "default", serviceObject("web", [{ port: 80, targetPort: 8080 }], { namespace: "default" }));
  await client.create(deployments, "default", deploymentObject("hello", "skiff-test/busybox:1", { namespace: "default", labels: { app: "hello" }, replicas: 2 }));
  await client.create(core("nodes", false), undefined, { apiVersion: "v1", kind: "Node", metadata: { name: "pi-1", labels: { zone: "a" } } });
});

const get = (args: string[]): Promise<CliResult> => runCommand(runGet, kubeconfig(), args);

/**
 * skiff and kubectl, one after the other, must print the same (ages aside).
 * An object can turn a second older between the two runs and so widen a
 * column; the pair is run once more before it counts as a difference.
 */
async function expectSameAsKubectl(args: string[]): Promise<CliResult> {
  for (let attempt = 1; ; attempt++) {
    const theirs = await kubectl(["get", ...args]);
    const ours = await get(args);
    const same = withoutAges(ours.stdout) === withoutAges(theirs.stdout) && ours.stderr === theirs.stderr && ours.code === theirs.code;
    if (same || attempt === 2) {
      expect(withoutAges(ours.stdout), `skiff get ${args.join(" ")}`).toBe(withoutAges(theirs.stdout));
      expect(ours.stderr).toBe(theirs.stderr);
      expect(ours.code).toBe(theirs.code);
      return ours;
    }
  }
}

describe("skiff get tables", () => {
  it("prints a collection as kubectl does", async () => {
    const { stdout } = await expectSameAsKubectl(["pods"]);
    expect(withoutAges(stdout)).toBe(
      "NAME    READY   STATUS    RESTARTS   AGE\n" + //
        "web-1   0/1     Pending   0          ##\n" +
        "web-2   0/1     Pending   0          ##\n",
    );
  });

  it("prints the wide columns, labels and field selections", async () => {
    await expectSameAsKubectl(["pods", "-o", "wide"]);
    await expectSameAsKubectl(["services", "-o", "wide"]);
    await expectSameAsKubectl(["deployments", "-o", "wide"]);
    await expectSameAsKubectl(["pods", "-l", "app=web"]);
    await expectSameAsKubectl(["pods", "--field-selector", "metadata.name=web-2"]);
  });

  it("prints several types with kinds before the names and a blank line between", async () => {
    const { stdout } = await expectSameAsKubectl(["pods,svc,deploy"]);
    expect(stdout).toContain("pod/web-1");
    expect(stdout).toContain("\n\nNAME          TYPE");
    await expectSameAsKubectl(["all"]);
  });

  it("puts the namespace first with -A, and not for cluster-scoped resources", async () => {
    const { stdout } = await expectSameAsKubectl(["pods", "-A"]);
    expect(stdout.split("\n")[0]).toMatch(/^NAMESPACE   NAME/);
    expect(stdout).toContain("tools       db-0");
    await expectSameAsKubectl(["all", "-A", "-o", "wide"]);
    await expectSameAsKubectl(["nodes"]);
    await expectSameAsKubectl(["nodes", "-A"]);
    await expectSameAsKubectl(["namespaces"]);
  });

  it("prints named objects, in TYPE NAME and TYPE/NAME form", async () => {
    await expectSameAsKubectl(["pods", "web-2", "web-1"]);
    await expectSameAsKubectl(["deploy/hello", "pod/web-1", "svc/web"]);
    await expectSameAsKubectl(["pod", "db-0", "-n", "tools"]);
    await expectSameAsKubectl(["node", "pi-1"]);
  });

  it("says so when there is nothing, on stderr", async () => {
    const empty = await expectSameAsKubectl(["pods", "-n", "empty"]);
    expect(empty).toEqual({ code: 0, stdout: "", stderr: "No resources found in empty namespace.\n" });
    expect((await expectSameAsKubectl(["pods", "-A", "-l", "app=none"])).stderr).toBe("No resources found\n");
    expect((await expectSameAsKubectl(["nodes", "-l", "zone=b"])).stderr).toBe("No resources found\n");
  });

  it("reports an object that is not there as the server's one line, and shows the rest", async () => {
    const missing = await expectSameAsKubectl(["pods", "nope"]);
    expect(missing).toEqual({ code: 1, stdout: "", stderr: 'Error from server (NotFound): pods "nope" not found\n' });
    const some = await expectSameAsKubectl(["pods", "web-1", "nope"]);
    expect(some.stdout).toContain("web-1");
    expect(await get(["pods", "nope", "--ignore-not-found"])).toEqual({ code: 0, stdout: "", stderr: "" });
  });
});

describe("skiff get objects", () => {
  it("prints yaml and json as kubectl does: one object, or a List", async () => {
    await expectSameAsKubectl(["pods", "-o", "yaml"]);
    await expectSameAsKubectl(["pod", "web-1", "-o", "json"]);
    await expectSameAsKubectl(["deploy", "hello", "-o", "yaml"]);
    await expectSameAsKubectl(["pods,svc", "-A", "-o", "json"]);
    const list = await expectSameAsKubectl(["svc", "web", "nope", "-o", "yaml"]);
    expect(list.stdout).toMatch(/^apiVersion: v1\nitems:\n- apiVersion: v1\n {2}kind: Service\n/);
    expect(list.stdout).toMatch(/kind: List\nmetadata:\n {2}resourceVersion: ""\n$/);
  });

  it("prints names as kubectl does", async () => {
    const { stdout } = await expectSameAsKubectl(["pods,deploy,svc", "-o", "name"]);
    expect(stdout).toBe("pod/web-1\npod/web-2\ndeployment.apps/hello\nservice/web\n");
    await expectSameAsKubectl(["pods", "-A", "-o", "name"]);
  });
});

describe("skiff get arguments", () => {
  it("refuses what cannot be answered before asking the server", async () => {
    await expect(get([])).rejects.toThrow(UsageError);
    await expect(get(["pods", "web-1", "-l", "app=web"])).rejects.toThrow(/selector/);
    await expect(get(["pods", "web-1", "-A"])).rejects.toThrow(/across all namespaces/);
    await expect(get(["pods", "-o", "table"])).rejects.toThrow(UsageError);
    await expect(get(["widgets"])).rejects.toThrow(/doesn't have a resource type "widgets"/);
  });
});
