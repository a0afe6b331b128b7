import { describe, expect, it } from "vitest";
import type { ApiList, ApiObject, RestClient } from "../../src/client/rest/rest-client.js";
import type { ResourceRef } from "../../src/client/rest/paths.js";
import { eventually } from "../store/helpers/eventually.js";
import { useKubectlServer } from "../support/server-hooks.js";
import { startTestServer } from "../support/server.js";

const configMaps: ResourceRef = { group: "", version: "v1", resource: "configmaps", namespaced: true };
const pods: ResourceRef = { group: "", version: "v1", resource: "pods", namespaced: true };
const replicaSets: ResourceRef = { group: "apps", version: "v1", resource: "replicasets", namespaced: true };
const jobs: ResourceRef = { group: "batch", version: "v1", resource: "jobs", namespaced: true };
const namespaces: ResourceRef = { group: "", version: "v1", resource: "namespaces", namespaced: false };
const clusterRoles: ResourceRef = { group: "rbac.authorization.k8s.io", version: "v1", resource: "clusterroles", namespaced: false };
const events: ResourceRef = { group: "", version: "v1", resource: "events", namespaced: true };
const wait = { timeoutMs: 10_000, intervalMs: 50 };

interface Meta {
  name: string;
  namespace?: string;
  uid: string;
  ownerReferences?: Array<{ uid: string; blockOwnerDeletion?: boolean }>;
  finalizers?: string[];
  deletionTimestamp?: string;
}
type Obj = ApiObject & { metadata: Meta };

const { server, kubectl } = useKubectlServer();
const client = (): RestClient => server().client;

interface OwnerOptions {
  block?: boolean;
  controller?: boolean;
  uid?: string;
}
const ownerRef = (owner: Obj, options: OwnerOptions = {}) => ({
  apiVersion: owner.apiVersion,
  kind: owner.kind,
  name: owner.metadata.name,
  uid: options.uid ?? owner.metadata.uid,
  ...(options.controller !== undefined ? { controller: options.controller } : {}),
  ...(options.block !== undefined ? { blockOwnerDeletion: options.block } : {}),
});

async function configMap(namespace: string, name: string, owners: object[] = [], finalizers: string[] = []): Promise<Obj> {
  const metadata = { name, ...(owners.length > 0 ? { ownerReferences: owners } : {}), ...(finalizers.length > 0 ? { finalizers } : {}) };
  return client().create<Obj>(configMaps, namespace, { apiVersion: "v1", kind: "ConfigMap", metadata, data: { k: "v" } });
}

/** A pod no node runs (no nodeName): deleting it is immediate. Labels never match the owners' selectors. */
async function pod(namespace: string, name: string, owners: object[]): Promise<Obj> {
  const metadata = { name, labels: { made: "by-hand" }, ownerReferences: owners };
  return client().create<Obj>(pods, namespace, { apiVersion: "v1", kind: "Pod", metadata, spec: { containers: [{ name: "c", image: "busybox" }] } });
}

/** A ReplicaSet of 0 replicas: a ReplicaSet controller, if any runs, has nothing to do with the hand-made pods. */
async function replicaSet(namespace: string, name: string): Promise<Obj> {
  const labels = { app: name };
  const spec = { replicas: 0, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: "c", image: "busybox" }] } } };
  return client().create<Obj>(replicaSets, namespace, { apiVersion: "apps/v1", kind: "ReplicaSet", metadata: { name }, spec });
}

async function names(ref: ResourceRef, namespace: string): Promise<string[]> {
  const list = await client().list<Obj>(ref, namespace);
  return (list as ApiList<Obj>).items.map((item) => item.metadata.name).sort();
}

async function find(ref: ResourceRef, namespace: string | undefined, name: string): Promise<Obj | undefined> {
  return client()
    .get<Obj>(ref, namespace, name)
    .catch((error: unknown) => {
      if ((error as { code?: number }).code === 404) return undefined;
      throw error;
    });
}

async function namespace(name: string): Promise<void> {
  await client().create(namespaces, undefined, { apiVersion: "v1", kind: "Namespace", metadata: { name } });
}

describe("garbage collector against the real server", () => {
  it("background: deletes dependents whose only owner is gone, and drops the dangling reference of one with another owner", async () => {
    await namespace("gc-bg");
    const owner = await configMap("gc-bg", "owner");
    const other = await configMap("gc-bg", "other-owner");
    await configMap("gc-bg", "only-child", [ownerRef(owner)]);
    await configMap("gc-bg", "twice-owned", [ownerRef(owner), ownerRef(other)]);
    await client().delete(configMaps, "gc-bg", "owner");
    // kube-root-ca.crt is another controller's, there or not yet: left out.
    const own = async (): Promise<string[]> => (await names(configMaps, "gc-bg")).filter((name) => name !== "kube-root-ca.crt");
    await eventually(async () => expect(await own()).toEqual(["other-owner", "twice-owned"]), wait);
    const kept = await eventually(async () => {
      const object = await client().get<Obj>(configMaps, "gc-bg", "twice-owned");
      expect(object.metadata.ownerReferences?.map((ref) => ref.uid)).toEqual([other.metadata.uid]);
      return object;
    }, wait);
    expect(kept.metadata.deletionTimestamp).toBeUndefined();
  });

  it("counts an owner reference whose uid is not the named owner's, or that points to another namespace, as absent", async () => {
    await namespace("gc-uid");
    await namespace("gc-uid-other");
    const owner = await configMap("gc-uid", "owner");
    await configMap("gc-uid", "wrong-uid", [ownerRef(owner, { uid: "00000000-0000-0000-0000-000000000000" })]);
    await configMap("gc-uid-other", "elsewhere", [ownerRef(owner)]);
    await configMap("gc-uid", "right-uid", [ownerRef(owner)]);
    await eventually(async () => expect(await find(configMaps, "gc-uid", "wrong-uid")).toBeUndefined(), wait);
    await eventually(async () => expect(await find(configMaps, "gc-uid-other", "elsewhere")).toBeUndefined(), wait);
    expect(await find(configMaps, "gc-uid", "owner")).toBeDefined();
    expect(await find(configMaps, "gc-uid", "right-uid")).toBeDefined();
  });

  it("lets a cluster-scoped owner own namespaced objects", async () => {
    await namespace("gc-cluster");
    const role = await client().create<Obj>(clusterRoles, undefined, { apiVersion: "rbac.authorization.k8s.io/v1", kind: "ClusterRole", metadata: { name: "gc-test-owner" }, rules: [] });
    await configMap("gc-cluster", "owned-by-role", [ownerRef(role)]);
    // Still owned a moment later: the owner exists.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await find(configMaps, "gc-cluster", "owned-by-role")).toBeDefined();
    await client().delete(clusterRoles, undefined, "gc-test-owner");
    await eventually(async () => expect(await find(configMaps, "gc-cluster", "owned-by-role")).toBeUndefined(), wait);
  });

  it("orphan: the owner goes, its dependents stay without the reference", async () => {
    await namespace("gc-orphan");
    const owner = await configMap("gc-orphan", "owner");
    await configMap("gc-orphan", "child-1", [ownerRef(owner, { controller: true, block: true })]);
    await configMap("gc-orphan", "child-2", [ownerRef(owner)]);
    await client().delete(configMaps, "gc-orphan", "owner", { propagationPolicy: "Orphan" });
    await eventually(async () => expect(await find(configMaps, "gc-orphan", "owner")).toBeUndefined(), wait);
    for (const name of ["child-1", "child-2"]) {
      const child = await client().get<Obj>(configMaps, "gc-orphan", name);
      expect(child.metadata.ownerReferences).toBeUndefined();
      expect(child.metadata.deletionTimestamp).toBeUndefined();
    }
  });

  it("foreground: the owner waits, with foregroundDeletion, until its blocking dependents are gone", async () => {
    await namespace("gc-fg");
    const owner = await configMap("gc-fg", "owner");
    // A dependent held by a finalizer of its own: the owner must wait for it.
    await configMap("gc-fg", "held", [ownerRef(owner, { block: true })], ["example.com/hold"]);
    await configMap("gc-fg", "free", [ownerRef(owner)]);
    await client().delete(configMaps, "gc-fg", "owner", { propagationPolicy: "Foreground" });
    await eventually(async () => expect(await find(configMaps, "gc-fg", "free")).toBeUndefined(), wait);
    const held = await eventually(async () => {
      const object = await client().get<Obj>(configMaps, "gc-fg", "held");
      expect(object.metadata.deletionTimestamp).toBeDefined();
      return object;
    }, wait);
    const waiting = await client().get<Obj>(configMaps, "gc-fg", "owner");
    expect(waiting.metadata.deletionTimestamp).toBeDefined();
    expect(waiting.metadata.finalizers).toEqual(["foregroundDeletion"]);

    await client().patch(configMaps, "gc-fg", "held", "merge", { metadata: { resourceVersion: held.metadata["resourceVersion"], finalizers: null } });
    await eventually(async () => expect(await find(configMaps, "gc-fg", "owner")).toBeUndefined(), wait);
    expect(await find(configMaps, "gc-fg", "held")).toBeUndefined();
  });

  it("foreground cascades: a dependent with dependents of its own is deleted in foreground too, and each level waits for the one below", async () => {
    await namespace("gc-chain");
    const top = await configMap("gc-chain", "top");
    const middle = await configMap("gc-chain", "middle", [ownerRef(top, { controller: true, block: true })]);
    await configMap("gc-chain", "bottom", [ownerRef(middle, { controller: true, block: true })], ["example.com/hold"]);
    const result = await kubectl(["delete", "configmap", "top", "-n", "gc-chain", "--cascade=foreground", "--wait=false"]);
    expect(result.stdout).toBe(`configmap "top" deleted\n`);
    const waitingMiddle = await eventually(async () => {
      const object = await client().get<Obj>(configMaps, "gc-chain", "middle");
      expect(object.metadata.finalizers).toEqual(["foregroundDeletion"]);
      return object;
    }, wait);
    expect(waitingMiddle.metadata.deletionTimestamp).toBeDefined();
    expect((await client().get<Obj>(configMaps, "gc-chain", "top")).metadata.finalizers).toEqual(["foregroundDeletion"]);
    const bottom = await eventually(async () => {
      const object = await client().get<Obj>(configMaps, "gc-chain", "bottom");
      expect(object.metadata.deletionTimestamp).toBeDefined();
      return object;
    }, wait);

    await client().patch(configMaps, "gc-chain", "bottom", "merge", { metadata: { resourceVersion: bottom.metadata["resourceVersion"], finalizers: null } });
    await eventually(async () => expect((await names(configMaps, "gc-chain")).filter((name) => name !== "kube-root-ca.crt")).toEqual([]), wait);
  });

  it("deletes a dependent that appears after its owner is gone", async () => {
    await namespace("gc-late");
    const owner = await configMap("gc-late", "owner");
    await client().delete(configMaps, "gc-late", "owner");
    await configMap("gc-late", "late-child", [ownerRef(owner)]);
    await eventually(async () => expect(await find(configMaps, "gc-late", "late-child")).toBeUndefined(), wait);
  });

  it("kubectl delete rs --cascade=background|foreground|orphan: pods go, go first, or stay", async () => {
    await namespace("gc-kubectl");
    for (const cascade of ["background", "foreground", "orphan"]) {
      const rs = await replicaSet("gc-kubectl", `rs-${cascade}`);
      await pod("gc-kubectl", `${cascade}-a`, [ownerRef(rs, { controller: false, block: true })]);
      await pod("gc-kubectl", `${cascade}-b`, [ownerRef(rs, { controller: false, block: true })]);
      const result = await kubectl(["delete", "replicaset", `rs-${cascade}`, "-n", "gc-kubectl", `--cascade=${cascade}`, "--timeout=20s"]);
      expect(result.stderr).toBe("");
      expect(result.stdout).toContain(`replicaset.apps "rs-${cascade}" deleted`);
      expect(await find(replicaSets, "gc-kubectl", `rs-${cascade}`)).toBeUndefined();
    }
    // Foreground: kubectl returned once the ReplicaSet was gone, which was after its pods.
    expect((await names(pods, "gc-kubectl")).filter((n) => n.startsWith("foreground-"))).toEqual([]);
    await eventually(async () => expect((await names(pods, "gc-kubectl")).filter((n) => n.startsWith("background-"))).toEqual([]), wait);
    const orphans = await names(pods, "gc-kubectl");
    expect(orphans).toEqual(["orphan-a", "orphan-b"]);
    for (const name of orphans) expect((await client().get<Obj>(pods, "gc-kubectl", name)).metadata.ownerReferences).toBeUndefined();
  });

  it("a batch/v1 Job deleted through the API without a policy orphans its pods, as Kubernetes' default", async () => {
    await namespace("gc-job");
    const template = { metadata: { labels: { job: "j" } }, spec: { restartPolicy: "Never", containers: [{ name: "c", image: "busybox" }] } };
    const job = await client().create<Obj>(jobs, "gc-job", { apiVersion: "batch/v1", kind: "Job", metadata: { name: "j" }, spec: { suspend: true, template } });
    await pod("gc-job", "job-pod", [ownerRef(job, { controller: false })]);
    await client().delete(jobs, "gc-job", "j");
    await eventually(async () => expect(await find(jobs, "gc-job", "j")).toBeUndefined(), wait);
    const kept = await client().get<Obj>(pods, "gc-job", "job-pod");
    expect(kept.metadata.ownerReferences).toBeUndefined();
  });

  it("warns OwnerRefInvalidNamespace about a cluster-scoped object owned by a namespaced kind, and leaves it", async () => {
    const owner = await configMap("default", "gc-namespaced-owner");
    const role = await client().create<Obj>(clusterRoles, undefined, {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "ClusterRole",
      metadata: { name: "gc-test-invalid", ownerReferences: [ownerRef(owner)] },
      rules: [],
    });
    const warning = await eventually(async () => {
      const list = await client().list<ApiObject>(events, "default", { fieldSelector: "involvedObject.name=gc-test-invalid" });
      const found = list.items.find((event) => event.reason === "OwnerRefInvalidNamespace");
      expect(found).toBeDefined();
      return found!;
    }, wait);
    expect(warning).toMatchObject({ type: "Warning", involvedObject: { kind: "ClusterRole", uid: role.metadata.uid }, source: { component: "garbage-collector-controller" } });
    expect(warning.message).toBe(`ownerRef [v1/ConfigMap, namespace: , name: gc-namespaced-owner, uid: ${owner.metadata.uid}] does not exist in namespace ""`);
    expect(await find(clusterRoles, undefined, "gc-test-invalid")).toBeDefined();
  });
});

describe("garbage collector turned off with --controllers", () => {
  it("leaves dependents of a deleted owner alone when the server runs without garbagecollector", async () => {
    const off = await startTestServer({ controllers: ["*", "-garbagecollector"] });
    try {
      const owner = await off.client.create<Obj>(configMaps, "default", { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "owner" } });
      await off.client.create(configMaps, "default", { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "child", ownerReferences: [ownerRef(owner)] } });
      await off.client.delete(configMaps, "default", "owner");
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect((await off.client.get<Obj>(configMaps, "default", "child")).metadata.ownerReferences?.[0]?.uid).toBe(owner.metadata.uid);
    } finally {
      await off.stop();
    }
  });
});
