import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runApply } from "../../src/cli/commands/apply.js";
import { runGet } from "../../src/cli/commands/get.js";
import { useTestServer } from "../support/server-hooks.js";
import { runCommand } from "./cli-harness.js";

const { kubeconfig } = useTestServer();

describe("skiff apply", () => {
  it("creates the example app, then finds it unchanged", async () => {
    const first = await runCommand(runApply, kubeconfig(), ["-f", "examples/hello"]);
    expect(first).toEqual({
      code: 0,
      stdout: "configmap/hello-page created\ndeployment.apps/hello created\nservice/hello created\n",
      stderr: "",
    });
    const second = await runCommand(runApply, kubeconfig(), ["-f", "examples/hello/hello.yaml"]);
    expect(second.stdout).toBe("configmap/hello-page unchanged\ndeployment.apps/hello unchanged\nservice/hello unchanged\n");
  });

  it("names the file, line and field of every invalid field, and applies the rest", async () => {
    const dir = await mkdtemp(join(tmpdir(), "skiff-apply-"));
    const file = join(dir, "broken.yaml");
    await writeFile(
      file,
      [
        "apiVersion: v1",
        "kind: ConfigMap",
        "metadata:",
        "  name: fine",
        "---",
        "apiVersion: apps/v1",
        "kind: Deployment",
        "metadata:",
        "  name: broken",
        "spec:",
        "  replicas: -1",
        "  selector:",
        "    matchLabels: {app: a}",
        "  template:",
        "    metadata:",
        "      labels: {app: a}",
        "    spec:",
        "      containers:",
        "      - name: main",
        "",
      ].join("\n"),
    );
    const result = await runCommand(runApply, kubeconfig(), ["-f", file]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("configmap/fine created\n");
    expect(result.stderr.split("\n").filter(Boolean).sort()).toEqual([
      `error: ${file}:11:3: document 2: spec.replicas: Invalid value: -1: must be greater than or equal to 0`,
      `error: ${file}:19:9: document 2: spec.template.spec.containers[0].image: Required value`,
    ]);
  });

  it("reports YAML syntax errors without applying anything", async () => {
    const dir = await mkdtemp(join(tmpdir(), "skiff-apply-"));
    const file = join(dir, "bad.yaml");
    await writeFile(file, "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n   bad: indent\n");
    const result = await runCommand(runApply, kubeconfig(), ["-f", file]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toBe(`error: ${file}:4:9: nested mappings are not allowed in compact mappings\n`);
  });

  it("re-applies a Pod the server filled in, and removes a label dropped from the file while the server's fields stay", async () => {
    const dir = await mkdtemp(join(tmpdir(), "skiff-apply-"));
    const file = join(dir, "pod.yaml");
    const pod = (labels: string) =>
      `apiVersion: v1\nkind: Pod\nmetadata:\n  name: reapplied\n  labels: {${labels}}\nspec:\n  containers:\n  - {name: main, image: skiff-test/busybox:1}\n`;
    await writeFile(file, pod("app: web, tier: front"));
    expect((await runCommand(runApply, kubeconfig(), ["-f", file])).stdout).toBe("pod/reapplied created\n");
    expect(await runCommand(runApply, kubeconfig(), ["-f", file])).toEqual({ code: 0, stdout: "pod/reapplied unchanged\n", stderr: "" });
    await writeFile(file, pod("app: web"));
    expect(await runCommand(runApply, kubeconfig(), ["-f", file])).toEqual({ code: 0, stdout: "pod/reapplied configured\n", stderr: "" });
    const shown = await runCommand(runGet, kubeconfig(), ["pod", "reapplied", "-o", "json"]);
    const object = JSON.parse(shown.stdout) as { metadata: { labels: Record<string, string> }; spec: { volumes?: { name: string }[] } };
    expect(object.metadata.labels).toEqual({ app: "web" });
    // The ServiceAccount token volume the server added is not the file's to remove.
    expect(object.spec.volumes?.map((v) => v.name)).toEqual([expect.stringMatching(/^kube-api-access-/)]);
  });
});
