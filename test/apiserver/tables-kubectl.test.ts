import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseIncludeObject, requestedTable, type TableVersion } from "../../server/apiserver/tables/accept.js";
import { stringAt } from "../../server/apiserver/tables/json-reader.js";
import { buildTable, buildWatchEventTable } from "../../server/apiserver/tables/table.js";

/**
 * The real check: a stock kubectl against a tiny HTTP server on loopback
 * that serves legacy discovery and answers lists with our Tables. What
 * kubectl prints is what a user would see.
 */

const run = promisify(execFile);

/** The server's clock: fixed, so that ages are exact. */
const NOW = Date.parse("2024-05-01T12:00:00Z");
const ago = (ms: number): string => new Date(NOW - ms).toISOString();
const MINUTE = 60_000;

const running = { running: { startedAt: ago(20 * MINUTE) } };

/** A running pod that restarted, the last time twelve minutes ago. */
function webPod(restartCount: number, resourceVersion: string): unknown {
  return {
    metadata: { name: "web-1", namespace: "default", labels: { app: "web" }, creationTimestamp: ago(20 * MINUTE), resourceVersion },
    spec: { nodeName: "pi-1", containers: [{ name: "app", image: "nginx:1.27" }] },
    status: {
      phase: "Running",
      podIPs: [{ ip: "10.42.0.5" }],
      conditions: [{ type: "Ready", status: "True" }],
      containerStatuses: [
        {
          name: "app",
          ready: true,
          restartCount,
          state: running,
          lastState: { terminated: { exitCode: 1, reason: "Error", finishedAt: ago(12 * MINUTE) } },
        },
      ],
    },
  };
}

const setupPod = {
  metadata: { name: "setup", namespace: "default", labels: { app: "setup" }, creationTimestamp: ago(45_000), resourceVersion: "12" },
  spec: {
    nodeName: "pi-2",
    initContainers: [{ name: "migrate" }, { name: "seed" }],
    containers: [{ name: "app", image: "app:1" }],
  },
  status: {
    phase: "Pending",
    podIPs: [{ ip: "10.42.1.9" }],
    initContainerStatuses: [
      { name: "migrate", ready: false, restartCount: 0, state: running },
      { name: "seed", ready: false, restartCount: 0, state: { waiting: { reason: "PodInitializing" } } },
    ],
    containerStatuses: [{ name: "app", ready: false, restartCount: 0, state: { waiting: { reason: "PodInitializing" } } }],
  },
};

const pods = [
  webPod(5, "11"),
  setupPod,
  {
    metadata: { name: "pending", namespace: "tools", creationTimestamp: ago(3 * 3600_000 + 20 * MINUTE), resourceVersion: "13" },
    spec: { containers: [{ name: "app", image: "missing:1" }] },
    status: {
      phase: "Pending",
      containerStatuses: [{ name: "app", ready: false, restartCount: 0, state: { waiting: { reason: "ImagePullBackOff" } } }],
    },
  },
];

const services = [
  {
    metadata: { name: "web", namespace: "default", creationTimestamp: ago(2 * 86_400_000), resourceVersion: "21" },
    spec: {
      type: "NodePort",
      clusterIP: "10.43.12.7",
      clusterIPs: ["10.43.12.7"],
      selector: { app: "web" },
      ports: [{ port: 80, nodePort: 30080, protocol: "TCP" }],
    },
  },
];

const nodes = [
  {
    metadata: {
      name: "pi-1",
      creationTimestamp: ago(30 * 86_400_000),
      labels: { "node-role.kubernetes.io/control-plane": "" },
      resourceVersion: "31",
    },
    spec: { unschedulable: true },
    status: {
      conditions: [{ type: "Ready", status: "True" }],
      addresses: [{ type: "InternalIP", address: "192.168.1.21" }],
      nodeInfo: { kubeletVersion: "v1.32.0", osImage: "Debian", kernelVersion: "6.6.31", containerRuntimeVersion: "docker://27.1.1" },
    },
  },
];

interface Collection {
  group: string;
  resource: string;
  kind: string;
  namespaced: boolean;
  objects: readonly unknown[];
}

const collections: Collection[] = [
  { group: "", resource: "pods", kind: "Pod", namespaced: true, objects: pods },
  { group: "", resource: "services", kind: "Service", namespaced: true, objects: services },
  { group: "", resource: "nodes", kind: "Node", namespaced: false, objects: nodes },
];

const apiResourceList = {
  kind: "APIResourceList",
  apiVersion: "v1",
  groupVersion: "v1",
  resources: collections.map((c) => ({
    name: c.resource,
    singularName: c.kind.toLowerCase(),
    namespaced: c.namespaced,
    kind: c.kind,
    verbs: ["get", "list"],
  })),
};

/** Every Accept header kubectl sent for a list. */
const listAccepts: string[] = [];

function answer(response: ServerResponse, code: number, body: unknown): void {
  response.writeHead(code, { "Content-Type": "application/json" });
  response.end(JSON.stringify(body));
}

function handle(request: IncomingMessage, response: ServerResponse): void {
  const url = new URL(request.url ?? "/", "http://127.0.0.1");
  if (url.pathname === "/api") return answer(response, 200, { kind: "APIVersions", versions: ["v1"] });
  if (url.pathname === "/apis") return answer(response, 200, { kind: "APIGroupList", apiVersion: "v1", groups: [] });
  if (url.pathname === "/api/v1") return answer(response, 200, apiResourceList);

  // /api/v1/<resource> or /api/v1/namespaces/<ns>/<resource>
  const match = /^\/api\/v1\/(?:namespaces\/([^/]+)\/)?([a-z]+)$/.exec(url.pathname);
  const collection = collections.find((c) => c.resource === match?.[2]);
  if (match === null || collection === undefined) {
    return answer(response, 404, { kind: "Status", apiVersion: "v1", status: "Failure", reason: "NotFound", code: 404 });
  }
  const namespace = match[1];
  const objects = collection.objects.filter((o) => namespace === undefined || stringAt(o, "metadata", "namespace") === namespace);
  listAccepts.push(request.headers.accept ?? "");
  const tableVersion = requestedTable(request.headers.accept);
  const includeObject = parseIncludeObject(url.searchParams.get("includeObject"));
  if (tableVersion === undefined || !includeObject.ok) {
    return answer(response, 406, { kind: "Status", apiVersion: "v1", status: "Failure", reason: "NotAcceptable", code: 406 });
  }
  if (collection.resource === "pods" && ["1", "true"].includes(url.searchParams.get("watch") ?? "")) {
    return streamPodWatch(response, tableVersion);
  }
  const table = buildTable({
    group: collection.group,
    resource: collection.resource,
    objects,
    now: NOW,
    includeObject: includeObject.value,
    listMeta: { resourceVersion: "100" },
    apiVersion: "v1",
    kind: collection.kind,
    tableVersion,
  });
  answer(response, 200, table);
}

/**
 * A pod watch that reports web-1 restarted once more and setup deleted,
 * then ends; column definitions go with the first event only.
 */
function streamPodWatch(response: ServerResponse, tableVersion: TableVersion): void {
  const events = [
    { type: "MODIFIED", object: webPod(6, "101") },
    { type: "DELETED", object: setupPod },
  ];
  response.writeHead(200, { "Content-Type": "application/json" });
  events.forEach((event, index) => {
    const table = buildWatchEventTable({
      group: "",
      resource: "pods",
      object: event.object,
      now: NOW,
      includeObject: "Metadata",
      apiVersion: "v1",
      kind: "Pod",
      tableVersion,
      includeColumnDefinitions: index === 0,
    });
    response.write(`${JSON.stringify({ type: event.type, object: table })}\n`);
  });
  response.end();
}

let server: Server;
let port: number;
let home: string;

beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), "skiff-kubectl-"));
  server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await rm(home, { recursive: true, force: true });
});

/** Runs kubectl against the test server; returns its output as rows of cells (columns are 3+ spaces apart). */
async function kubectl(...args: string[]): Promise<string[][]> {
  const { stdout } = await run(
    "kubectl",
    ["--server", `http://127.0.0.1:${port}`, "--cache-dir", join(home, "cache"), ...args],
    // A kubeconfig path that does not exist: nothing of the machine's own configuration leaks in.
    { env: { PATH: process.env.PATH, HOME: home, KUBECONFIG: join(home, "no-kubeconfig") }, timeout: 20_000 },
  );
  return stdout
    .trimEnd()
    .split("\n")
    .map((line) => line.trim().split(/\s{2,}/));
}

describe("kubectl get against our Tables", () => {
  it("asks for a Table with kubectl's header", async () => {
    await kubectl("get", "pods");
    expect(listAccepts.at(-1)).toContain("application/json;as=Table;v=v1;g=meta.k8s.io");
  });

  it("get pods prints NAME READY STATUS RESTARTS AGE and kubectl's statuses", async () => {
    expect(await kubectl("get", "pods")).toEqual([
      ["NAME", "READY", "STATUS", "RESTARTS", "AGE"],
      ["web-1", "1/1", "Running", "5 (12m ago)", "20m"],
      ["setup", "0/1", "Init:0/2", "0", "45s"],
    ]);
  });

  it("get pods -o wide adds IP NODE NOMINATED NODE READINESS GATES", async () => {
    expect(await kubectl("get", "pods", "-o", "wide")).toEqual([
      ["NAME", "READY", "STATUS", "RESTARTS", "AGE", "IP", "NODE", "NOMINATED NODE", "READINESS GATES"],
      ["web-1", "1/1", "Running", "5 (12m ago)", "20m", "10.42.0.5", "pi-1", "<none>", "<none>"],
      ["setup", "0/1", "Init:0/2", "0", "45s", "10.42.1.9", "pi-2", "<none>", "<none>"],
    ]);
  });

  it("get pods -A and --show-labels read namespace and labels from the rows' PartialObjectMetadata", async () => {
    expect(await kubectl("get", "pods", "-A", "--show-labels")).toEqual([
      ["NAMESPACE", "NAME", "READY", "STATUS", "RESTARTS", "AGE", "LABELS"],
      ["default", "web-1", "1/1", "Running", "5 (12m ago)", "20m", "app=web"],
      ["default", "setup", "0/1", "Init:0/2", "0", "45s", "app=setup"],
      ["tools", "pending", "0/1", "ImagePullBackOff", "0", "3h20m", "<none>"],
    ]);
  });

  it("get pods -w prints watch events under the list's header, with columns sent only once", async () => {
    expect(await kubectl("get", "pods", "-w")).toEqual([
      ["NAME", "READY", "STATUS", "RESTARTS", "AGE"],
      ["web-1", "1/1", "Running", "5 (12m ago)", "20m"],
      ["setup", "0/1", "Init:0/2", "0", "45s"],
      ["web-1", "1/1", "Running", "6 (12m ago)", "20m"],
      ["setup", "0/1", "Init:0/2", "0", "45s"],
    ]);
  });

  it("get services shows a NodePort service as kubectl does", async () => {
    expect(await kubectl("get", "services", "-o", "wide")).toEqual([
      ["NAME", "TYPE", "CLUSTER-IP", "EXTERNAL-IP", "PORT(S)", "AGE", "SELECTOR"],
      ["web", "NodePort", "10.43.12.7", "<none>", "80:30080/TCP", "2d", "app=web"],
    ]);
  });

  it("get nodes shows status, roles and version; kind prefixes come from the name column", async () => {
    expect(await kubectl("get", "nodes")).toEqual([
      ["NAME", "STATUS", "ROLES", "AGE", "VERSION"],
      ["pi-1", "Ready,SchedulingDisabled", "control-plane", "30d", "v1.32.0"],
    ]);
    expect(await kubectl("get", "nodes", "--show-kind")).toEqual([
      ["NAME", "STATUS", "ROLES", "AGE", "VERSION"],
      ["node/pi-1", "Ready,SchedulingDisabled", "control-plane", "30d", "v1.32.0"],
    ]);
  });
});
