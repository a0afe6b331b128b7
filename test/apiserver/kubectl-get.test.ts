import { spawn } from "node:child_process";
import { beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { deploymentManifest } from "../support/deployment.js";
import { useKubectlServer } from "../support/server-hooks.js";
import { serviceManifest } from "../support/service.js";
import { useTempDir } from "../support/temp-dir.js";

// kubectl 1.32 reading: get in every output kubectl users reach for, across
// namespaces, by label, and watching.
// The workload controllers are off: the pods listed here are the test's own, with no Deployment's pods among them.
const { kubeconfig, kubectl, ok } = useKubectlServer({ controllers: ["*", "-scheduler", "-replicaset", "-deployment"] });
const watchCache = useTempDir("skiff-kubectl-watch-cache-");

/** kubectl's tables as rows of cells; its columns are at least three spaces apart, cells at most one. */
const table = (stdout: string): string[][] =>
  stdout
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => line.trim().split(/\s{2,}/));

const AGE = expect.stringMatching(/^\d+s$/);

const pod = (name: string, namespace: string, labels: string, extra = ""): string => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  namespace: ${namespace}
  labels: ${labels}
spec:
${extra}  containers:
  - name: app
    image: skiff-test/busybox:1
`;

const fixtures = `apiVersion: v1
kind: Namespace
metadata:
  name: shop
---
${pod("web-1", "default", "{app: web, tier: front}", "  nodeName: pi-1\n")}---
${pod("db-1", "default", "{app: db, tier: back}")}---
${pod("cart-1", "shop", "{app: web, tier: front}")}---
${deploymentManifest("web", "skiff-test/busybox:1", { namespace: "default", replicas: 2, sidecars: [{ name: "sidecar", image: "skiff-test/busybox:2" }] })}---
${serviceManifest(
  "web",
  [
    { name: "http", port: 80, targetPort: 8080 },
    { name: "admin", port: 9090, protocol: "UDP" },
  ],
  { namespace: "default" },
)}---
apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
  namespace: default
data:
  mode: fast
`;

/** What the agent will report for web-1 once it runs: set here through the status subresource. */
const runningStatus = JSON.stringify({
  status: {
    phase: "Running",
    podIP: "10.42.0.7",
    podIPs: [{ ip: "10.42.0.7" }],
    conditions: [{ type: "Ready", status: "True" }],
    containerStatuses: [
      { name: "app", ready: true, restartCount: 2, image: "skiff-test/busybox:1", imageID: "", state: { running: { startedAt: "2024-01-01T00:00:00Z" } } },
    ],
  },
});

beforeAll(async () => {
  await ok(["apply", "-f", "-"], fixtures);
  await ok(["patch", "pod", "web-1", "--subresource=status", "--type=merge", "-p", runningStatus]);
});

/** A `kubectl get -w` left running while the test makes changes; `stop` ends it and returns what it printed. */
function startWatch(args: string[]): { printed(): string; stop(): Promise<string> } {
  const child = spawn("kubectl", ["--kubeconfig", kubeconfig(), "--cache-dir", watchCache(), "get", ...args, "-w"]);
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.on("close", () => resolve()));
  return {
    printed: () => stdout,
    async stop() {
      child.kill("SIGTERM");
      await exited;
      expect(stderr).toBe("");
      return stdout;
    },
  };
}

async function untilRows(watch: { printed(): string }, count: number): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (table(watch.printed()).length < count) {
    if (Date.now() > deadline) throw new Error(`kubectl printed only:\n${watch.printed()}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe("kubectl get", () => {
  it("prints pods with the wide columns", async () => {
    expect(table(await ok(["get", "pods", "-o", "wide"]))).toEqual([
      ["NAME", "READY", "STATUS", "RESTARTS", "AGE", "IP", "NODE", "NOMINATED NODE", "READINESS GATES"],
      ["db-1", "0/1", "Pending", "0", AGE, "<none>", "<none>", "<none>", "<none>"],
      ["web-1", "1/1", "Running", "2", AGE, "10.42.0.7", "pi-1", "<none>", "<none>"],
    ]);
  });

  it("prints deployments and services with the wide columns", async () => {
    expect(table(await ok(["get", "deployments", "-o", "wide"]))).toEqual([
      ["NAME", "READY", "UP-TO-DATE", "AVAILABLE", "AGE", "CONTAINERS", "IMAGES", "SELECTOR"],
      ["web", "0/2", "0", "0", AGE, "main,sidecar", "skiff-test/busybox:1,skiff-test/busybox:2", "app=web"],
    ]);
    // The ClusterIP is allocated once the service range is served (Services issue).
    expect(table(await ok(["get", "services", "web", "-o", "wide"]))).toEqual([
      ["NAME", "TYPE", "CLUSTER-IP", "EXTERNAL-IP", "PORT(S)", "AGE", "SELECTOR"],
      ["web", "ClusterIP", expect.stringMatching(/^(<none>|10\.43\.\d+\.\d+)$/), "<none>", "80/TCP,9090/UDP", AGE, "app=web"],
    ]);
  });

  it("prints an object as YAML with the server's defaults and metadata", async () => {
    const text = await ok(["get", "configmap", "settings", "-o", "yaml"]);
    expect(text.startsWith("apiVersion: v1\ndata:\n  mode: fast\nkind: ConfigMap\nmetadata:\n")).toBe(true);
    const object = parse(text) as { metadata: Record<string, unknown> };
    expect(object.metadata).toMatchObject({
      name: "settings",
      namespace: "default",
      uid: expect.stringMatching(/^[0-9a-f-]{36}$/),
      resourceVersion: expect.stringMatching(/^\d+$/),
      creationTimestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
    });
    const pod = parse(await ok(["get", "pod", "db-1", "-o", "yaml"])) as { spec: Record<string, unknown> };
    expect(pod.spec).toMatchObject({ restartPolicy: "Always", dnsPolicy: "ClusterFirst", terminationGracePeriodSeconds: 30 });
  });

  it("prints several objects as one JSON List", async () => {
    const list = JSON.parse(await ok(["get", "pods", "-o", "json"])) as {
      apiVersion: string;
      kind: string;
      items: { apiVersion: string; kind: string; metadata: { name: string } }[];
    };
    expect(list.apiVersion).toBe("v1");
    expect(list.kind).toBe("List");
    expect(list.items.map((p) => `${p.apiVersion} ${p.kind} ${p.metadata.name}`)).toEqual(["v1 Pod db-1", "v1 Pod web-1"]);
  });

  it("prints names, with the group for kinds outside the core group", async () => {
    expect(await ok(["get", "pods,deployments,services,configmaps", "-o", "name"])).toBe(
      "pod/db-1\npod/web-1\ndeployment.apps/web\nservice/web\nconfigmap/kube-root-ca.crt\nconfigmap/settings\n",
    );
  });

  it("selects by label, with equality and set-based selectors", async () => {
    expect(await ok(["get", "pods", "-A", "-l", "app=web", "-o", "name"])).toBe("pod/web-1\npod/cart-1\n");
    expect(await ok(["get", "pods", "-l", "app in (web,db),tier!=front", "-o", "name"])).toBe("pod/db-1\n");
    expect(await ok(["get", "pods", "-l", "!tier", "-o", "name"])).toBe("");
    const none = await kubectl(["get", "pods", "-l", "app=nothing"]);
    expect(none).toEqual({ code: 0, stdout: "", stderr: "No resources found in default namespace.\n" });
  });

  it("lists across all namespaces with a NAMESPACE column", async () => {
    expect(table(await ok(["get", "pods", "-A"]))).toEqual([
      ["NAMESPACE", "NAME", "READY", "STATUS", "RESTARTS", "AGE"],
      ["default", "db-1", "0/1", "Pending", "0", AGE],
      ["default", "web-1", "1/1", "Running", "2", AGE],
      ["shop", "cart-1", "0/1", "Pending", "0", AGE],
    ]);
    expect(table(await ok(["get", "namespaces"])).map((row) => row.slice(0, 2))).toEqual([
      ["NAME", "STATUS"],
      ["default", "Active"],
      ["kube-node-lease", "Active"],
      ["kube-public", "Active"],
      ["kube-system", "Active"],
      ["shop", "Active"],
    ]);
  });

  it("watches a namespace and prints a row per event", async () => {
    const watch = startWatch(["pods", "-n", "shop", "--output-watch-events"]);
    await untilRows(watch, 2);
    await ok(["label", "pod", "cart-1", "-n", "shop", "stage=two"]);
    await ok(["apply", "-f", "-"], pod("cart-2", "shop", "{app: web}"));
    await ok(["delete", "pod", "cart-2", "-n", "shop"]);
    await untilRows(watch, 5);
    expect(table(await watch.stop())).toEqual([
      ["EVENT", "NAME", "READY", "STATUS", "RESTARTS", "AGE"],
      ["ADDED", "cart-1", "0/1", "Pending", "0", AGE],
      ["MODIFIED", "cart-1", "0/1", "Pending", "0", AGE],
      ["ADDED", "cart-2", "0/1", "Pending", "0", AGE],
      ["DELETED", "cart-2", "0/1", "Pending", "0", AGE],
    ]);
  });

  it("watches one object and prints only its changes", async () => {
    const watch = startWatch(["pod", "db-1"]);
    await untilRows(watch, 2);
    await ok(["label", "pod", "web-1", "stage=two"]);
    await ok(["label", "pod", "db-1", "stage=two"]);
    await ok(["annotate", "pod", "db-1", "note=hi"]);
    await untilRows(watch, 4);
    expect(table(await watch.stop())).toEqual([
      ["NAME", "READY", "STATUS", "RESTARTS", "AGE"],
      ["db-1", "0/1", "Pending", "0", AGE],
      ["db-1", "0/1", "Pending", "0", AGE],
      ["db-1", "0/1", "Pending", "0", AGE],
    ]);
  });
});
