import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { deploymentManifest } from "../support/deployment.js";
import { useKubectlServer } from "../support/server-hooks.js";
import { serviceManifest } from "../support/service.js";
import { useTempDir } from "../support/temp-dir.js";

// kubectl 1.32 writing objects from manifests: apply from a file, a directory
// and stdin, server-side apply, and edits through replace.
const { kubectl, ok } = useKubectlServer();
const manifests = useTempDir("skiff-kubectl-apply-");

const json = async <T>(args: string[]): Promise<T> => JSON.parse(await ok([...args, "-o", "json"])) as T;

const configMap = (name: string, data: string, labels?: string): string => `apiVersion: v1
kind: ConfigMap
metadata:
  name: ${name}
${labels === undefined ? "" : `  labels: ${labels}\n`}data: ${data}
`;

interface Meta {
  metadata: { name: string; labels?: Record<string, string>; annotations?: Record<string, string>; resourceVersion: string };
}
interface ConfigMap extends Meta {
  data?: Record<string, string>;
}
interface ManagedFields {
  metadata: { managedFields: { manager: string; operation: string; fieldsV1: unknown }[] };
}

describe("kubectl apply, replace", () => {
  it("applies a file, then finds nothing to change", async () => {
    const file = join(manifests(), "single.yaml");
    await writeFile(file, configMap("from-file", "{mode: fast}"));
    expect(await ok(["apply", "-f", file])).toBe("configmap/from-file created\n");
    expect(await ok(["apply", "-f", file])).toBe("configmap/from-file unchanged\n");

    const stored = await json<ConfigMap>(["get", "configmap", "from-file"]);
    expect(stored.data).toEqual({ mode: "fast" });
    const lastApplied = JSON.parse(stored.metadata.annotations?.["kubectl.kubernetes.io/last-applied-configuration"] ?? "{}") as ConfigMap;
    expect(lastApplied.data).toEqual({ mode: "fast" });
  });

  it("applies every manifest of a directory in name order and skips other files", async () => {
    const dir = join(manifests(), "app");
    await mkdir(dir);
    await writeFile(join(dir, "a-config.yaml"), configMap("dir-config", "{greeting: hello}"));
    await writeFile(join(dir, "b-web.yaml"), `${serviceManifest("dir-web", [{ name: "http", port: 80, targetPort: 8080 }])}---\n${deploymentManifest("dir-web", "skiff-test/busybox:1")}`);
    await writeFile(join(dir, "notes.txt"), "not a manifest");
    expect(await ok(["apply", "-f", dir])).toBe(
      "configmap/dir-config created\nservice/dir-web created\ndeployment.apps/dir-web created\n",
    );
    const names = await ok(["get", "configmaps,services,deployments", "-o", "name"]);
    expect(names.split("\n").filter((n) => n.includes("dir-"))).toEqual([
      "configmap/dir-config",
      "service/dir-web",
      "deployment.apps/dir-web",
    ]);
  });

  it("applies from stdin and converges an edited manifest", async () => {
    const v1 = `${configMap("piped", "{a: '1', b: '2'}", "{team: a, tier: web}")}---\n${deploymentManifest("piped", "skiff-test/busybox:1")}`;
    expect(await ok(["apply", "-f", "-"], v1)).toBe("configmap/piped created\ndeployment.apps/piped created\n");

    const v2 = `${configMap("piped", "{a: '1'}", "{team: a}")}---\n${deploymentManifest("piped", "skiff-test/busybox:2")}`;
    expect(await ok(["apply", "-f", "-"], v2)).toBe("configmap/piped configured\ndeployment.apps/piped configured\n");
    const cm = await json<ConfigMap>(["get", "configmap", "piped"]);
    expect(cm.data).toEqual({ a: "1" });
    expect(cm.metadata.labels).toEqual({ team: "a" });
    expect(await ok(["get", "deployment", "piped", "-o", "jsonpath={.spec.template.spec.containers[0].image}"])).toBe(
      "skiff-test/busybox:2",
    );
  });

  it("applies server-side: creates, owns the applied fields, and removes what the file drops", async () => {
    const first = configMap("ssa", "{x: '1', z: '2'}", "{a: '1', b: '2'}");
    expect(await ok(["apply", "--server-side", "-f", "-"], first)).toBe("configmap/ssa serverside-applied\n");
    const created = await json<ConfigMap & ManagedFields>(["get", "configmap", "ssa", "--show-managed-fields"]);
    expect(created.metadata.managedFields.map((f) => [f.manager, f.operation])).toEqual([["kubectl", "Apply"]]);
    expect(created.metadata.managedFields[0]?.fieldsV1).toEqual({
      "f:data": { "f:x": {}, "f:z": {} },
      "f:metadata": { "f:labels": { "f:a": {}, "f:b": {} } },
    });

    expect(await ok(["apply", "--server-side", "-f", "-"], configMap("ssa", "{x: '1'}", "{a: '1'}"))).toBe(
      "configmap/ssa serverside-applied\n",
    );
    const trimmed = await json<ConfigMap>(["get", "configmap", "ssa"]);
    expect(trimmed.data).toEqual({ x: "1" });
    expect(trimmed.metadata.labels).toEqual({ a: "1" });
  });

  it("reports a server-side apply conflict with another manager, and forces it", async () => {
    await ok(["apply", "--server-side", "-f", "-"], configMap("contested", "{x: '1'}"));
    const other = configMap("contested", "{x: other}");
    const conflict = await kubectl(["apply", "--server-side", "--field-manager=other", "-f", "-"], other);
    expect(conflict.code).toBe(1);
    expect(conflict.stderr).toContain('error: Apply failed with 1 conflict: conflict with "kubectl": .data.x');

    expect(await ok(["apply", "--server-side", "--field-manager=other", "--force-conflicts", "-f", "-"], other)).toBe(
      "configmap/contested serverside-applied\n",
    );
    const forced = await json<ConfigMap & ManagedFields>(["get", "configmap", "contested", "--show-managed-fields"]);
    expect(forced.data).toEqual({ x: "other" });
    const owners = Object.fromEntries(forced.metadata.managedFields.map((f) => [f.manager, f.fieldsV1]));
    expect(owners.other).toEqual({ "f:data": { "f:x": {} } });
  });

  it("edits through replace, and refuses a replace from a stale copy", async () => {
    await ok(["create", "-f", "-"], configMap("edited", "{mode: slow}"));
    const copy = await ok(["get", "configmap", "edited", "-o", "yaml"]);
    expect(copy).toContain("mode: slow");
    const file = join(manifests(), "edited.yaml");
    await writeFile(file, copy.replace("mode: slow", "mode: fast"));
    expect(await ok(["replace", "-f", file])).toBe("configmap/edited replaced\n");
    expect(await ok(["get", "configmap", "edited", "-o", "jsonpath={.data.mode}"])).toBe("fast");

    // The file still names the resourceVersion it was read at: the server has moved on.
    const stale = await kubectl(["replace", "-f", file]);
    expect(stale.code).toBe(1);
    expect(stale.stderr).toBe(
      `Error from server (Conflict): error when replacing "${file}": Operation cannot be fulfilled on configmaps "edited": ` +
        "the object has been modified; please apply your changes to the latest version and try again\n",
    );
    expect(await ok(["get", "configmap", "edited", "-o", "jsonpath={.data.mode}"])).toBe("fast");
  });
});
