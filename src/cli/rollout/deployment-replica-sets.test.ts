import { describe, expect, it } from "vitest";
import { readDeployment, readReplicaSet } from "./deployment-objects.js";
import { orderReplicaSets } from "./deployment-replica-sets.js";

const template = (image: string, hash?: string) => ({
  metadata: { labels: { app: "web", ...(hash ? { "pod-template-hash": hash } : {}) } },
  spec: { containers: [{ name: "main", image }] },
});

const web = readDeployment({ metadata: { name: "web", uid: "d-1" }, spec: { template: template("nginx:2") } });

const replicaSet = (name: string, created: string, image: string, owner: { uid: string; controller?: boolean }[] = [{ uid: "d-1", controller: true }]) =>
  readReplicaSet({
    metadata: { name, uid: `u-${name}`, creationTimestamp: created, ownerReferences: owner },
    spec: { template: template(image, name) },
  });

const names = (list: ReturnType<typeof orderReplicaSets>) => list.map((rs) => rs.metadata.name);

describe("orderReplicaSets", () => {
  it("keeps only the ReplicaSets the Deployment controls", () => {
    const mine = replicaSet("a", "2024-05-01T10:00:00Z", "nginx:1");
    const orphan = replicaSet("b", "2024-05-01T10:00:00Z", "nginx:1", []);
    const adopted = replicaSet("c", "2024-05-01T10:00:00Z", "nginx:1", [{ uid: "d-1" }]);
    const other = replicaSet("d", "2024-05-01T10:00:00Z", "nginx:1", [{ uid: "d-2", controller: true }]);
    // Only the first controller reference counts.
    const twoControllers = replicaSet("e", "2024-05-01T10:00:00Z", "nginx:1", [{ uid: "d-2", controller: true }, { uid: "d-1", controller: true }]);
    expect(names(orderReplicaSets(web, [mine, orphan, adopted, other, twoControllers]))).toEqual(["a"]);
  });

  it("puts old ones by creation time then name, and the one running the Deployment's template last", () => {
    const list = [
      replicaSet("z-new", "2024-05-01T09:00:00Z", "nginx:2"),
      replicaSet("b", "2024-05-01T11:00:00Z", "nginx:1"),
      replicaSet("a", "2024-05-01T11:00:00Z", "nginx:0"),
      replicaSet("c", "2024-05-01T10:00:00Z", "nginx:1"),
    ];
    expect(names(orderReplicaSets(web, list))).toEqual(["c", "a", "b", "z-new"]);
  });

  it("takes the oldest of two ReplicaSets with the Deployment's template as the new one", () => {
    const list = [replicaSet("late", "2024-05-01T12:00:00Z", "nginx:2"), replicaSet("early", "2024-05-01T08:00:00Z", "nginx:2")];
    expect(names(orderReplicaSets(web, list))).toEqual(["late", "early"]);
  });
});
