import { describe, expect, it } from "vitest";
import { GraphTriggers } from "./graph-triggers.js";
import type { Located } from "./gc-ports.js";
import { catalog, configMaps, FakeCluster, object, pods, refTo, replicaSets } from "./testing/fake-cluster.js";

/** `enqueued` names what is asked for now, and what is asked for soon (coalesced) with a `~`. */
function triggers(...items: Located[]): { cluster: FakeCluster; triggers: GraphTriggers; enqueued: string[] } {
  const cluster = new FakeCluster();
  cluster.add(...items);
  cluster.sync();
  const enqueued: string[] = [];
  const now = (item: Located): void => void enqueued.push(item.object.metadata.name);
  const soon = (item: Located): void => void enqueued.push(`~${item.object.metadata.name}`);
  return { cluster, enqueued, triggers: new GraphTriggers(catalog, cluster.cache, now, soon) };
}

const withMeta = (item: Located, extra: Partial<Located["object"]["metadata"]>): Located["object"] => ({ metadata: { ...item.object.metadata, ...extra } });

describe("GraphTriggers", () => {
  it("enqueues nothing for the changes that cannot matter: a pod's status, an object without owners", () => {
    const rs = object(replicaSets, "ns/rs");
    const pod = object(pods, "ns/pod", { ownerReferences: [refTo(rs)] });
    const t = triggers(rs, pod);
    t.triggers.added(pods, pod.object);
    t.triggers.updated(pods, pod.object, withMeta(pod, { resourceVersion: "999" }));
    t.triggers.added(configMaps, object(configMaps, "ns/plain").object);
    expect(t.enqueued).toEqual([]);
  });

  it("enqueues a new dependent whose owner the cache does not have, or that is deleting in foreground", () => {
    const gone = object(replicaSets, "ns/gone");
    const waiting = object(replicaSets, "ns/waiting", { deletionTimestamp: "2026-01-01T00:00:00Z", finalizers: ["foregroundDeletion"] });
    const t = triggers(waiting);
    t.triggers.added(pods, object(pods, "ns/a", { ownerReferences: [refTo(gone)] }).object);
    t.triggers.added(pods, object(pods, "ns/b", { ownerReferences: [refTo(waiting)] }).object);
    expect(t.enqueued).toEqual(["a", "b"]);
  });

  it("enqueues the dependents of a deleted object, and its owner if that waits for it in foreground", () => {
    const owner = object(configMaps, "ns/owner", { deletionTimestamp: "2026-01-01T00:00:00Z", finalizers: ["foregroundDeletion"] });
    const middle = object(replicaSets, "ns/middle", { ownerReferences: [refTo(owner, { blockOwnerDeletion: true })] });
    const child = object(pods, "ns/child", { ownerReferences: [refTo(middle)] });
    const t = triggers(owner, child);
    t.triggers.deleted(replicaSets, middle.object);
    expect(t.enqueued).toEqual(["child", "~owner"]);
  });

  it("enqueues an owner that starts deleting in foreground, with its dependents not yet being deleted", () => {
    const owner = object(configMaps, "ns/owner");
    const a = object(configMaps, "ns/a", { ownerReferences: [refTo(owner)] });
    const b = object(configMaps, "ns/b", { ownerReferences: [refTo(owner)], deletionTimestamp: "2026-01-01T00:00:00Z", finalizers: ["x"] });
    const t = triggers(owner, a, b);
    t.triggers.updated(configMaps, owner.object, withMeta(owner, { deletionTimestamp: "2026-01-01T00:00:00Z", finalizers: ["foregroundDeletion"] }));
    expect(t.enqueued).toEqual(["owner", "a"]);
  });

  it("enqueues an owner deleted with the orphan policy", () => {
    const owner = object(configMaps, "ns/owner");
    const t = triggers(owner);
    t.triggers.updated(configMaps, owner.object, withMeta(owner, { deletionTimestamp: "2026-01-01T00:00:00Z", finalizers: ["orphan"] }));
    expect(t.enqueued).toEqual(["owner"]);
  });

  it("enqueues a waiting owner when a dependent stops blocking it", () => {
    const owner = object(configMaps, "ns/owner", { deletionTimestamp: "2026-01-01T00:00:00Z", finalizers: ["foregroundDeletion"] });
    const other = object(configMaps, "ns/other");
    const child = object(configMaps, "ns/child", { ownerReferences: [refTo(owner, { blockOwnerDeletion: true }), refTo(other)] });
    const t = triggers(owner, other, child);
    t.triggers.updated(configMaps, child.object, withMeta(child, { ownerReferences: [refTo(other)] }));
    expect(t.enqueued).toEqual(["~owner"]);
  });
});
