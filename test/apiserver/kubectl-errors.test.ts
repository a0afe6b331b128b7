import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { kubectlRunner, type KubectlResult } from "../support/kubectl.js";
import { useKubectlServer } from "../support/server-hooks.js";
import { useTempDir } from "../support/temp-dir.js";

// What kubectl 1.32 prints when the server says no: the Status reason and
// message come through to the user's terminal, so they must be Kubernetes'.
const { kubeconfig: adminKubeconfig, kubectl } = useKubectlServer();
const work = useTempDir("skiff-kubectl-errors-");

const failure = (stderr: string): KubectlResult => ({ code: 1, stdout: "", stderr });

const configMap = (name: string): string => `apiVersion: v1
kind: ConfigMap
metadata:
  name: ${name}
data: {mode: fast}
`;

describe("kubectl error output", () => {
  it("reports NotFound for get, delete and describe", async () => {
    expect(await kubectl(["get", "pod", "nowhere"])).toEqual(failure('Error from server (NotFound): pods "nowhere" not found\n'));
    expect(await kubectl(["delete", "deployment", "nowhere"])).toEqual(
      failure('Error from server (NotFound): deployments.apps "nowhere" not found\n'),
    );
    expect(await kubectl(["describe", "node", "nowhere"])).toEqual(failure('Error from server (NotFound): nodes "nowhere" not found\n'));
    expect(await kubectl(["delete", "pod", "nowhere", "--ignore-not-found"])).toEqual({ code: 0, stdout: "", stderr: "" });
  });

  it("reports a missing namespace when creating into it", async () => {
    expect(await kubectl(["create", "-n", "nowhere", "-f", "-"], configMap("lost"))).toEqual(
      failure('Error from server (NotFound): error when creating "STDIN": namespaces "nowhere" not found\n'),
    );
  });

  it("reports AlreadyExists when the same file is created twice", async () => {
    const file = join(work(), "twice.yaml");
    await writeFile(file, configMap("twice"));
    expect(await kubectl(["create", "-f", file])).toEqual({ code: 0, stdout: "configmap/twice created\n", stderr: "" });
    expect(await kubectl(["create", "-f", file])).toEqual(
      failure(`Error from server (AlreadyExists): error when creating "${file}": configmaps "twice" already exists\n`),
    );
  });

  it("reports an invalid object with one line per bad field", async () => {
    const pod = `apiVersion: v1
kind: Pod
metadata:
  name: Bad_Name
  labels: {"bad key!": v}
spec:
  containers:
  - name: app
    image: ""
  - name: app
    image: skiff-test/busybox:1
    ports: [{containerPort: 70000}]
`;
    const result = await kubectl(["create", "-f", "-"], pod);
    expect(result.code).toBe(1);
    const lines = result.stderr.split("\n").filter(Boolean);
    expect(lines[0]).toBe('The Pod "Bad_Name" is invalid: ');
    expect(lines.slice(1).map((line) => line.replace(/: .*$/, ""))).toEqual([
      "* metadata.name",
      "* metadata.labels",
      "* spec.containers[0].image",
      // As Kubernetes: a container's own fields first, then the check across containers.
      "* spec.containers[1].ports[0].containerPort",
      "* spec.containers[1].name",
    ]);
    expect(lines).toContain("* spec.containers[0].image: Required value");
    expect(lines).toContain('* spec.containers[1].name: Duplicate value: "app"');
    expect(lines).toContain("* spec.containers[1].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive");
  });

  it("reports a Deployment whose selector does not match its template", async () => {
    const deployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: mismatch
spec:
  selector:
    matchLabels: {app: a}
  template:
    metadata:
      labels: {app: b}
    spec:
      containers:
      - {name: main, image: skiff-test/busybox:1}
`;
    expect(await kubectl(["apply", "-f", "-"], deployment)).toEqual(
      failure(
        'The Deployment "mismatch" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"b"}: `selector` does not match template `labels`\n',
      ),
    );
  });

  it("names an unknown resource type from discovery", async () => {
    expect(await kubectl(["get", "widgets"])).toEqual(failure('error: the server doesn\'t have a resource type "widgets"\n'));
  });

  it("tells a client with a wrong token to log in", async () => {
    const kubeconfig = join(work(), "wrong-token.kubeconfig");
    const admin = await readFile(adminKubeconfig(), "utf8");
    expect(admin).toMatch(/token: \S+/);
    await writeFile(kubeconfig, admin.replace(/token: \S+/, "token: not-the-token"));
    const stranger = await kubectlRunner(kubeconfig);
    const result = await stranger(["get", "pods"]);
    expect(result.code).toBe(1);
    expect(result.stderr.split("\n").filter(Boolean).at(-1)).toBe(
      "error: You must be logged in to the server (the server has asked for the client to provide credentials)",
    );
  });
});
