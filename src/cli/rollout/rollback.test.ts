import { describe, expect, it } from "vitest";
import { readDeployment, readReplicaSet } from "./deployment-objects.js";
import { planRollback } from "./rollback.js";

const template = (image: string, hash?: string) => ({
  metadata: { labels: { app: "web", ...(hash ? { "pod-template-hash": hash } : {}) } },
  spec: { containers: [{ name: "main", image }] },
});

const deployment = (image: string, extra: { paused?: boolean; annotations?: Record<string, string> } = {}) =>
  readDeployment({
    metadata: {
      name: "web",
      uid: "d-1",
      annotations: extra.annotations ?? {
        "deployment.kubernetes.io/revision": "3",
        "kubectl.kubernetes.io/last-applied-configuration": "{}",
        "kubernetes.io/change-cause": "third",
        team: "a",
      },
    },
    spec: { template: template(image), ...(extra.paused ? { paused: true } : {}) },
  });

const replicaSet = (revision: string | undefined, image: string, annotations: Record<string, string> = {}) =>
  readReplicaSet({
    metadata: {
      name: `web-${image.replace(/\W/g, "")}`,
      annotations: { ...(revision === undefined ? {} : { "deployment.kubernetes.io/revision": revision }), ...annotations },
    },
    spec: { template: template(image, `h${revision}`) },
  });

const history = [
  replicaSet("1", "nginx:1", { "kubernetes.io/change-cause": "first", "deployment.kubernetes.io/desired-replicas": "3", note: "one" }),
  replicaSet("2", "nginx:2"),
  replicaSet("3", "nginx:3"),
];

describe("planRollback", () => {
  it("goes back to the revision before the latest: its template without the hash label, the annotations as kubectl merges them", () => {
    expect(planRollback(deployment("nginx:3"), history, 0)).toEqual({
      kind: "patch",
      patch: [
        { op: "replace", path: "/spec/template", value: template("nginx:2") },
        {
          op: "replace",
          path: "/metadata/annotations",
          // The Deployment keeps its revision and last-applied; everything else comes from the ReplicaSet (none here).
          value: { "deployment.kubernetes.io/revision": "3", "kubectl.kubernetes.io/last-applied-configuration": "{}" },
        },
      ],
    });
  });

  it("goes to the revision asked for, taking its change cause and annotations but not the controller's bookkeeping", () => {
    const plan = planRollback(deployment("nginx:3"), history, 1);
    expect(plan.kind === "patch" && plan.patch[1]).toEqual({
      op: "replace",
      path: "/metadata/annotations",
      value: {
        "deployment.kubernetes.io/revision": "3",
        "kubectl.kubernetes.io/last-applied-configuration": "{}",
        "kubernetes.io/change-cause": "first",
        note: "one",
      },
    });
  });

  it("skips when the Deployment already runs that template, naming the revision asked for (0 when none was)", () => {
    expect(planRollback(deployment("nginx:2"), history, 0)).toEqual({ kind: "skip", message: "skipped rollback (current template already matches revision 0)" });
    expect(planRollback(deployment("nginx:1"), history, 1)).toEqual({ kind: "skip", message: "skipped rollback (current template already matches revision 1)" });
  });

  it("picks the previous revision by number, whatever the order, passing over unreadable revisions", () => {
    const shuffled = [history[2]!, replicaSet("x", "nginx:9"), history[0]!, history[1]!];
    const plan = planRollback(deployment("nginx:3"), shuffled, 0);
    expect(plan.kind === "patch" && plan.patch[0]?.value).toEqual(template("nginx:2"));
    // A ReplicaSet without a revision is revision 0, older than any other.
    const plan0 = planRollback(deployment("nginx:3"), [replicaSet(undefined, "nginx:0"), history[2]!], 0);
    expect(plan0.kind === "patch" && plan0.patch[0]?.value).toEqual(template("nginx:0"));
  });

  it("fails as kubectl does", () => {
    expect(() => planRollback(deployment("nginx:3"), history, 7)).toThrow("unable to find specified revision 7 in history");
    expect(() => planRollback(deployment("nginx:3"), history, -1)).toThrow("unable to find specified revision -1 in history");
    expect(() => planRollback(deployment("nginx:3"), [history[2]!], 0)).toThrow('no rollout history found for deployment "web"');
    expect(() => planRollback(deployment("nginx:3"), [], 0)).toThrow('no rollout history found for deployment "web"');
    expect(() => planRollback(deployment("nginx:3", { paused: true }), history, 0)).toThrow(
      "you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again",
    );
  });
});
