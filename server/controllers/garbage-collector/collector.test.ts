import { describe, expect, it } from "vitest";
import { createLogger } from "../../../src/log.js";
import { AbsentOwners } from "./absent-owners.js";
import { Collector } from "./collector.js";
import type { Located } from "./gc-ports.js";
import { catalog, clusterRoles, configMaps, FakeCluster, object, pods, refTo, replicaSets } from "./testing/fake-cluster.js";

interface Harness {
  cluster: FakeCluster;
  collector: Collector;
  enqueued: string[];
  events: string[];
  sync(item: Located): Promise<void>;
}

function harness(...items: Located[]): Harness {
  const cluster = new FakeCluster();
  cluster.add(...items);
  cluster.sync();
  const enqueued: string[] = [];
  const events: string[] = [];
  const collector = new Collector({
    catalog,
    cache: cluster.cache,
    api: cluster.api,
    absent: new AbsentOwners(),
    enqueue: (item) => void enqueued.push(item.object.metadata.name),
    recorder: { event: (ref, type, reason, message) => void events.push(`${type} ${reason} ${ref.kind}/${ref.name}: ${message}`) },
    log: createLogger("silent"),
  });
  const sync = (item: Located): Promise<void> => collector.sync(item.resource, item.object.metadata.namespace, item.object.metadata.name);
  return { cluster, collector, enqueued, events, sync };
}

const deleting = (finalizer: string) => ({ deletionTimestamp: "2026-01-01T00:00:00Z", finalizers: [finalizer] });

describe("Collector: dependents", () => {
  it("deletes, in the background, a dependent whose every owner is gone", async () => {
    const owner = object(replicaSets, "ns/web");
    const pod = object(pods, "ns/web-1", { ownerReferences: [refTo(owner, { controller: true })] });
    const h = harness(pod);
    await h.sync(pod);
    expect(h.cluster.writes).toEqual(["delete v1/pods ns/web-1 Background"]);
  });

  it("never deletes on a stale cache: an owner the cache misses but the server has keeps its dependent", async () => {
    const owner = object(replicaSets, "ns/web");
    const pod = object(pods, "ns/web-1", { ownerReferences: [refTo(owner)] });
    const h = harness(pod);
    h.cluster.add(owner);
    await h.sync(pod);
    expect(h.cluster.writes).toEqual([]);
    expect(h.cluster.reads).toEqual(["get v1/pods ns/web-1", "get apps/v1/replicasets ns/web"]);
  });

  it("asks the server nothing when the cache shows every owner present", async () => {
    const owner = object(replicaSets, "ns/web");
    const pod = object(pods, "ns/web-1", { ownerReferences: [refTo(owner)] });
    const h = harness(owner, pod);
    await h.sync(pod);
    expect(h.cluster.reads).toEqual([]);
  });

  it("removes only the references to gone owners from a dependent that keeps another", async () => {
    const gone = object(configMaps, "ns/gone");
    const kept = object(configMaps, "ns/kept");
    const child = object(configMaps, "ns/child", { ownerReferences: [refTo(gone), refTo(kept)] });
    const h = harness(kept, child);
    await h.sync(child);
    expect(h.cluster.writes).toEqual(["owners v1/configmaps ns/child [kept]"]);
  });

  it("counts an owner whose name now has another uid as gone, and reads a gone owner once for all its dependents", async () => {
    const old = object(configMaps, "ns/owner");
    const renewed = object(configMaps, "ns/owner");
    const a = object(configMaps, "ns/a", { ownerReferences: [refTo(old)] });
    const b = object(configMaps, "ns/b", { ownerReferences: [refTo(old)] });
    const h = harness(renewed, a, b);
    await h.sync(a);
    await h.sync(b);
    expect(h.cluster.writes).toEqual(["delete v1/configmaps ns/a Background", "delete v1/configmaps ns/b Background"]);
    expect(h.cluster.reads.filter((read) => read.includes("ns/owner"))).toEqual(["get v1/configmaps ns/owner"]);
  });

  it("looks for a namespaced owner only in the dependent's namespace, and for a cluster-scoped one anywhere", async () => {
    const owner = object(configMaps, "a/owner");
    const role = object(clusterRoles, "role");
    const elsewhere = object(configMaps, "b/elsewhere", { ownerReferences: [refTo(owner)] });
    const byRole = object(configMaps, "b/by-role", { ownerReferences: [refTo(role)] });
    const h = harness(owner, role, elsewhere, byRole);
    await h.sync(elsewhere);
    await h.sync(byRole);
    expect(h.cluster.writes).toEqual(["delete v1/configmaps b/elsewhere Background"]);
  });

  it("keeps the dependent's own policy finalizer as its deletion policy", async () => {
    const owner = object(configMaps, "ns/owner");
    const child = object(configMaps, "ns/child", { ownerReferences: [refTo(owner)], finalizers: ["orphan"] });
    const h = harness(child);
    await h.sync(child);
    expect(h.cluster.writes).toEqual(["delete v1/configmaps ns/child Orphan"]);
  });

  it("leaves a cluster-scoped object owned by a namespaced kind, with a Warning OwnerRefInvalidNamespace", async () => {
    const owner = object(configMaps, "ns/owner");
    const role = object(clusterRoles, "role", { ownerReferences: [refTo(owner)] });
    const h = harness(owner, role);
    await h.sync(role);
    expect(h.cluster.writes).toEqual([]);
    expect(h.events).toEqual([
      `Warning OwnerRefInvalidNamespace ClusterRole/role: ownerRef [v1/ConfigMap, namespace: , name: owner, uid: ${owner.object.metadata.uid}] does not exist in namespace ""`,
    ]);
  });

  it("leaves alone a dependent of a kind the server does not serve", async () => {
    const child = object(configMaps, "ns/child", { ownerReferences: [{ apiVersion: "example.com/v1", kind: "Widget", name: "w", uid: "w-1" }] });
    const h = harness(child);
    await h.sync(child);
    expect(h.cluster.writes).toEqual([]);
  });

  it("does nothing for a dependent already being deleted", async () => {
    const owner = object(configMaps, "ns/owner");
    const child = object(configMaps, "ns/child", { ownerReferences: [refTo(owner)], deletionTimestamp: "2026-01-01T00:00:00Z", finalizers: ["x"] });
    const h = harness(child);
    await h.sync(child);
    expect(h.cluster.writes).toEqual([]);
  });
});

describe("Collector: owners deleted in foreground", () => {
  it("deletes the dependents: in foreground those with dependents of their own, in the background the others", async () => {
    const deployment = object(configMaps, "ns/deploy", deleting("foregroundDeletion"));
    const rs = object(replicaSets, "ns/rs", { ownerReferences: [refTo(deployment, { blockOwnerDeletion: true })] });
    const pod = object(pods, "ns/pod", { ownerReferences: [refTo(rs, { blockOwnerDeletion: true })] });
    const loose = object(configMaps, "ns/loose", { ownerReferences: [refTo(deployment)] });
    const h = harness(deployment, rs, pod, loose);
    await h.sync(rs);
    await h.sync(loose);
    expect(h.cluster.writes).toEqual(["delete apps/v1/replicasets ns/rs Foreground", "delete v1/configmaps ns/loose Background"]);
  });

  it("removes the reference to an owner waiting in foreground from a dependent that has another owner", async () => {
    const waiting = object(configMaps, "ns/waiting", deleting("foregroundDeletion"));
    const other = object(configMaps, "ns/other");
    const child = object(configMaps, "ns/child", { ownerReferences: [refTo(waiting, { blockOwnerDeletion: true }), refTo(other)] });
    const h = harness(waiting, other, child);
    await h.sync(child);
    expect(h.cluster.writes).toEqual(["owners v1/configmaps ns/child [other]"]);
  });

  it("keeps the owner's finalizer while a blocking dependent is left, asking for it again; then removes it", async () => {
    const owner = object(configMaps, "ns/owner", deleting("foregroundDeletion"));
    const blocking = object(configMaps, "ns/blocking", { ownerReferences: [refTo(owner, { blockOwnerDeletion: true })] });
    const nonBlocking = object(configMaps, "ns/non-blocking", { ownerReferences: [refTo(owner)] });
    const h = harness(owner, blocking, nonBlocking);
    await h.sync(owner);
    expect(h.cluster.writes).toEqual([]);
    expect(h.enqueued).toEqual(["blocking"]);

    h.cluster.live.delete(`v1/configmaps ns/blocking`);
    h.cluster.sync();
    await h.sync(owner);
    expect(h.cluster.writes).toEqual(["finalizers v1/configmaps ns/owner []"]);
  });

  it("does not ask again for a blocking dependent already being deleted", async () => {
    const owner = object(configMaps, "ns/owner", deleting("foregroundDeletion"));
    const going = object(configMaps, "ns/going", { ownerReferences: [refTo(owner, { blockOwnerDeletion: true })], ...deleting("x") });
    const h = harness(owner, going);
    await h.sync(owner);
    expect(h.enqueued).toEqual([]);
    expect(h.cluster.writes).toEqual([]);
  });

  it("unblocks its owners before deleting a dependent whose own dependent also deletes in foreground (no cycle)", async () => {
    const top = object(configMaps, "ns/top", deleting("foregroundDeletion"));
    const middle = object(configMaps, "ns/middle", { ownerReferences: [refTo(top, { blockOwnerDeletion: true })] });
    const bottom = object(configMaps, "ns/bottom", { ownerReferences: [refTo(middle, { blockOwnerDeletion: true })], ...deleting("foregroundDeletion") });
    const h = harness(top, middle, bottom);
    await h.sync(middle);
    expect(h.cluster.writes).toEqual(["owners v1/configmaps ns/middle [top]", "delete v1/configmaps ns/middle Foreground"]);
  });
});

describe("Collector: owners deleted with the orphan policy", () => {
  it("removes the owner's reference from every dependent, then its orphan finalizer", async () => {
    const owner = object(replicaSets, "ns/rs", deleting("orphan"));
    const other = object(configMaps, "ns/other");
    const a = object(pods, "ns/a", { ownerReferences: [refTo(owner, { controller: true, blockOwnerDeletion: true })] });
    const b = object(pods, "ns/b", { ownerReferences: [refTo(owner), refTo(other)] });
    const h = harness(owner, other, a, b);
    await h.sync(owner);
    expect([...h.cluster.writes].sort()).toEqual([
      "finalizers apps/v1/replicasets ns/rs []",
      "owners v1/pods ns/a []",
      "owners v1/pods ns/b [other]",
    ]);
    expect(h.cluster.writes.at(-1)).toBe("finalizers apps/v1/replicasets ns/rs []");
  });

  it("keeps the finalizer when a dependent could not be updated, so the sync is retried", async () => {
    const owner = object(replicaSets, "ns/rs", deleting("orphan"));
    const a = object(pods, "ns/a", { ownerReferences: [refTo(owner)] });
    const h = harness(owner, a);
    h.cluster.api.setOwnerReferences = async () => {
      throw new Error("server unavailable");
    };
    await expect(h.sync(owner)).rejects.toThrow("server unavailable");
    expect(h.cluster.writes).toEqual([]);
  });
});
