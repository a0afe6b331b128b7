import { describe, expect, it } from "vitest";
import { deploymentManifest } from "../support/deployment.js";
import { useKubectlServer } from "../support/server-hooks.js";

// kubectl 1.32 rollout history and undo, on objects only: the ReplicaSets a
// Deployment controller would leave behind are written here by hand. kubectl
// finds them by the Deployment's selector and controller ownerReference and
// reads their revision from an annotation; undo JSON-patches the Deployment.
// The controllers are off: these objects stand still. test/controllers/deployment-kubectl.test.ts runs rollout against the real ones.
const { kubectl, ok } = useKubectlServer({ controllers: ["*", "-scheduler", "-replicaset", "-deployment"] });

interface Revision {
  deployment: string;
  hash: string;
  revision: number;
  image: string;
  owner?: string;
  changeCause?: string;
}

const replicaSet = (r: Revision): string => `apiVersion: apps/v1
kind: ReplicaSet
metadata:
  name: ${r.deployment}-${r.hash}
  labels: {app: ${r.deployment}, pod-template-hash: ${r.hash}}
  annotations:
    deployment.kubernetes.io/revision: "${r.revision}"
${r.changeCause ? `    kubernetes.io/change-cause: ${r.changeCause}\n` : ""}${
  r.owner
    ? `  ownerReferences:\n  - {apiVersion: apps/v1, kind: Deployment, name: ${r.deployment}, uid: ${r.owner}, controller: true, blockOwnerDeletion: true}\n`
    : ""
}spec:
  replicas: 0
  selector:
    matchLabels: {app: ${r.deployment}, pod-template-hash: ${r.hash}}
  template:
    metadata:
      labels: {app: ${r.deployment}, pod-template-hash: ${r.hash}}
    spec:
      containers:
      - {name: main, image: "${r.image}"}
`;

/** A Deployment at revision 3 with the ReplicaSets of revisions 1 to 3, plus one it does not own. */
async function deploymentWithHistory(name: string): Promise<void> {
  await ok(["create", "-f", "-"], deploymentManifest(name, "skiff-test/busybox:3", { replicas: 2, annotations: { "deployment.kubernetes.io/revision": "3" } }));
  const owner = await ok(["get", "deployment", name, "-o", "jsonpath={.metadata.uid}"]);
  const sets = [
    replicaSet({ deployment: name, hash: "7d4b9c", revision: 1, image: "skiff-test/busybox:1", owner }),
    replicaSet({ deployment: name, hash: "5f8c6d", revision: 2, image: "skiff-test/busybox:2", owner, changeCause: "image set to 2" }),
    replicaSet({ deployment: name, hash: "9a7e5b", revision: 3, image: "skiff-test/busybox:3", owner }),
    // Matches the selector but belongs to no Deployment: not part of the history.
    replicaSet({ deployment: name, hash: "orphan", revision: 7, image: "skiff-test/busybox:7" }),
  ];
  await ok(["create", "-f", "-"], sets.join("---\n"));
}

interface Deployment {
  metadata: { annotations?: Record<string, string>; generation: number };
  spec: { template: { metadata: { labels: Record<string, string> }; spec: { containers: { image: string }[] } } };
}

const read = async (name: string): Promise<Deployment> => JSON.parse(await ok(["get", "deployment", name, "-o", "json"])) as Deployment;

describe("kubectl rollout", () => {
  it("lists the owned ReplicaSets as revisions with their change causes", async () => {
    await deploymentWithHistory("history");
    expect(await ok(["rollout", "history", "deployment/history"])).toBe(
      "deployment.apps/history \nREVISION  CHANGE-CAUSE\n1         <none>\n2         image set to 2\n3         <none>\n\n",
    );
    const revision = await ok(["rollout", "history", "deployment/history", "--revision=1"]);
    expect(revision.split("\n")[0]).toBe("deployment.apps/history with revision #1");
    expect(revision).toMatch(/^ {4}Image:\tskiff-test\/busybox:1$/m);
  });

  it("undoes to the previous revision: its template without the hash label, and its annotations", async () => {
    await deploymentWithHistory("undo");
    expect(await ok(["rollout", "undo", "deployment/undo"])).toBe("deployment.apps/undo rolled back\n");
    const undone = await read("undo");
    expect(undone.spec.template.spec.containers.map((c) => c.image)).toEqual(["skiff-test/busybox:2"]);
    expect(undone.spec.template.metadata.labels).toEqual({ app: "undo" });
    expect(undone.metadata.annotations).toEqual({
      "deployment.kubernetes.io/revision": "3",
      "kubernetes.io/change-cause": "image set to 2",
    });
    expect(undone.metadata.generation).toBe(2);
  });

  it("undoes to a named revision, skips the current one and reports a missing one", async () => {
    await deploymentWithHistory("pick");
    expect(await ok(["rollout", "undo", "deployment/pick", "--to-revision=1"])).toBe("deployment.apps/pick rolled back\n");
    expect((await read("pick")).spec.template.spec.containers.map((c) => c.image)).toEqual(["skiff-test/busybox:1"]);

    await ok(["patch", "deployment", "pick", "--type=json", "-p", '[{"op":"replace","path":"/spec/template/spec/containers/0/image","value":"skiff-test/busybox:3"}]']);
    expect(await ok(["rollout", "undo", "deployment/pick", "--to-revision=3"])).toBe(
      "deployment.apps/pick skipped rollback (current template already matches revision 3)\n",
    );

    const missing = await kubectl(["rollout", "undo", "deployment/pick", "--to-revision=7"]);
    expect(missing).toEqual({ code: 1, stdout: "", stderr: "error: unable to find specified revision 7 in history\n" });
  });
});
