import { describe, expect, it } from "vitest";
import { deploymentManifest } from "../support/deployment.js";
import { useKubectlServer } from "../support/server-hooks.js";

// The real kubectl (v1.32) against a real skiff server: the client no one
// here wrote decides whether the API is right.
const { kubectl, ok } = useKubectlServer();

const deployment = (name: string, image: string, container?: Record<string, unknown>): string =>
  deploymentManifest(name, image, { labels: { app: name }, replicas: 2, container });

describe("kubectl against skiff", () => {
  it("reads the version and the built-in namespaces", async () => {
    expect(await ok(["version", "-o", "json"])).toContain('"serverVersion"');
    const names = await ok(["get", "namespaces", "-o", "name"]);
    expect(names.split("\n").filter(Boolean).sort()).toEqual([
      "namespace/default",
      "namespace/kube-node-lease",
      "namespace/kube-public",
      "namespace/kube-system",
    ]);
  });

  it("applies the example app and converges on a second apply", async () => {
    const first = await ok(["apply", "-f", "examples/hello/hello.yaml"]);
    expect(first).toContain("configmap/hello-page created");
    expect(first).toContain("deployment.apps/hello created");
    expect(first).toContain("service/hello created");
    const second = await ok(["apply", "-f", "examples/hello/hello.yaml"]);
    expect(second).toContain("deployment.apps/hello unchanged");

    const created = JSON.parse(await ok(["get", "deployment", "hello", "-o", "json"])) as {
      metadata: { generation: number; uid: string };
      spec: { replicas: number; strategy: { type: string; rollingUpdate: { maxSurge: string } } };
    };
    expect(created.spec.replicas).toBe(2);
    expect(created.spec.strategy).toEqual({ type: "RollingUpdate", rollingUpdate: { maxSurge: "25%", maxUnavailable: "25%" } });
    expect(created.metadata.generation).toBe(1);
  });

  it("removes from the object what was removed from the file", async () => {
    const withEnv = deployment("trim", "skiff-test/busybox:1", { env: [{ name: "A", value: "a" }, { name: "B", value: "b" }] });
    await ok(["apply", "-f", "-"], withEnv);
    const withoutB = deployment("trim", "skiff-test/busybox:1", { env: [{ name: "A", value: "a" }] });
    expect(await ok(["apply", "-f", "-"], withoutB)).toContain("deployment.apps/trim configured");
    const env = await ok(["get", "deployment", "trim", "-o", "jsonpath={.spec.template.spec.containers[0].env[*].name}"]);
    expect(env).toBe("A");
    const generation = await ok(["get", "deployment", "trim", "-o", "jsonpath={.metadata.generation}"]);
    expect(generation).toBe("2");
  });

  it("scales, labels, annotates and patches", async () => {
    expect(await ok(["scale", "deployment", "hello", "--replicas=3"])).toContain("deployment.apps/hello scaled");
    expect(await ok(["get", "deployment", "hello", "-o", "jsonpath={.spec.replicas}"])).toBe("3");

    await ok(["label", "configmap", "hello-page", "tier=web"]);
    await ok(["annotate", "configmap", "hello-page", "owner=team-a"]);
    const cm = JSON.parse(await ok(["get", "configmap", "hello-page", "-o", "json"])) as {
      metadata: { labels: Record<string, string>; annotations: Record<string, string> };
    };
    expect(cm.metadata.labels.tier).toBe("web");
    expect(cm.metadata.annotations.owner).toBe("team-a");

    await ok(["patch", "configmap", "hello-page", "--type=merge", "-p", '{"data":{"extra":"1"}}']);
    await ok(["patch", "configmap", "hello-page", "--type=json", "-p", '[{"op":"remove","path":"/data/extra"}]']);
    await ok(["patch", "deployment", "hello", "-p", '{"spec":{"template":{"spec":{"containers":[{"name":"httpd","image":"skiff-test/busybox:2"}]}}}}']);
    expect(await ok(["get", "deployment", "hello", "-o", "jsonpath={.spec.template.spec.containers[0].image}"])).toBe(
      "skiff-test/busybox:2",
    );
    expect(await ok(["get", "configmap", "hello-page", "-o", "jsonpath={.data.extra}"])).toBe("");
  });

  it("rejects unknown fields as Kubernetes' strict decoding does", async () => {
    const typo = deployment("typo", "skiff-test/busybox:1", { imagePullPolicyy: "Always" });
    const result = await kubectl(["apply", "-f", "-"], typo);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('unknown field "spec.template.spec.containers[0].imagePullPolicyy"');
  });

  it("reports an invalid object with its field paths and changes nothing", async () => {
    const broken = deployment("broken", "");
    const result = await kubectl(["apply", "-f", "-"], broken);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('The Deployment "broken" is invalid');
    expect(result.stderr).toContain("spec.template.spec.containers[0].image: Required value");
    const gone = await kubectl(["get", "deployment", "broken"]);
    expect(gone.stderr).toContain('deployments.apps "broken" not found');
  });

  it("deletes and waits until the object is gone", async () => {
    expect(await ok(["delete", "-f", "examples/hello/hello.yaml"])).toContain('deployment.apps "hello" deleted');
    const list = await ok(["get", "deployments,services,configmaps", "-o", "name"]);
    expect(list).not.toContain("hello");
  });
});
