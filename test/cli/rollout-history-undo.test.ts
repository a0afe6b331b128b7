import { beforeAll, describe, expect, it } from "vitest";
import { runRollout } from "../../src/cli/commands/rollout.js";
import type { ApiObject } from "../../src/client/rest/rest-client.js";
import type { KubectlResult } from "../support/kubectl.js";
import { useKubectlServer } from "../support/server-hooks.js";
import { runCommand, type CliResult } from "./cli-harness.js";

// `skiff rollout history|undo` and the real kubectl on the same objects. No
// deployment controller runs yet: the tests make each Deployment's
// ReplicaSets as it would (owner reference, revision annotation, hash label).
// The workload controllers are off: the ReplicaSets and statuses here are written by hand, step by step.
const { server, kubeconfig, kubectl } = useKubectlServer({ controllers: ["*", "-scheduler", "-replicaset", "-deployment"] });

const namespaces = { group: "", version: "v1", resource: "namespaces", namespaced: false };
const deployments = { group: "apps", version: "v1", resource: "deployments", namespaced: true };
const replicaSets = { group: "apps", version: "v1", resource: "replicasets", namespaced: true };

/** The pod template of revision `n`: one more thing changes with each revision. */
const template = (app: string, n: number, hash?: string): Record<string, unknown> => ({
  metadata: { labels: { app, ...(hash ? { "pod-template-hash": hash } : {}) }, ...(n === 2 ? { annotations: { "prometheus.io/scrape": "true" } } : {}) },
  spec: {
    containers: [
      {
        name: "main",
        image: `nginx:1.${n}`,
        ports: [{ containerPort: 80 }],
        env: [{ name: "REVISION", value: String(n) }],
        ...(n >= 2 ? { resources: { requests: { cpu: "100m", memory: "64Mi" } }, volumeMounts: [{ name: "cache", mountPath: "/cache" }] } : {}),
      },
    ],
    ...(n >= 2 ? { volumes: [{ name: "cache", emptyDir: {} }] } : {}),
  },
});

const causes: Record<number, string> = { 1: "kubectl create deployment web --image=nginx:1.1", 3: "kubectl set image deployment/web main=nginx:1.3" };

/**
 * A Deployment at revision 3 in `namespace` with the ReplicaSets of revisions
 * 1 to 3, and two ReplicaSets its selector matches that it does not control.
 */
async function deploymentWithHistory(namespace: string, name: string, options: { paused?: boolean } = {}): Promise<void> {
  const created = await server().client.create(deployments, namespace, {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: {
      name,
      annotations: {
        "deployment.kubernetes.io/revision": "3",
        "kubernetes.io/change-cause": causes[3]!,
        team: "payments",
      },
    },
    spec: { replicas: 2, selector: { matchLabels: { app: name } }, template: template(name, 3), ...(options.paused ? { paused: true } : {}) },
  });
  const owner = { apiVersion: "apps/v1", kind: "Deployment", name, uid: created.metadata?.uid, controller: true, blockOwnerDeletion: true };
  const replicaSet = (rsName: string, n: number, ownerReferences: unknown[]): ApiObject => ({
    apiVersion: "apps/v1",
    kind: "ReplicaSet",
    metadata: {
      name: rsName,
      labels: { app: name, "pod-template-hash": `h${n}` },
      annotations: {
        "deployment.kubernetes.io/revision": String(n),
        "deployment.kubernetes.io/desired-replicas": "2",
        "deployment.kubernetes.io/max-replicas": "3",
        ...(causes[n] ? { "kubernetes.io/change-cause": causes[n] } : {}),
      },
      ownerReferences,
    },
    spec: { replicas: n === 3 ? 2 : 0, selector: { matchLabels: { app: name, "pod-template-hash": `h${n}` } }, template: template(name, n, `h${n}`) },
  });
  for (const n of [1, 2, 3]) await server().client.create(replicaSets, namespace, replicaSet(`${name}-h${n}`, n, [owner]));
  await server().client.create(replicaSets, namespace, replicaSet(`${name}-orphan`, 7, []));
  await server().client.create(replicaSets, namespace, replicaSet(`${name}-adopted`, 8, [{ ...owner, controller: false }]));
}

beforeAll(async () => {
  for (const name of ["shown", "ours", "theirs"]) await server().client.create(namespaces, undefined, { metadata: { name } });
  await deploymentWithHistory("shown", "web");
  await server().client.create(deployments, "shown", {
    metadata: { name: "fresh" },
    spec: { selector: { matchLabels: { app: "fresh" } }, template: template("fresh", 1) },
  });
});

const skiff = (args: string[]): Promise<CliResult> => runCommand(runRollout, kubeconfig(), args);

/**
 * An object without empty maps and lists: kubectl sends templates through Go
 * types, which write `resources: {}` where the template had none, and skiff
 * sends them as stored; the server keeps both as sent.
 */
function withoutEmpty(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutEmpty);
  if (typeof value !== "object" || value === null) return value;
  const kept = Object.entries(value)
    .map(([key, field]) => [key, withoutEmpty(field)] as const)
    .filter(([, field]) => !(typeof field === "object" && field !== null && Object.keys(field).length === 0));
  return Object.fromEntries(kept);
}

/** What kubectl printed, in the shape of a skiff result. */
const asResult = (result: KubectlResult): CliResult => ({ code: result.code, stdout: result.stdout, stderr: result.stderr });

describe("skiff rollout history", () => {
  it("lists the revisions of the ReplicaSets the Deployment controls, as kubectl", async () => {
    const ours = await skiff(["history", "deployment/web", "-n", "shown"]);
    expect(ours).toEqual({
      code: 0,
      stdout: [
        "deployment.apps/web ",
        "REVISION  CHANGE-CAUSE",
        `1         ${causes[1]}`,
        "2         <none>",
        `3         ${causes[3]}`,
        "",
        "",
      ].join("\n"),
      stderr: "",
    });
    expect(asResult(await kubectl(["rollout", "history", "deployment/web", "-n", "shown"]))).toEqual(ours);
  });

  it("shows one revision's pod template byte for byte as kubectl", async () => {
    for (const revision of ["1", "2", "3"]) {
      const ours = await skiff(["history", "deploy", "web", "-n", "shown", `--revision=${revision}`]);
      expect(ours.stdout).toMatch(new RegExp(`^deployment.apps/web with revision #${revision}\nPod Template:\n`));
      expect(asResult(await kubectl(["rollout", "history", "deploy", "web", "-n", "shown", `--revision=${revision}`]))).toEqual(ours);
    }
  });

  it("says so when there is no history, and fails on a revision not in it", async () => {
    const fresh = await skiff(["history", "deployment/fresh", "-n", "shown"]);
    expect(fresh).toEqual({ code: 0, stdout: "deployment.apps/fresh \nNo rollout history found.\n", stderr: "" });
    const missing = await skiff(["history", "deployment/web", "-n", "shown", "--revision", "9"]);
    expect(missing).toEqual({ code: 1, stdout: "", stderr: "error: unable to find the specified revision\n" });
    for (const [args, ours] of [
      [["deployment/fresh"], fresh],
      [["deployment/web", "--revision", "9"], missing],
    ] as const) {
      expect(asResult(await kubectl(["rollout", "history", "-n", "shown", ...args]))).toEqual(ours);
    }
  });

  it("shows every Deployment of the namespace when none is named", async () => {
    const ours = await skiff(["history", "deployments", "-n", "shown"]);
    expect(ours.stdout).toMatch(/^deployment.apps\/fresh \nNo rollout history found.\ndeployment.apps\/web \nREVISION/);
    expect(asResult(await kubectl(["rollout", "history", "deployments", "-n", "shown"]))).toEqual(ours);
  });

  it("reports what it cannot show as kubectl does", async () => {
    const ours = await skiff(["history", "deployment/nope", "replicaset/web-h1", "-n", "shown"]);
    expect(ours).toEqual({
      code: 1,
      stdout: "",
      stderr: 'Error from server (NotFound): deployments.apps "nope" not found\nerror: no history viewer has been implemented for "ReplicaSet.apps"\n',
    });
    const theirs = await kubectl(["rollout", "history", "replicaset/web-h1", "-n", "shown"]);
    expect(theirs.stderr).toBe('error: no history viewer has been implemented for "ReplicaSet.apps"\n');
    await expect(skiff(["history"])).rejects.toThrow("required resource not specified");
    await expect(skiff(["history", "deploy/web", "--revision=-2"])).rejects.toThrow(/--revision: must be a whole number/);
  });
});

describe("skiff rollout undo", () => {
  /** Runs one undo with skiff in namespace "ours" and with kubectl in "theirs", and checks both did the same. */
  async function undoBoth(args: string[]): Promise<CliResult> {
    const ours = await skiff(["undo", "deployment/web", "-n", "ours", ...args]);
    const theirs = asResult(await kubectl(["rollout", "undo", "deployment/web", "-n", "theirs", ...args]));
    expect(ours).toEqual(theirs);
    const [a, b] = await Promise.all(["ours", "theirs"].map((ns) => server().client.get(deployments, ns, "web")));
    expect(withoutEmpty(a?.spec)).toEqual(withoutEmpty(b?.spec));
    expect(a?.metadata?.annotations).toEqual(b?.metadata?.annotations);
    return ours;
  }

  it("rolls back to the previous revision, then to the one asked for, as kubectl does", async () => {
    await deploymentWithHistory("ours", "web");
    await deploymentWithHistory("theirs", "web");

    expect(await undoBoth([])).toEqual({ code: 0, stdout: "deployment.apps/web rolled back\n", stderr: "" });
    const back = await server().client.get(deployments, "ours", "web");
    const spec = back.spec as { template: { metadata: { labels: Record<string, string>; annotations?: Record<string, string> } } };
    expect(spec.template.metadata.labels).toEqual({ app: "web" });
    expect(spec.template.metadata.annotations).toEqual({ "prometheus.io/scrape": "true" });
    // The Deployment keeps its revision, loses what the ReplicaSet does not have, and takes no controller bookkeeping.
    expect(back.metadata?.annotations).toEqual({ "deployment.kubernetes.io/revision": "3" });

    // Revision 2 is now the Deployment's template, and the highest revision but one.
    expect(await undoBoth([])).toEqual({ code: 0, stdout: "deployment.apps/web skipped rollback (current template already matches revision 0)\n", stderr: "" });

    expect(await undoBoth(["--to-revision=1"])).toEqual({ code: 0, stdout: "deployment.apps/web rolled back\n", stderr: "" });
    const first = await server().client.get(deployments, "ours", "web");
    expect(first.metadata?.annotations).toEqual({ "deployment.kubernetes.io/revision": "3", "kubernetes.io/change-cause": causes[1] });
    expect((first.spec as { template: unknown }).template).toMatchObject(template("web", 1));

    expect(await undoBoth(["--to-revision=1"])).toEqual({
      code: 0,
      stdout: "deployment.apps/web skipped rollback (current template already matches revision 1)\n",
      stderr: "",
    });
    expect(await undoBoth(["--to-revision=7"])).toEqual({ code: 1, stdout: "", stderr: "error: unable to find specified revision 7 in history\n" });
  });

  it("refuses a paused Deployment, one without history, and other kinds, as kubectl", async () => {
    await server().client.create(namespaces, undefined, { metadata: { name: "paused" } });
    await deploymentWithHistory("paused", "web", { paused: true });
    const paused = await skiff(["undo", "deployment/web", "-n", "paused"]);
    expect(paused).toEqual({
      code: 1,
      stdout: "",
      stderr: "error: you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again\n",
    });
    const fresh = await skiff(["undo", "deployment/fresh", "-n", "shown"]);
    expect(fresh).toEqual({ code: 1, stdout: "", stderr: 'error: no rollout history found for deployment "fresh"\n' });
    const wrongKind = await skiff(["undo", "rs/web-h1", "-n", "shown"]);
    expect(wrongKind).toEqual({ code: 1, stdout: "", stderr: 'error: no rollbacker has been implemented for "ReplicaSet.apps"\n' });
    for (const [args, ours] of [
      [["deployment/web", "-n", "paused"], paused],
      [["deployment/fresh", "-n", "shown"], fresh],
      [["rs/web-h1", "-n", "shown"], wrongKind],
    ] as const) {
      expect(asResult(await kubectl(["rollout", "undo", ...args]))).toEqual(ours);
    }
    await expect(skiff(["undo", "deployment/web", "--to-revision=last"])).rejects.toThrow(/--to-revision: must be a whole number/);
  });
});
