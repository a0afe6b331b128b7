import { describe, expect, it } from "vitest";
import { readDeployment, readReplicaSet } from "./deployment-objects.js";
import { historyText, revisionHistory } from "./revision-history.js";

const web = readDeployment({ metadata: { name: "web", namespace: "prod" }, spec: { template: {} } });

const replicaSet = (name: string, annotations: Record<string, string>, image = "nginx:1") =>
  readReplicaSet({
    metadata: { name, annotations },
    spec: { template: { metadata: { labels: { app: "web", "pod-template-hash": name } }, spec: { containers: [{ name: "main", image }] } } },
  });

const revision = (n: string, cause?: string) => ({ "deployment.kubernetes.io/revision": n, ...(cause ? { "kubernetes.io/change-cause": cause } : {}) });

describe("revisionHistory and historyText", () => {
  it("lists revisions in order with their change cause, as kubectl's table", () => {
    const history = revisionHistory(web, [replicaSet("c", revision("10")), replicaSet("a", revision("2", "kubectl set image deploy/web main=nginx:2")), replicaSet("b", revision("9"))]);
    expect(history.warnings).toEqual([]);
    expect(historyText(history, 0)).toBe(
      ["REVISION  CHANGE-CAUSE", "2         kubectl set image deploy/web main=nginx:2", "9         <none>", "10        <none>", ""].join("\n"),
    );
  });

  it("counts a ReplicaSet without a revision as revision 0, and lets a later one win a revision claimed twice", () => {
    const history = revisionHistory(web, [replicaSet("old", {}), replicaSet("a", revision("1", "first")), replicaSet("b", revision("1", "second"))]);
    expect(historyText(history, 0)).toBe("REVISION  CHANGE-CAUSE\n0         <none>\n1         second\n");
  });

  it("leaves out, with a warning, a ReplicaSet whose revision cannot be read", () => {
    const history = revisionHistory(web, [replicaSet("bad", revision("x")), replicaSet("good", revision("3"))]);
    expect(history.warnings).toEqual(['unable to get revision from replicaset bad for deployment web in namespace prod: strconv.ParseInt: parsing "x": invalid syntax']);
    expect([...history.revisions.keys()]).toEqual([3]);
  });

  it("says so when there is no history, whatever revision is asked for", () => {
    const empty = revisionHistory(web, []);
    expect(historyText(empty, 0)).toBe("No rollout history found.");
    expect(historyText(empty, 4)).toBe("No rollout history found.");
  });

  it("shows one revision's pod template, its change cause among the template's annotations", () => {
    const history = revisionHistory(web, [replicaSet("a", revision("1", "first"), "nginx:1"), replicaSet("b", revision("2"), "nginx:2")]);
    const first = historyText(history, 1);
    expect(first).toMatch(/^Pod Template:\n  Labels:\tapp=web\n\tpod-template-hash=a\n  Annotations:\tkubernetes.io\/change-cause: first\n  Containers:\n   main:\n    Image:\tnginx:1\n/);
    expect(historyText(history, 2)).not.toContain("Annotations:");
    expect(() => historyText(history, 3)).toThrow("unable to find the specified revision");
  });

  it("refuses a template it cannot read rather than describe it wrongly", () => {
    const broken = readReplicaSet({ metadata: { name: "x", annotations: revision("1") }, spec: { template: { spec: { containers: "nope" } } } });
    expect(() => historyText(revisionHistory(web, [broken]), 1)).toThrow(/^the pod template of replicaset x cannot be read: spec.containers: /);
  });
});
