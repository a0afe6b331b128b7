import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { deploymentManifest } from "../support/deployment.js";
import { useKubectlServer } from "../support/server-hooks.js";
import { useTempDir } from "../support/temp-dir.js";

// kubectl 1.32 changing live objects: delete (from a file, by name, by label,
// waiting out a finalizer), scale, label, annotate, the three patch types,
// cordon and uncordon.
const { kubectl, ok } = useKubectlServer();
const manifests = useTempDir("skiff-kubectl-edit-");

const jsonpath = (args: string[], path: string): Promise<string> => ok([...args, "-o", `jsonpath=${path}`]);

const configMap = (name: string, extraMetadata = ""): string => `apiVersion: v1
kind: ConfigMap
metadata:
  name: ${name}
${extraMetadata}data: {mode: fast, level: "3"}
`;

const deployment = (name: string): string =>
  deploymentManifest(name, "skiff-test/busybox:1", {
    replicas: 2,
    container: { env: [{ name: "MODE", value: "fast" }] },
    sidecars: [{ name: "sidecar", image: "skiff-test/busybox:1" }],
  });

const node = (name: string): string => `apiVersion: v1
kind: Node
metadata:
  name: ${name}
`;

describe("kubectl delete", () => {
  it("deletes what a file names", async () => {
    const file = join(manifests(), "pair.yaml");
    await writeFile(file, `${configMap("pair-a")}---\n${configMap("pair-b")}`);
    await ok(["apply", "-f", file]);
    expect(await ok(["delete", "-f", file])).toBe('configmap "pair-a" deleted\nconfigmap "pair-b" deleted\n');
    const gone = await kubectl(["get", "-f", file]);
    expect(gone.stderr).toBe(
      'Error from server (NotFound): configmaps "pair-a" not found\nError from server (NotFound): configmaps "pair-b" not found\n',
    );
  });

  it("deletes by name, and by label leaving the rest", async () => {
    await ok(["apply", "-f", "-"], [configMap("solo"), configMap("tagged-1", "  labels: {batch: x}\n"), configMap("tagged-2", "  labels: {batch: x}\n"), configMap("kept", "  labels: {batch: other}\n")].join("---\n"));
    expect(await ok(["delete", "configmap", "solo"])).toBe('configmap "solo" deleted\n');
    expect(await ok(["delete", "configmaps", "-l", "batch=x"])).toBe('configmap "tagged-1" deleted\nconfigmap "tagged-2" deleted\n');
    expect(await ok(["get", "configmaps", "-l", "batch", "-o", "name"])).toBe("configmap/kept\n");
  });

  it("waits until a finalizer is removed before it reports the object deleted", async () => {
    await ok(["apply", "-f", "-"], configMap("held", "  finalizers: [example.com/hold]\n"));
    let finished = false;
    const deletion = kubectl(["delete", "configmap", "held"]).then((result) => {
      finished = true;
      return result;
    });
    // Marked, not gone: kubectl keeps waiting.
    const deadline = Date.now() + 5_000;
    while ((await jsonpath(["get", "configmap", "held"], "{.metadata.deletionTimestamp}")) === "") {
      if (Date.now() > deadline) throw new Error("the object was never marked for deletion");
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(finished).toBe(false);

    await ok(["patch", "configmap", "held", "--type=merge", "-p", '{"metadata":{"finalizers":null}}']);
    expect(await deletion).toEqual({ code: 0, stdout: 'configmap "held" deleted\n', stderr: "" });
    expect((await kubectl(["get", "configmap", "held"])).stderr).toBe('Error from server (NotFound): configmaps "held" not found\n');
  });
});

describe("kubectl scale", () => {
  it("scales a deployment and honours --current-replicas", async () => {
    await ok(["apply", "-f", "-"], deployment("scaled"));
    expect(await ok(["scale", "deployment", "scaled", "--replicas=5"])).toBe("deployment.apps/scaled scaled\n");
    expect(await jsonpath(["get", "deployment", "scaled"], "{.spec.replicas}")).toBe("5");

    const stale = await kubectl(["scale", "deployment", "scaled", "--current-replicas=4", "--replicas=6"]);
    expect(stale).toEqual({ code: 1, stdout: "", stderr: "error: Expected replicas to be 4, was 5\n" });
    // With a precondition kubectl reads the Scale and writes it back with PUT.
    expect(await ok(["scale", "deployment", "scaled", "--current-replicas=5", "--replicas=1"])).toBe("deployment.apps/scaled scaled\n");
    expect(await jsonpath(["get", "deployment", "scaled"], "{.spec.replicas}")).toBe("1");
    expect(await ok(["scale", "deployment", "scaled", "--replicas=0"])).toBe("deployment.apps/scaled scaled\n");
    expect(await jsonpath(["get", "deployment", "scaled"], "{.spec.replicas}")).toBe("0");
  });
});

describe("kubectl label and annotate", () => {
  it("adds, refuses to overwrite unless told, and removes labels", async () => {
    await ok(["apply", "-f", "-"], configMap("labelled"));
    expect(await ok(["label", "configmap", "labelled", "env=prod", "team=a"])).toBe("configmap/labelled labeled\n");
    const refused = await kubectl(["label", "configmap", "labelled", "env=dev"]);
    expect(refused).toEqual({ code: 1, stdout: "", stderr: "error: 'env' already has a value (prod), and --overwrite is false\n" });
    expect(await ok(["label", "configmap", "labelled", "env=dev", "--overwrite"])).toBe("configmap/labelled labeled\n");
    expect(await ok(["label", "configmap", "labelled", "team-"])).toBe("configmap/labelled unlabeled\n");
    expect(await jsonpath(["get", "configmap", "labelled"], "{.metadata.labels}")).toBe('{"env":"dev"}');
  });

  it("adds and removes annotations", async () => {
    await ok(["apply", "-f", "-"], configMap("annotated"));
    expect(await ok(["annotate", "configmap", "annotated", "owner=team-a", "ticket=42"])).toBe("configmap/annotated annotated\n");
    expect(await ok(["annotate", "configmap", "annotated", "owner-"])).toBe("configmap/annotated annotated\n");
    const annotations = JSON.parse(await jsonpath(["get", "configmap", "annotated"], "{.metadata.annotations}")) as Record<string, string>;
    expect(annotations.ticket).toBe("42");
    expect(annotations.owner).toBeUndefined();
    // The annotation kubectl apply keeps stays untouched.
    expect(Object.keys(annotations).sort()).toEqual(["kubectl.kubernetes.io/last-applied-configuration", "ticket"]);
  });
});

describe("kubectl patch", () => {
  it("merges a strategic patch into the container of the same name", async () => {
    await ok(["apply", "-f", "-"], deployment("strategic"));
    const patch = '{"spec":{"template":{"spec":{"containers":[{"name":"main","image":"skiff-test/busybox:2","env":[{"name":"LEVEL","value":"3"}]}]}}}}';
    expect(await ok(["patch", "deployment", "strategic", "-p", patch])).toBe("deployment.apps/strategic patched\n");
    const containers = JSON.parse(await jsonpath(["get", "deployment", "strategic"], "{.spec.template.spec.containers}")) as {
      name: string;
      image: string;
      env?: { name: string; value: string }[];
    }[];
    expect(containers.map((c) => [c.name, c.image])).toEqual([
      ["main", "skiff-test/busybox:2"],
      ["sidecar", "skiff-test/busybox:1"],
    ]);
    expect(containers[0]?.env).toEqual([
      { name: "LEVEL", value: "3" },
      { name: "MODE", value: "fast" },
    ]);
    expect(await ok(["patch", "deployment", "strategic", "--type=strategic", "-p", patch])).toBe(
      "deployment.apps/strategic patched (no change)\n",
    );
    expect(await jsonpath(["get", "deployment", "strategic"], "{.metadata.generation}")).toBe("2");
  });

  it("applies a merge patch, where null deletes a key and a list is replaced whole", async () => {
    await ok(["apply", "-f", "-"], deployment("merged"));
    await ok(["apply", "-f", "-"], configMap("merged"));
    expect(await ok(["patch", "configmap", "merged", "--type=merge", "-p", '{"data":{"level":null,"extra":"1"}}'])).toBe(
      "configmap/merged patched\n",
    );
    expect(await jsonpath(["get", "configmap", "merged"], "{.data}")).toBe('{"extra":"1","mode":"fast"}');

    const containers = '{"spec":{"template":{"spec":{"containers":[{"name":"only","image":"skiff-test/busybox:3"}]}}}}';
    await ok(["patch", "deployment", "merged", "--type=merge", "-p", containers]);
    expect(await jsonpath(["get", "deployment", "merged"], "{.spec.template.spec.containers[*].name}")).toBe("only");
  });

  it("applies a JSON patch, and a failing test op changes nothing", async () => {
    await ok(["apply", "-f", "-"], configMap("json-patched"));
    const ops = '[{"op":"test","path":"/data/mode","value":"fast"},{"op":"replace","path":"/data/mode","value":"slow"},{"op":"add","path":"/data/new","value":"x"}]';
    expect(await ok(["patch", "configmap", "json-patched", "--type=json", "-p", ops])).toBe("configmap/json-patched patched\n");
    expect(await jsonpath(["get", "configmap", "json-patched"], "{.data}")).toBe('{"level":"3","mode":"slow","new":"x"}');

    const before = await jsonpath(["get", "configmap", "json-patched"], "{.metadata.resourceVersion}");
    const failed = await kubectl(["patch", "configmap", "json-patched", "--type=json", "-p", '[{"op":"remove","path":"/data/new"},{"op":"test","path":"/data/mode","value":"fast"}]']);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toBe("");
    expect(failed.stderr).toContain("/data/mode");
    expect(await jsonpath(["get", "configmap", "json-patched"], "{.metadata.resourceVersion}")).toBe(before);
    expect(await jsonpath(["get", "configmap", "json-patched"], "{.data.new}")).toBe("x");
  });
});

describe("kubectl cordon and uncordon", () => {
  it("marks a node unschedulable and back", async () => {
    await ok(["apply", "-f", "-"], node("pi-1"));
    expect(await ok(["cordon", "pi-1"])).toBe("node/pi-1 cordoned\n");
    expect(await jsonpath(["get", "node", "pi-1"], "{.spec.unschedulable}")).toBe("true");
    expect((await ok(["get", "nodes", "--no-headers"])).split(/\s+/)[1]).toBe("Unknown,SchedulingDisabled");
    expect(await ok(["cordon", "pi-1"])).toBe("node/pi-1 already cordoned\n");

    expect(await ok(["uncordon", "pi-1"])).toBe("node/pi-1 uncordoned\n");
    expect(await jsonpath(["get", "node", "pi-1"], "{.spec.unschedulable}")).toBe("");
    expect(await ok(["uncordon", "pi-1"])).toBe("node/pi-1 already uncordoned\n");
  });
});
