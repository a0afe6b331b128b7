import { beforeAll, describe, expect, it, vi } from "vitest";
import { resourceInformer } from "../../src/client/informer/index.js";
import type { ResourceRef } from "../../src/client/rest/paths.js";
import { RestClient, type ApiObject } from "../../src/client/rest/rest-client.js";
import { StatusError } from "../../src/errors/status.js";
import { createLogger } from "../../src/log.js";
import { useTestServer } from "../support/server-hooks.js";
import { ScriptedAgent } from "../support/scripted-agent.js";

const nodeUser = (name: string) => ({ token: name, name: `system:node:${name}`, groups: ["system:nodes"] });
const { server } = useTestServer({
  users: [nodeUser("pi-1"), nodeUser("pi-2"), nodeUser("pi-3"), { token: "impostor", name: "system:node:pi-1", groups: ["dev"] }],
});

const ref = (resource: string, group = "", namespaced = true): ResourceRef => ({ group, version: "v1", resource, namespaced });
const pods = ref("pods");
const secrets = ref("secrets");
const configmaps = ref("configmaps");
const serviceaccounts = ref("serviceaccounts");
const nodes = ref("nodes", "", false);
const leases = ref("leases", "coordination.k8s.io");
const ns = "homelab";

const as = (token: string): RestClient => new RestClient({ ...server().admin, token }, { retry: { attempts: 1 } });

/** The HTTP code a request ends with (2xx when it succeeds) and the message of a refusal. */
async function outcome(request: Promise<unknown>): Promise<{ code: number; message: string }> {
  try {
    await request;
    return { code: 200, message: "" };
  } catch (error) {
    if (error instanceof StatusError) return { code: error.code, message: error.message };
    throw error;
  }
}
const codeOf = async (request: Promise<unknown>): Promise<number> => (await outcome(request)).code;

const pod = (name: string, nodeName: string | undefined, spec: Record<string, unknown> = {}): ApiObject => ({
  apiVersion: "v1",
  kind: "Pod",
  metadata: { name, namespace: ns },
  spec: { ...(nodeName ? { nodeName } : {}), containers: [{ name: "main", image: "busybox:1" }], ...spec },
});

beforeAll(async () => {
  const admin = server().client;
  await admin.create(ref("namespaces", "", false), undefined, { apiVersion: "v1", kind: "Namespace", metadata: { name: ns } });
  for (const name of ["db", "far-secret", "pull", "pending-secret", "late"]) {
    await admin.create(secrets, ns, { apiVersion: "v1", kind: "Secret", metadata: { name }, stringData: { password: "s3cret" } });
  }
  for (const name of ["cfg", "far-cfg", "projected-cfg"]) {
    await admin.create(configmaps, ns, { apiVersion: "v1", kind: "ConfigMap", metadata: { name }, data: { a: "1" } });
  }
  for (const name of ["builder", "far-builder"]) {
    await admin.create(serviceaccounts, ns, { apiVersion: "v1", kind: "ServiceAccount", metadata: { name } });
  }
  const env = (secret: string) => [{ name: "PASSWORD", valueFrom: { secretKeyRef: { name: secret, key: "password" } } }];
  await admin.create(
    pods,
    ns,
    pod("web", "pi-1", {
      serviceAccountName: "builder",
      imagePullSecrets: [{ name: "pull" }],
      containers: [{ name: "main", image: "busybox:1", env: env("db"), envFrom: [{ configMapRef: { name: "cfg" } }] }],
      volumes: [{ name: "p", projected: { sources: [{ configMap: { name: "projected-cfg" } }] } }],
    }),
  );
  await admin.create(
    pods,
    ns,
    pod("far", "pi-2", {
      serviceAccountName: "far-builder",
      volumes: [{ name: "s", secret: { secretName: "far-secret" } }, { name: "c", configMap: { name: "far-cfg" } }],
    }),
  );
  await admin.create(pods, ns, pod("pending", undefined, { containers: [{ name: "main", image: "busybox:1", env: env("pending-secret") }] }));
  // The graph learns of the pods through a watch: wait until each node sees its own.
  await vi.waitFor(async () => expect(await codeOf(as("pi-1").get(secrets, ns, "db"))).toBe(200), { timeout: 10_000, interval: 50 });
  await vi.waitFor(async () => expect(await codeOf(as("pi-2").get(secrets, ns, "far-secret"))).toBe(200), { timeout: 10_000, interval: 50 });
});

describe("node authorizer: pods", () => {
  it("lets a node get the pods bound to it and no other", async () => {
    expect(await codeOf(as("pi-1").get(pods, ns, "web"))).toBe(200);
    expect(await outcome(as("pi-1").get(pods, ns, "far"))).toEqual({
      code: 403,
      message: `pods "far" is forbidden: User "system:node:pi-1" cannot get resource "pods" in API group "" in the namespace "homelab": no relationship found between node 'pi-1' and this object`,
    });
    expect(await codeOf(as("pi-1").get(pods, ns, "pending"))).toBe(403);
  });

  it("lists pods only with the field selector of its own node", async () => {
    expect(await outcome(as("pi-1").list(pods, undefined))).toEqual({
      code: 403,
      message: `pods is forbidden: User "system:node:pi-1" cannot list resource "pods" in API group "" at the cluster scope: can only list and watch pods with the field selector spec.nodeName=pi-1`,
    });
    expect(await codeOf(as("pi-1").list(pods, undefined, { fieldSelector: "spec.nodeName=pi-2" }))).toBe(403);
    expect(await codeOf(as("pi-1").list(pods, undefined, { fieldSelector: "spec.nodeName!=pi-1" }))).toBe(403);
    const own = await as("pi-1").list(pods, undefined, { fieldSelector: "spec.nodeName=pi-1" });
    expect(own.items.map((p) => p.metadata?.name)).toEqual(["web"]);
    // kubectl describe node narrows further; still only its own pods.
    const narrowed = await as("pi-1").list(pods, ns, { fieldSelector: "spec.nodeName=pi-1,status.phase!=Succeeded" });
    expect(narrowed.items.map((p) => p.metadata?.name)).toEqual(["web"]);
  });

  it("feeds an agent's informers: list + watch of its pods by spec.nodeName, and of one Secret by metadata.name", async () => {
    const node = as("pi-1");
    const log = createLogger("silent");
    const podInformer = resourceInformer<ApiObject>(node, pods, undefined, { fieldSelector: "spec.nodeName=pi-1", log });
    const secretInformer = resourceInformer<ApiObject>(node, secrets, ns, { fieldSelector: "metadata.name=db", log });
    const stop = new AbortController();
    const runs = [podInformer.run(stop.signal), secretInformer.run(stop.signal)];
    const names = (objects: ApiObject[]): string[] => objects.map((o) => o.metadata?.name ?? "").sort();
    try {
      expect(await podInformer.waitForSync(AbortSignal.timeout(10_000))).toBe(true);
      expect(await secretInformer.waitForSync(AbortSignal.timeout(10_000))).toBe(true);
      expect(names(podInformer.lister.list())).toEqual(["web"]);
      expect(names(secretInformer.lister.list())).toEqual(["db"]);
      await server().client.create(pods, ns, pod("watched", "pi-1"));
      await server().client.create(pods, ns, pod("watched-far", "pi-2"));
      await vi.waitFor(() => expect(names(podInformer.lister.list())).toEqual(["watched", "web"]), { timeout: 10_000, interval: 50 });
    } finally {
      stop.abort();
      await Promise.all(runs);
      for (const name of ["watched", "watched-far"]) await server().client.delete(pods, ns, name, { gracePeriodSeconds: 0 });
    }
  });

  it("updates the status only of its own pods, and never the pods themselves", async () => {
    const patch = { status: { conditions: [{ type: "Ready", status: "False" }] } };
    expect(await codeOf(as("pi-1").patch(pods, ns, "web", "merge", patch, { subresource: "status" }))).toBe(200);
    expect(await codeOf(as("pi-1").patch(pods, ns, "far", "merge", patch, { subresource: "status" }))).toBe(403);
    expect(await codeOf(as("pi-1").patch(pods, ns, "web", "merge", { metadata: { labels: { a: "b" } } }))).toBe(403);
    expect(await codeOf(as("pi-1").create(pods, ns, pod("mirror", "pi-1")))).toBe(403);
    const binding = { apiVersion: "v1", kind: "Binding", metadata: { name: "pending" }, target: { kind: "Node", name: "pi-1" } };
    const bind = as("pi-1").request({ method: "POST", path: `/api/v1/namespaces/${ns}/pods/pending/binding`, body: JSON.stringify(binding), contentType: "application/json" });
    expect(await codeOf(bind)).toBe(403);
  });
});

describe("node authorizer: what its pods need", () => {
  it("reads the Secrets its pods name (env, imagePullSecrets) and not those of other nodes' pods", async () => {
    expect(await codeOf(as("pi-1").get(secrets, ns, "db"))).toBe(200);
    expect(await codeOf(as("pi-1").get(secrets, ns, "pull"))).toBe(200);
    expect(await outcome(as("pi-2").get(secrets, ns, "db"))).toEqual({
      code: 403,
      message: `secrets "db" is forbidden: User "system:node:pi-2" cannot get resource "secrets" in API group "" in the namespace "homelab": no relationship found between node 'pi-2' and this object`,
    });
    expect(await codeOf(as("pi-1").get(secrets, ns, "far-secret"))).toBe(403);
    // A pod that runs nowhere gives no node its secrets.
    expect(await codeOf(as("pi-1").get(secrets, ns, "pending-secret"))).toBe(403);
    expect(await codeOf(as("pi-3").get(secrets, ns, "db"))).toBe(403);
  });

  it("reads the ConfigMaps (envFrom, projected) and ServiceAccounts of its pods only", async () => {
    expect(await codeOf(as("pi-1").get(configmaps, ns, "cfg"))).toBe(200);
    expect(await codeOf(as("pi-1").get(configmaps, ns, "projected-cfg"))).toBe(200);
    expect(await codeOf(as("pi-1").get(configmaps, ns, "far-cfg"))).toBe(403);
    expect(await codeOf(as("pi-2").get(configmaps, ns, "far-cfg"))).toBe(200);
    expect(await codeOf(as("pi-1").get(serviceaccounts, ns, "builder"))).toBe(200);
    expect(await codeOf(as("pi-1").get(serviceaccounts, ns, "far-builder"))).toBe(403);
  });

  it("lists and watches a Secret only alone, by metadata.name in its namespace", async () => {
    expect(await outcome(as("pi-1").list(secrets, ns))).toEqual({
      code: 403,
      message: `secrets is forbidden: User "system:node:pi-1" cannot list resource "secrets" in API group "" in the namespace "homelab": can only list and watch secrets one at a time, in a namespace with the field selector metadata.name=NAME`,
    });
    const one = await as("pi-1").list(secrets, ns, { fieldSelector: "metadata.name=db" });
    expect(one.items.map((s) => s.metadata?.name)).toEqual(["db"]);
    expect(await codeOf(as("pi-1").list(secrets, ns, { fieldSelector: "metadata.name=far-secret" }))).toBe(403);
    expect(await codeOf(as("pi-1").list(secrets, undefined, { fieldSelector: "metadata.name=db" }))).toBe(403);
  });

  it("may ask a token only for the ServiceAccount of a pod bound to it", async () => {
    const web = await server().client.get(pods, ns, "web");
    const boundObjectRef = { apiVersion: "v1", kind: "Pod", name: "web", uid: web.metadata?.uid };
    const tokenRequest = (sa: string) =>
      as("pi-1").request({
        method: "POST",
        path: `/api/v1/namespaces/${ns}/serviceaccounts/${sa}/token`,
        body: JSON.stringify({ apiVersion: "authentication.k8s.io/v1", kind: "TokenRequest", spec: { boundObjectRef } }),
        contentType: "application/json",
      });
    expect(await codeOf(tokenRequest("builder"))).not.toBe(403);
    expect(await outcome(tokenRequest("far-builder"))).toEqual({
      code: 403,
      message: `serviceaccounts "far-builder" is forbidden: User "system:node:pi-1" cannot create resource "serviceaccounts/token" in API group "" in the namespace "homelab": no relationship found between node 'pi-1' and this object`,
    });
  });

  it("learns of a binding through its watch: the secret is readable once the pod is bound, and no more once it is gone", async () => {
    const admin = server().client;
    await admin.create(pods, ns, pod("late", undefined, { volumes: [{ name: "s", secret: { secretName: "late" } }] }));
    expect(await codeOf(as("pi-1").get(secrets, ns, "late"))).toBe(403);
    await admin.request({
      method: "POST",
      path: `/api/v1/namespaces/${ns}/pods/late/binding`,
      body: JSON.stringify({ apiVersion: "v1", kind: "Binding", metadata: { name: "late" }, target: { kind: "Node", name: "pi-1" } }),
      contentType: "application/json",
    });
    await vi.waitFor(async () => expect(await codeOf(as("pi-1").get(secrets, ns, "late"))).toBe(200), { timeout: 10_000, interval: 50 });
    await admin.delete(pods, ns, "late", { gracePeriodSeconds: 0 });
    await vi.waitFor(async () => expect(await codeOf(as("pi-1").get(secrets, ns, "late"))).toBe(403), { timeout: 10_000, interval: 50 });
  });
});

describe("node authorizer: cluster reads, events, discovery, tunnel", () => {
  it("reads Services, Endpoints, EndpointSlices and Nodes, writes Events, and nothing else", async () => {
    const node = as("pi-1");
    expect(await codeOf(node.list(ref("services"), undefined))).toBe(200);
    expect(await codeOf(node.list(ref("endpoints"), ns))).toBe(200);
    expect(await codeOf(node.list(ref("endpointslices", "discovery.k8s.io"), undefined))).toBe(200);
    expect(await codeOf(node.list(nodes, undefined))).toBe(200);
    const event = {
      apiVersion: "v1",
      kind: "Event",
      metadata: { name: "web.1", namespace: ns },
      involvedObject: { kind: "Pod", namespace: ns, name: "web" },
      reason: "Started",
      message: "started",
      type: "Normal",
    };
    expect(await codeOf(node.create(ref("events"), ns, event))).toBe(200);
    expect(await codeOf(node.delete(ref("events"), ns, "web.1"))).toBe(403);
    expect(await codeOf(node.create(ref("services"), ns, { apiVersion: "v1", kind: "Service", metadata: { name: "x" }, spec: { ports: [{ port: 80 }] } }))).toBe(403);
    expect(await codeOf(node.list(ref("deployments", "apps"), undefined))).toBe(403);
    expect(await codeOf(node.list(ref("namespaces", "", false), undefined))).toBe(403);
    expect(await codeOf(node.request({ method: "GET", path: "/api/v1" }))).toBe(200);
    expect(await outcome(node.request({ method: "GET", path: "/metrics" }))).toEqual({
      code: 403,
      message: `forbidden: User "system:node:pi-1" cannot get path "/metrics": a node may only read discovery and open its agent tunnel`,
    });
  });

  it("opens the agent tunnel of its own node only", async () => {
    const { admin } = server();
    const agent = await ScriptedAgent.connect({ server: admin.server, caPem: admin.caPem, token: "pi-1", node: "pi-1", logs: {} });
    await agent.close();
    await expect(ScriptedAgent.connect({ server: admin.server, caPem: admin.caPem, token: "pi-1", node: "pi-2", logs: {} })).rejects.toThrow(
      "tunnel refused: 403",
    );
  });

  it("holds no node rights for a user that only carries a node's name, without the group system:nodes", async () => {
    expect(await outcome(as("impostor").get(secrets, ns, "db"))).toEqual({
      code: 403,
      message: `secrets "db" is forbidden: User "system:node:pi-1" cannot get resource "secrets" in API group "" in the namespace "homelab"`,
    });
  });
});

describe("NodeRestriction: its own Node", () => {
  const nodeObject = (name: string, labels: Record<string, string> = {}, taints: unknown[] = []): ApiObject => ({
    apiVersion: "v1",
    kind: "Node",
    metadata: { name, labels },
    spec: { taints },
  });

  it("registers its own Node, with kubelet labels and taints, and no other", async () => {
    const registered = nodeObject("pi-1", { "kubernetes.io/hostname": "pi-1", "node.kubernetes.io/exclude-from-external-load-balancers": "" }, [
      { key: "dedicated", value: "edge", effect: "NoSchedule" },
    ]);
    expect(await codeOf(as("pi-1").create(nodes, undefined, registered))).toBe(200);
    expect(await outcome(as("pi-1").create(nodes, undefined, nodeObject("pi-9")))).toEqual({
      code: 403,
      message: `nodes "pi-9" is forbidden: node "pi-1" is not allowed to modify node "pi-9"`,
    });
    expect(await outcome(as("pi-3").create(nodes, undefined, nodeObject("pi-3", { "node-role.kubernetes.io/control-plane": "" })))).toEqual({
      code: 403,
      message: `nodes "pi-3" is forbidden: node "pi-3" is not allowed to set the following labels: node-role.kubernetes.io/control-plane`,
    });
    expect(await codeOf(as("pi-3").create(nodes, undefined, nodeObject("pi-3", { "node-restriction.kubernetes.io/trusted": "yes" })))).toBe(403);
  });

  it("never labels itself into node-role.kubernetes.io, nor changes its taints", async () => {
    const node = as("pi-1");
    expect(await codeOf(node.patch(nodes, undefined, "pi-1", "merge", { metadata: { labels: { "topology.kubernetes.io/zone": "attic", rack: "2" } } }))).toBe(200);
    expect(await outcome(node.patch(nodes, undefined, "pi-1", "merge", { metadata: { labels: { "node-role.kubernetes.io/control-plane": "" } } }))).toEqual({
      code: 403,
      message: `nodes "pi-1" is forbidden: node "pi-1" is not allowed to modify labels: node-role.kubernetes.io/control-plane`,
    });
    expect(await outcome(node.patch(nodes, undefined, "pi-1", "merge", { spec: { taints: [] } }))).toEqual({
      code: 403,
      message: `nodes "pi-1" is forbidden: node "pi-1" is not allowed to modify taints`,
    });
    expect(await codeOf(node.patch(nodes, undefined, "pi-1", "merge", { spec: { unschedulable: true } }))).toBe(200);
    // An admin may do all of it.
    expect(await codeOf(server().client.patch(nodes, undefined, "pi-1", "merge", { spec: { taints: [] }, metadata: { labels: { "node-role.kubernetes.io/edge": "" } } }))).toBe(200);
  });

  it("updates its own Node status and not another node's Node", async () => {
    await server().client.create(nodes, undefined, nodeObject("pi-2"));
    const status = { status: { conditions: [{ type: "Ready", status: "True" }] } };
    expect(await codeOf(as("pi-1").patch(nodes, undefined, "pi-1", "merge", status, { subresource: "status" }))).toBe(200);
    expect(await outcome(as("pi-1").patch(nodes, undefined, "pi-2", "merge", status, { subresource: "status" }))).toEqual({
      code: 403,
      message: `nodes "pi-2" is forbidden: User "system:node:pi-1" cannot patch resource "nodes/status" in API group "" at the cluster scope: a node may only modify its own Node "pi-1"`,
    });
    expect(await codeOf(as("pi-1").patch(nodes, undefined, "pi-2", "merge", { metadata: { labels: { a: "b" } } }))).toBe(403);
    expect(await codeOf(as("pi-1").get(nodes, undefined, "pi-2"))).toBe(200);
    expect(await codeOf(as("pi-1").delete(nodes, undefined, "pi-1"))).toBe(403);
  });
});

describe("NodeRestriction: its own Lease", () => {
  const lease = (name: string, namespace = "kube-node-lease"): ApiObject => ({
    apiVersion: "coordination.k8s.io/v1",
    kind: "Lease",
    metadata: { name, namespace },
    spec: { holderIdentity: name, leaseDurationSeconds: 40 },
  });

  it("creates, reads and renews its own Lease in kube-node-lease, and no other", async () => {
    const node = as("pi-1");
    expect(await codeOf(node.create(leases, "kube-node-lease", lease("pi-1")))).toBe(200);
    expect(await codeOf(node.get(leases, "kube-node-lease", "pi-1"))).toBe(200);
    expect(await codeOf(node.patch(leases, "kube-node-lease", "pi-1", "merge", { spec: { renewTime: "2026-01-01T00:00:00.000000Z" } }))).toBe(200);
    expect(await outcome(node.create(leases, "kube-node-lease", lease("pi-2")))).toEqual({
      code: 403,
      message: `leases.coordination.k8s.io "pi-2" is forbidden: can only access node lease with the same name as the requesting node`,
    });
    await server().client.create(leases, "kube-node-lease", lease("pi-2"));
    expect(await codeOf(node.get(leases, "kube-node-lease", "pi-2"))).toBe(403);
    expect(await codeOf(node.patch(leases, "kube-node-lease", "pi-2", "merge", { spec: { holderIdentity: "pi-1" } }))).toBe(403);
    expect(await codeOf(node.create(leases, "default", lease("pi-1", "default")))).toBe(403);
    expect(await codeOf(node.delete(leases, "kube-node-lease", "pi-2"))).toBe(403);
    // Its own it may delete, as a kubelet may in Kubernetes.
    expect(await codeOf(node.delete(leases, "kube-node-lease", "pi-1"))).toBe(200);
  });
});

describe("NodeRestriction: deleting its pods", () => {
  it("finishes the graceful deletion of its own pods, and starts none", async () => {
    const admin = server().client;
    await admin.create(pods, ns, pod("stop-me", "pi-1"));
    await admin.create(pods, ns, pod("not-mine", "pi-2"));
    await vi.waitFor(async () => expect(await codeOf(as("pi-1").get(pods, ns, "stop-me"))).toBe(200), { timeout: 10_000, interval: 50 });
    expect(await outcome(as("pi-1").delete(pods, ns, "stop-me", { gracePeriodSeconds: 0 }))).toEqual({
      code: 403,
      message: `pods "stop-me" is forbidden: node "pi-1" can only finish the deletion of a pod that is already being deleted gracefully`,
    });
    await admin.delete(pods, ns, "stop-me");
    await admin.delete(pods, ns, "not-mine");
    expect(await codeOf(as("pi-1").delete(pods, ns, "not-mine", { gracePeriodSeconds: 0 }))).toBe(403);
    expect(await codeOf(as("pi-1").delete(pods, ns, "stop-me", { gracePeriodSeconds: 0 }))).toBe(200);
    expect(await codeOf(admin.get(pods, ns, "stop-me"))).toBe(404);
    expect(await codeOf(admin.get(pods, ns, "not-mine"))).toBe(200);
  });
});
