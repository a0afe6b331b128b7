import { describe, expect, it } from "vitest";
import type { KubectlResult } from "../support/kubectl.js";
import { deploymentManifest } from "../support/deployment.js";
import { useKubectlServer } from "../support/server-hooks.js";
import { serviceManifest } from "../support/service.js";

// The real kubectl (v1.32) with its default --validate=strict against a real
// skiff server: kubectl reads /openapi/v3, finds that every kind's PATCH
// takes fieldValidation, and leaves unknown fields to the server().
const { kubectl } = useKubectlServer();

const pod = (name: string, extra = ""): string => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  labels: {app: ${name}}
spec:
  containers:
  - name: main
    image: skiff-test/busybox:1
    ports:
    - containerPort: 8080
${extra}`;

const deployment = (name: string, container: Record<string, unknown> = {}): string =>
  deploymentManifest(name, "skiff-test/busybox:1", {
    replicas: 1,
    strategy: { rollingUpdate: { maxSurge: 1, maxUnavailable: "25%" } },
    container: { resources: { limits: { cpu: 1, memory: "64Mi" } }, ...container },
  });

const applied = async (manifest: string, ...flags: string[]): Promise<KubectlResult> => {
  const result = await kubectl(["apply", ...flags, "-f", "-"], manifest);
  expect(result.stderr).not.toContain("failed to download openapi");
  return result;
};

/** The server's message for a field it does not know, as kubectl prints it. */
function expectUnknownField(stderr: string, field: string): void {
  expect(stderr).toContain(field);
  expect(stderr).toMatch(/unknown field/i);
}

describe("kubectl apply with default validation", () => {
  it("creates a pod, asking the server for strict field validation", async () => {
    const result = await applied(pod("web"), "-v=6");
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe("pod/web created\n");
    expect(result.stderr).toMatch(/POST https:\/\/\S+\/api\/v1\/namespaces\/default\/pods\?\S*fieldValidation=Strict\S* 201 Created/);
  });

  it("patches the pod on a second apply", async () => {
    const result = await applied(pod("web").replace("labels: {app: web}", "labels: {app: web, tier: front}"));
    expect(result.stderr).toBe("");
    expect(result.stdout).toBe("pod/web configured\n");
    const labels = await kubectl(["get", "pod", "web", "-o", "jsonpath={.metadata.labels.tier}"]);
    expect(labels.stdout).toBe("front");
  });

  it("rejects an unknown field with the server's strict message naming it", async () => {
    const result = await applied(pod("typo", "  containerz: []\n"));
    expect(result.code).not.toBe(0);
    expectUnknownField(result.stderr, "spec.containerz");
    const after = await kubectl(["get", "pod", "typo"]);
    expect(after.stderr).toContain('pods "typo" not found');
  });

  it("rejects an unknown field in the patch of an existing pod", async () => {
    const result = await applied(pod("web", "  containerz: []\n"));
    expect(result.code).not.toBe(0);
    expectUnknownField(result.stderr, "spec.containerz");
  });

  it("applies a Deployment and a Service, and rejects a typo deep in a pod template", async () => {
    const good = await applied(`${deployment("shop")}---\n${serviceManifest("shop", [{ port: 80, targetPort: "http" }])}`);
    expect(good.stderr).toBe("");
    expect(good.stdout).toBe("deployment.apps/shop created\nservice/shop created\n");

    const typo = await applied(deployment("typo", { imagePullPolicyy: "Always" }));
    expect(typo.code).not.toBe(0);
    expectUnknownField(typo.stderr, "spec.template.spec.containers[0].imagePullPolicyy");
  });
});

describe("kubectl apply of the example app with default validation", () => {
  it("creates every object, then finds nothing to change", async () => {
    const first = await kubectl(["apply", "-f", "examples/hello/hello.yaml"]);
    expect(first.stderr).toBe("");
    expect(first.stdout).toBe("configmap/hello-page created\ndeployment.apps/hello created\nservice/hello created\n");
    const second = await kubectl(["apply", "-f", "examples/hello/hello.yaml"]);
    expect(second.stderr).toBe("");
    expect(second.stdout).toBe("configmap/hello-page unchanged\ndeployment.apps/hello unchanged\nservice/hello unchanged\n");
  });
});

describe("kubectl explain", () => {
  it("describes a kind and its fields from the same documents", async () => {
    const kind = await kubectl(["explain", "pods"]);
    expect(kind.stderr).toBe("");
    expect(kind.stdout).toContain("KIND:       Pod");
    expect(kind.stdout).toMatch(/spec\s+<PodSpec>/);

    const containers = await kubectl(["explain", "pods.spec.containers"]);
    expect(containers.stderr).toBe("");
    expect(containers.stdout).toMatch(/name\s+<string> -required-/);

    const strategy = await kubectl(["explain", "deployments.spec.strategy.rollingUpdate.maxSurge"]);
    expect(strategy.stderr).toBe("");
    expect(strategy.stdout).toContain("GROUP:      apps");
    expect(strategy.stdout).toContain("FIELD: maxSurge <IntOrString>");
  });
});
