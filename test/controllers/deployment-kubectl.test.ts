import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runRollout } from "../../src/cli/commands/rollout.js";
import type { ApiObject } from "../../src/client/rest/rest-client.js";
import { eventually } from "../store/helpers/eventually.js";
import { deploymentManifest } from "../support/deployment.js";
import { startFakeKubelet, type FakeKubelet } from "../support/fake-kubelet.js";
import { useKubectlServer } from "../support/server-hooks.js";
import { runCommand } from "../cli/cli-harness.js";

// kubectl 1.32's rollout and scale against the real ReplicaSet and
// Deployment controllers; a stand-in kubelet reports pods ready a moment
// after they appear, so rollouts take a few steps.
const { server, ok, kubectl, kubeconfig } = useKubectlServer();
const replicaSetsRef = { group: "apps", version: "v1", resource: "replicasets", namespaced: true };
const podsRef = { group: "", version: "v1", resource: "pods", namespaced: true };
const wait = { timeoutMs: 20_000, intervalMs: 100 };

interface RsObject extends ApiObject {
  metadata: { name: string; annotations?: Record<string, string> };
  spec: { replicas?: number; template: { metadata: { annotations?: Record<string, string> }; spec: { containers: Array<{ image: string }> } } };
}

const waitingLine = /^Waiting for deployment "web" rollout to finish: (\d+ out of \d+ new replicas have been updated|\d+ old replicas are pending termination|\d+ of \d+ updated replicas are available)\.\.\.$/;

describe("kubectl rollout and scale with the real controllers", () => {
  let kubelet: FakeKubelet;
  beforeAll(() => {
    kubelet = startFakeKubelet(server().client, "default", { delayMs: 300 });
  });
  afterAll(async () => {
    await kubelet.stop();
  });

  const rolloutStatus = async (): Promise<string[]> => {
    const lines = (await ok(["rollout", "status", "deployment/web", "--timeout=60s"])).trimEnd().split("\n");
    expect(lines.at(-1)).toBe('deployment "web" successfully rolled out');
    for (const line of lines.slice(0, -1)) expect(line).toMatch(waitingLine);
    return lines;
  };
  const history = async (): Promise<string> => ok(["rollout", "history", "deployment/web"]);
  const image = async (): Promise<string> => ok(["get", "deployment", "web", "-o", "jsonpath={.spec.template.spec.containers[0].image}"]);
  const revision = async (): Promise<string> => ok(["get", "deployment", "web", "-o", "jsonpath={.metadata.annotations.deployment\\.kubernetes\\.io/revision}"]);
  const replicaSets = async (): Promise<RsObject[]> => (await server().client.list<RsObject>(replicaSetsRef, "default")).items;
  const podImages = async (): Promise<string[]> =>
    (await server().client.list<{ spec: { containers: Array<{ image: string }> } } & ApiObject>(podsRef, "default")).items.map((pod) => pod.spec.containers[0]!.image).sort();

  it("follows a rollout, rolls to a new image, and lists both revisions", async () => {
    await ok(["create", "-f", "-"], deploymentManifest("web", "nginx:1", { replicas: 3 }));
    const first = await rolloutStatus();
    expect(first).toContain('Waiting for deployment "web" rollout to finish: 0 of 3 updated replicas are available...');

    expect(await ok(["set", "image", "deployment/web", "main=nginx:2"])).toBe("deployment.apps/web image updated\n");
    await rolloutStatus();
    expect(await revision()).toBe("2");
    await eventually(async () => expect(await podImages()).toEqual(["nginx:2", "nginx:2", "nginx:2"]), wait);
    expect(await history()).toBe("deployment.apps/web \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n\n");
  });

  it("undoes to the previous revision, then to the one asked for", async () => {
    expect(await ok(["rollout", "undo", "deployment/web"])).toBe("deployment.apps/web rolled back\n");
    await rolloutStatus();
    expect(await image()).toBe("nginx:1");
    // The ReplicaSet of revision 1 is re-used and becomes revision 3, remembering it was 1.
    await eventually(async () => expect(await revision()).toBe("3"), wait);
    const reused = (await replicaSets()).find((rs) => rs.spec.template.spec.containers[0]?.image === "nginx:1");
    expect(reused?.metadata.annotations).toMatchObject({ "deployment.kubernetes.io/revision": "3", "deployment.kubernetes.io/revision-history": "1" });
    expect(await history()).toBe("deployment.apps/web \nREVISION  CHANGE-CAUSE\n2         <none>\n3         <none>\n\n");

    expect(await ok(["rollout", "undo", "deployment/web", "--to-revision=2"])).toBe("deployment.apps/web rolled back\n");
    await rolloutStatus();
    expect(await image()).toBe("nginx:2");
    await eventually(async () => expect(await revision()).toBe("4"), wait);
    await eventually(async () => expect(await podImages()).toEqual(["nginx:2", "nginx:2", "nginx:2"]), wait);
  });

  it("pauses (no rollout while paused) and resumes", async () => {
    expect(await ok(["rollout", "pause", "deployment/web"])).toBe("deployment.apps/web paused\n");
    await ok(["set", "image", "deployment/web", "main=nginx:3"]);
    await eventually(async () => {
      const reason = await ok(["get", "deployment", "web", "-o", "jsonpath={.status.conditions[?(@.type==\"Progressing\")].reason}"]);
      expect(reason).toBe("DeploymentPaused");
    }, wait);
    expect((await replicaSets()).map((rs) => rs.spec.template.spec.containers[0]?.image).sort()).toEqual(["nginx:1", "nginx:2"]);
    const refused = await kubectl(["rollout", "undo", "deployment/web"]);
    expect(refused.stderr).toBe("error: you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again\n");

    expect(await ok(["rollout", "resume", "deployment/web"])).toBe("deployment.apps/web resumed\n");
    await rolloutStatus();
    await eventually(async () => expect(await podImages()).toEqual(["nginx:3", "nginx:3", "nginx:3"]), wait);
  });

  it("restarts: a new ReplicaSet with the restartedAt annotation replaces every pod", async () => {
    const before = (await server().client.list<ApiObject>(podsRef, "default")).items.map((pod) => pod.metadata?.name);
    expect(await ok(["rollout", "restart", "deployment/web"])).toBe("deployment.apps/web restarted\n");
    await rolloutStatus();
    const newest = (await replicaSets()).find((rs) => rs.metadata.annotations?.["deployment.kubernetes.io/revision"] === "6");
    expect(newest?.spec.template.metadata.annotations?.["kubectl.kubernetes.io/restartedAt"]).toMatch(/^\d{4}-\d\d-\d\dT/);
    await eventually(async () => {
      const after = (await server().client.list<ApiObject>(podsRef, "default")).items.map((pod) => pod.metadata?.name);
      expect(after).toHaveLength(3);
      expect(after.filter((name) => before.includes(name))).toEqual([]);
    }, wait);
  });

  it("scales through the scale subresource, and the pods follow", async () => {
    expect(await ok(["scale", "deployment/web", "--replicas=5"])).toBe("deployment.apps/web scaled\n");
    await eventually(async () => expect(await podImages()).toHaveLength(5), wait);
    await rolloutStatus();
    expect(await ok(["get", "deployment", "web", "-o", "jsonpath={.status.readyReplicas}/{.status.availableReplicas}/{.status.updatedReplicas}"])).toBe("5/5/5");
    expect(await ok(["scale", "deployment/web", "--replicas=1"])).toBe("deployment.apps/web scaled\n");
    await eventually(async () => expect(await podImages()).toHaveLength(1), wait);
  });

  it("skiff rollout history, undo and status say what kubectl says", async () => {
    const skiff = (args: string[]) => runCommand(runRollout, kubeconfig(), args);
    expect((await skiff(["history", "deployment/web"])).stdout).toBe(await history());
    expect(await skiff(["undo", "deployment/web"])).toEqual({ code: 0, stdout: "deployment.apps/web rolled back\n", stderr: "" });
    const status = await skiff(["status", "deployment/web", "--timeout=60s"]);
    expect(status.code).toBe(0);
    expect(status.stdout.trimEnd().split("\n").at(-1)).toBe('deployment "web" successfully rolled out');
    // Back to revision 5 (nginx:3, before the restart), as one pod since the last scale.
    await eventually(async () => expect(await podImages()).toEqual(["nginx:3"]), wait);
    expect(await revision()).toBe("7");
    expect((await skiff(["history", "deployment/web"])).stdout).toBe(await history());
  });
});
