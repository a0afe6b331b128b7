import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { runRolloutStatus, type RolloutStatusOptions } from "../../src/cli/commands/rollout-status.js";
import { runRollout } from "../../src/cli/commands/rollout.js";
import { UsageError } from "../../src/cli/flags.js";
import { eventually } from "../../src/client/informer/testing/eventually.js";
import type { ApiObject } from "../../src/client/rest/rest-client.js";
import { deploymentObject } from "../support/deployment.js";
import { useKubectlServer } from "../support/server-hooks.js";
import { CapturedIo, runCommand } from "./cli-harness.js";

// `skiff rollout status` against a real server, beside the real kubectl. No
// deployment controller runs yet: the tests write each Deployment's status
// through /status, as the controller will.
// The workload controllers are off: the ReplicaSets and statuses here are written by hand, step by step.
const { server, kubeconfig, kubectl } = useKubectlServer({ controllers: ["*", "-scheduler", "-replicaset", "-deployment"] });

const deployments = { group: "apps", version: "v1", resource: "deployments", namespaced: true };

const deployment = (name: string): ApiObject => deploymentObject(name, "skiff-test/busybox:1", { namespace: "default", replicas: 3 });

const create = (name: string): Promise<ApiObject> => server().client.create(deployments, "default", deployment(name));

/** Writes status fields as the deployment controller would (a merge patch of /status). */
const setStatus = (name: string, status: Record<string, unknown>): Promise<ApiObject> =>
  server().client.patch(deployments, "default", name, "merge", { status }, { subresource: "status" });

/** `skiff rollout status ...` running in this process; `interrupt()` is Ctrl-C. */
function skiffStatus(args: string[], options: RolloutStatusOptions = {}): { io: CapturedIo; interrupt(): void; exit: Promise<number> } {
  const controller = new AbortController();
  const io = new CapturedIo(controller.signal);
  const exit = runRolloutStatus(["--kubeconfig", kubeconfig(), ...args], io, options);
  return { io, interrupt: () => controller.abort(), exit };
}

/** The real `kubectl rollout status ...`, its output read as it comes. */
function kubectlStatus(args: string[]): { output(): string; exit: Promise<number> } {
  const child = spawn("kubectl", ["--kubeconfig", kubeconfig(), "rollout", "status", ...args], { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  const exit = new Promise<number>((resolve) => child.on("exit", (code) => resolve(code ?? -1)));
  return { output: () => output, exit };
}

const waiting = (name: string, what: string): string => `Waiting for deployment "${name}" rollout to finish: ${what}...\n`;

describe("skiff rollout status", () => {
  it("prints each step of a rollout until it is done, line for line as kubectl", async () => {
    await create("steps");
    const ours = skiffStatus(["deployment/steps"]);
    const theirs = kubectlStatus(["deployment/steps"]);
    const steps: Array<[Record<string, unknown>, string]> = [
      [{ observedGeneration: 1, replicas: 3, updatedReplicas: 1 }, waiting("steps", "1 out of 3 new replicas have been updated")],
      [{ replicas: 4, updatedReplicas: 3 }, waiting("steps", "1 old replicas are pending termination")],
      [{ replicas: 3, availableReplicas: 2 }, waiting("steps", "2 of 3 updated replicas are available")],
      [{ availableReplicas: 3 }, 'deployment "steps" successfully rolled out\n'],
    ];
    let expected = "Waiting for deployment spec update to be observed...\n";
    for (const [status, line] of steps) {
      // Both have seen the Deployment as it is before it changes again.
      await eventually("both print the last step", () => ours.io.stdoutText === expected && theirs.output() === expected, 15_000);
      await setStatus("steps", status);
      expected += line;
    }
    expect(await ours.exit).toBe(0);
    expect(await theirs.exit).toBe(0);
    expect(ours.io.stdoutText).toBe(expected);
    expect(theirs.output()).toBe(expected);
    expect(ours.io.stderrText).toBe("");
  });

  it("fails once the progress deadline is exceeded", async () => {
    await create("stuck");
    await setStatus("stuck", { observedGeneration: 1, replicas: 3, updatedReplicas: 1 });
    const ours = skiffStatus(["deploy", "stuck"]);
    await eventually("the first line", () => ours.io.stdoutText !== "");
    await setStatus("stuck", { conditions: [{ type: "Progressing", status: "False", reason: "ProgressDeadlineExceeded", message: 'ReplicaSet "stuck-1" has timed out progressing.' }] });
    expect(await ours.exit).toBe(1);
    expect(ours.io.stdoutText).toBe(waiting("stuck", "1 out of 3 new replicas have been updated"));
    expect(ours.io.stderrText).toBe('error: deployment "stuck" exceeded its progress deadline\n');
  });

  // kubectl's own lines, taken from kubectl 1.32 on these states. (kubectl itself is not run here: with
  // --watch=false it waits for its watch request to be answered, and the server answers a watch only
  // once it has an event to send.)
  it("with --watch=false prints once, whatever the state", async () => {
    await create("once");
    const states: Array<[Record<string, unknown>, { code: number; stdout: string; stderr: string }]> = [
      [{}, { code: 0, stdout: "Waiting for deployment spec update to be observed...\n", stderr: "" }],
      [{ observedGeneration: 1, replicas: 3, updatedReplicas: 2 }, { code: 0, stdout: waiting("once", "2 out of 3 new replicas have been updated"), stderr: "" }],
      [{ replicas: 5, updatedReplicas: 3 }, { code: 0, stdout: waiting("once", "2 old replicas are pending termination"), stderr: "" }],
      [{ replicas: 3, availableReplicas: 1 }, { code: 0, stdout: waiting("once", "1 of 3 updated replicas are available"), stderr: "" }],
      [{ availableReplicas: 3 }, { code: 0, stdout: 'deployment "once" successfully rolled out\n', stderr: "" }],
      [
        { conditions: [{ type: "Progressing", status: "False", reason: "ProgressDeadlineExceeded" }] },
        { code: 1, stdout: "", stderr: 'error: deployment "once" exceeded its progress deadline\n' },
      ],
    ];
    for (const [status, expected] of states) {
      await setStatus("once", status);
      expect(await runCommand(runRollout, kubeconfig(), ["status", "deployment/once", "--watch=false"])).toEqual(expected);
    }
  });

  it("gives up after --timeout", async () => {
    await create("slow");
    const started = Date.now();
    const ours = skiffStatus(["deployment/slow", "--timeout=300ms"]);
    expect(await ours.exit).toBe(1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    expect(ours.io.stdoutText).toBe("Waiting for deployment spec update to be observed...\n");
    expect(ours.io.stderrText).toBe("error: timed out waiting for the condition\n");
  });

  it("stops when interrupted, saying nothing more", async () => {
    await create("interrupted");
    const ours = skiffStatus(["deployment/interrupted"]);
    await eventually("the first line", () => ours.io.stdoutText !== "");
    ours.interrupt();
    expect(await ours.exit).toBe(1);
    expect(ours.io.stderrText).toBe("");
  });

  it("fails when the Deployment is deleted while it watches", async () => {
    await create("doomed");
    const ours = skiffStatus(["deployment/doomed"]);
    await eventually("the first line", () => ours.io.stdoutText !== "");
    await server().client.delete(deployments, "default", "doomed");
    expect(await ours.exit).toBe(1);
    expect(ours.io.stderrText).toBe("error: object has been deleted\n");
  });

  it("goes on watching when the server ends a watch", async () => {
    await create("long");
    await setStatus("long", { observedGeneration: 1, replicas: 3, updatedReplicas: 3, availableReplicas: 1 });
    const ours = skiffStatus(["deployment/long"], { watchTimeoutSeconds: 1 });
    await eventually("the first line", () => ours.io.stdoutText !== "");
    // Past the first watch's end.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    await setStatus("long", { availableReplicas: 3 });
    expect(await ours.exit).toBe(0);
    expect(ours.io.stdoutText).toBe(`${waiting("long", "1 of 3 updated replicas are available")}deployment "long" successfully rolled out\n`);
  });

  it("holds to --revision", async () => {
    await create("pinned");
    await server().client.patch(deployments, "default", "pinned", "merge", { metadata: { annotations: { "deployment.kubernetes.io/revision": "2" } } });
    expect(await runCommand(runRollout, kubeconfig(), ["status", "deployment/pinned", "--revision=3"])).toEqual({
      code: 1,
      stdout: "",
      stderr: "error: desired revision (3) is different from the running revision (2)\n",
    });
  });

  it("reports what it cannot watch as kubectl does", async () => {
    const missing = await runCommand(runRollout, kubeconfig(), ["status", "deployment/nope"]);
    expect(missing).toEqual({ code: 1, stdout: "", stderr: 'Error from server (NotFound): deployments.apps "nope" not found\n' });
    await server().client.create({ group: "", version: "v1", resource: "configmaps", namespaced: true }, "default", { metadata: { name: "settings" }, data: {} });
    const wrongKind = await runCommand(runRollout, kubeconfig(), ["status", "configmap/settings"]);
    const theirs = await kubectl(["rollout", "status", "configmap/settings"]);
    expect(wrongKind).toEqual({ code: 1, stdout: "", stderr: "error: no status viewer has been implemented for ConfigMap\n" });
    expect(theirs.stderr).toBe(wrongKind.stderr);
  });

  it("refuses arguments kubectl refuses", async () => {
    await expect(runCommand(runRollout, kubeconfig(), ["status"])).rejects.toThrow(new UsageError("required resource not specified"));
    await expect(runCommand(runRollout, kubeconfig(), ["status", "deploy/x", "--revision=-1"])).rejects.toThrow("revision must be a positive integer: -1");
    await expect(runCommand(runRollout, kubeconfig(), ["status", "deploy/x", "--timeout=soon"])).rejects.toThrow(/--timeout: invalid duration "soon"/);
    await expect(runCommand(runRollout, kubeconfig(), ["status", "deploy/x", "--watch=maybe"])).rejects.toThrow(/must be true or false/);
    await expect(runCommand(runRollout, kubeconfig(), ["pause", "deploy/x"])).rejects.toThrow('unknown subcommand "pause": status, history or undo');
  });
});
