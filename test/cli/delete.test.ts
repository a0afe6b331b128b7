import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runDelete } from "../../src/cli/commands/delete.js";
import { UsageError } from "../../src/cli/flags.js";
import { isNotFound, type ApiObject } from "../../src/client/rest/rest-client.js";
import { eventually } from "../../src/client/informer/testing/eventually.js";
import { useKubectlServer } from "../support/server-hooks.js";
import { useTempDir } from "../support/temp-dir.js";
import { CapturedIo, runCommand, type CliResult } from "./cli-harness.js";

const { server, kubeconfig, kubectl } = useKubectlServer();
const dir = useTempDir("skiff-cli-delete-");

const pods = { group: "", version: "v1", resource: "pods", namespaced: true };

const pod = (name: string, labels: Record<string, string> = {}, finalizers?: string[]): ApiObject => ({
  apiVersion: "v1",
  kind: "Pod",
  metadata: { name, namespace: "default", labels, ...(finalizers ? { finalizers } : {}) },
  spec: { containers: [{ name: "main", image: "skiff-test/busybox:1" }] },
});

const del = (args: string[]): Promise<CliResult> => runCommand(runDelete, kubeconfig(), args);

async function exists(name: string): Promise<boolean> {
  try {
    await server().client.get(pods, "default", name);
    return true;
  } catch (error) {
    if (isNotFound(error)) return false;
    throw error;
  }
}

const release = (name: string) => server().client.patch(pods, "default", name, "merge", { metadata: { finalizers: null } });

describe("skiff delete", () => {
  it("deletes by name and prints what kubectl prints", async () => {
    await server().client.create(pods, "default", pod("ours"));
    await server().client.create(pods, "default", pod("theirs"));
    const ours = await del(["pod", "ours"]);
    const theirs = await kubectl(["delete", "pod", "theirs"]);
    expect(ours).toEqual({ code: 0, stdout: 'pod "ours" deleted\n', stderr: "" });
    expect(ours.stdout.replace("ours", "theirs")).toBe(theirs.stdout);
    expect(await exists("ours")).toBe(false);
  });

  it("waits until an object held by a finalizer is gone", async () => {
    await server().client.create(pods, "default", pod("held", {}, ["example.com/hold"]));
    const io = new CapturedIo();
    let settled = false;
    const running = runDelete(["--kubeconfig", kubeconfig(), "pod", "held"], io).finally(() => (settled = true));
    await eventually("the delete", () => io.stdoutText === 'pod "held" deleted\n');
    // Marked for deletion, still there: the command is still waiting.
    const marked = await server().client.get(pods, "default", "held");
    expect(marked.metadata?.deletionTimestamp).toBeDefined();
    expect(settled).toBe(false);
    await release("held");
    expect(await running).toBe(0);
    expect(await exists("held")).toBe(false);
  });

  it("returns at once with --wait=false, and gives up after --timeout", async () => {
    await server().client.create(pods, "default", pod("kept", {}, ["example.com/hold"]));
    expect(await del(["pod", "kept", "--wait=false"])).toEqual({ code: 0, stdout: 'pod "kept" deleted\n', stderr: "" });
    expect(await exists("kept")).toBe(true);
    const late = await del(["pod/kept", "--timeout=300ms"]);
    expect(late).toEqual({
      code: 1,
      stdout: 'pod "kept" deleted\n',
      stderr: "error: timed out waiting for the condition on pods/kept\n",
    });
    await release("kept");
  });

  it("deletes what a selector or --all picks", async () => {
    await server().client.create(pods, "default", pod("sel-a", { group: "sel" }));
    await server().client.create(pods, "default", pod("sel-b", { group: "sel" }));
    await server().client.create(pods, "default", pod("other", { group: "other" }));
    expect(await del(["pods", "-l", "group=sel"])).toEqual({ code: 0, stdout: 'pod "sel-a" deleted\npod "sel-b" deleted\n', stderr: "" });
    expect(await exists("other")).toBe(true);
    expect(await del(["pods", "-l", "group=sel"])).toEqual({ code: 0, stdout: "No resources found\n", stderr: "" });
    expect((await kubectl(["delete", "pods", "-l", "group=sel"])).stdout).toBe("No resources found\n");
    await del(["pods", "--all"]);
    expect(await exists("other")).toBe(false);
  });

  it("deletes the objects of a manifest file, naming the file when one is missing", async () => {
    const file = join(dir(), "app.yaml");
    await writeFile(
      file,
      `apiVersion: v1
kind: Pod
metadata: {name: file-pod}
spec:
  containers: [{name: main, image: skiff-test/busybox:1}]
---
apiVersion: v1
kind: Service
metadata: {name: file-svc}
spec:
  ports: [{port: 80}]
`,
    );
    expect((await kubectl(["apply", "-f", file])).code).toBe(0);
    expect(await del(["-f", file])).toEqual({ code: 0, stdout: 'pod "file-pod" deleted\nservice "file-svc" deleted\n', stderr: "" });
    const again = await del(["-f", file]);
    const theirs = await kubectl(["delete", "-f", file]);
    expect(again).toEqual({
      code: 1,
      stdout: "",
      stderr: `Error from server (NotFound): error when deleting "${file}": pods "file-pod" not found\nError from server (NotFound): error when deleting "${file}": services "file-svc" not found\n`,
    });
    expect(again.stderr).toBe(theirs.stderr);
  });

  it("reports a missing object as kubectl does, unless told to ignore it", async () => {
    await server().client.create(pods, "default", pod("present"));
    const ours = await del(["pods", "nope", "present"]);
    expect(ours).toEqual({ code: 1, stdout: 'pod "present" deleted\n', stderr: 'Error from server (NotFound): pods "nope" not found\n' });
    expect(await del(["pod", "nope", "--ignore-not-found"])).toEqual({ code: 0, stdout: "", stderr: "" });
  });

  it("refuses arguments that pick nothing or too much", async () => {
    await expect(del([])).rejects.toThrow(UsageError);
    await expect(del(["pods"])).rejects.toThrow(/no name was specified/);
    await expect(del(["pods", "x", "-l", "a=b"])).rejects.toThrow(UsageError);
    await expect(del(["pods", "x", "-f", "app.yaml"])).rejects.toThrow(UsageError);
    await expect(del(["pods", "x", "--timeout=soon"])).rejects.toThrow(/invalid duration/);
    await expect(del(["pods", "x", "--wait=maybe"])).rejects.toThrow(UsageError);
  });
});
