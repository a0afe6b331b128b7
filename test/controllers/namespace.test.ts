import { describe, expect, it } from "vitest";
import { eventually } from "../store/helpers/eventually.js";
import { useKubectlServer } from "../support/server-hooks.js";

const { kubectl, ok } = useKubectlServer();
const wait = { timeoutMs: 15_000, intervalMs: 100 };

/** A namespace with one of each kind a user keeps in it; the pod is bound to no node, so it goes at once. */
const contentOf = (ns: string, extra = ""): string => `
apiVersion: v1
kind: Namespace
metadata: {name: ${ns}}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: settings, namespace: ${ns}}
data: {mode: prod}
---
apiVersion: v1
kind: Secret
metadata: {name: password, namespace: ${ns}}
stringData: {password: hunter2}
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: ${ns}}
spec:
  selector: {app: web}
  ports: [{port: 80}]
---
apiVersion: v1
kind: Pod
metadata: {name: web, namespace: ${ns}, labels: {app: web}}
spec:
  containers: [{name: web, image: nginx}]
${extra}`;

interface NamespaceView {
  status?: { phase?: string; conditions?: Array<{ type: string; status: string; reason: string; message: string }> };
}

async function namespaceView(ns: string): Promise<NamespaceView | undefined> {
  const result = await kubectl(["get", "namespace", ns, "-o", "json"]);
  if (result.code !== 0) {
    expect(result.stderr).toContain("NotFound");
    return undefined;
  }
  return JSON.parse(result.stdout) as NamespaceView;
}

const condition = (view: NamespaceView | undefined, type: string) => view?.status?.conditions?.find((c) => c.type === type);

describe("namespace controller against the real server, through kubectl", () => {
  it("kubectl delete namespace empties it and returns once it is gone", async () => {
    await ok(["apply", "-f", "-"], contentOf("ns-simple"));
    const result = await kubectl(["delete", "namespace", "ns-simple", "--timeout=30s"]);
    expect(result.stderr).toBe("");
    expect(result.stdout).toContain(`namespace "ns-simple" deleted`);
    expect(await namespaceView("ns-simple")).toBeUndefined();
    // Its content went with it: a namespace of the same name starts empty.
    await ok(["create", "namespace", "ns-simple"]);
    for (const kind of ["configmap/settings", "secret/password", "service/web", "pod/web"]) {
      const get = await kubectl(["get", kind, "-n", "ns-simple"]);
      expect(get.code, kind).not.toBe(0);
      expect(get.stderr).toContain("NotFound");
    }
  });

  it("shows Terminating with the conditions that say what is left, refuses new content, and goes once the last finalizer does", async () => {
    const held = `---
apiVersion: v1
kind: ConfigMap
metadata: {name: held, namespace: ns-held, finalizers: [example.com/hold]}
`;
    await ok(["apply", "-f", "-"], contentOf("ns-held", held));
    await ok(["delete", "namespace", "ns-held", "--wait=false"]);

    const view = await eventually(async () => {
      const seen = await namespaceView("ns-held");
      expect(condition(seen, "NamespaceContentRemaining")?.status).toBe("True");
      return seen;
    }, wait);
    expect(view?.status?.phase).toBe("Terminating");
    expect(view?.status?.conditions?.map((c) => [c.type, c.status, c.reason, c.message])).toEqual([
      ["NamespaceDeletionDiscoveryFailure", "False", "ResourcesDiscovered", "All resources successfully discovered"],
      ["NamespaceDeletionGroupVersionParsingFailure", "False", "ParsedGroupVersions", "All legacy kube types successfully parsed"],
      ["NamespaceDeletionContentFailure", "False", "ContentDeleted", "All content successfully deleted, may be waiting on finalization"],
      ["NamespaceContentRemaining", "True", "SomeResourcesRemain", "Some resources are remaining: configmaps. has 1 resource instances"],
      ["NamespaceFinalizersRemaining", "True", "SomeFinalizersRemain", "Some content in the namespace has finalizers remaining: example.com/hold in 1 resource instances"],
    ]);
    const table = await ok(["get", "namespace", "ns-held"]);
    expect(table).toMatch(/ns-held\s+Terminating/);
    expect(await ok(["get", "configmaps", "-n", "ns-held", "-o", "name"])).toBe("configmap/held\n");

    const refused = await kubectl(["create", "configmap", "late", "-n", "ns-held"]);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain(`configmaps "late" is forbidden: unable to create new content in namespace ns-held because it is being terminated`);

    await ok(["patch", "configmap", "held", "-n", "ns-held", "--type=merge", "-p", `{"metadata":{"finalizers":null}}`]);
    await eventually(async () => expect(await namespaceView("ns-held")).toBeUndefined(), wait);
  });

  it("refuses to delete default, kube-system and kube-public, as Kubernetes does", async () => {
    for (const ns of ["default", "kube-system", "kube-public"]) {
      const refused = await kubectl(["delete", "namespace", ns, "--wait=false"]);
      expect(refused.code).not.toBe(0);
      expect(refused.stderr).toContain(`namespaces "${ns}" is forbidden: this namespace may not be deleted`);
      expect((await namespaceView(ns))?.status?.phase).toBe("Active");
    }
  });

  it("waits for a pod its node has to stop (no node here: until it is force-deleted)", async () => {
    const bound = `---
apiVersion: v1
kind: Pod
metadata: {name: bound, namespace: ns-bound}
spec:
  nodeName: ghost-node
  containers: [{name: c, image: nginx}]
`;
    await ok(["apply", "-f", "-"], contentOf("ns-bound", bound));
    await ok(["delete", "namespace", "ns-bound", "--wait=false"]);
    const view = await eventually(async () => {
      const seen = await namespaceView("ns-bound");
      expect(condition(seen, "NamespaceContentRemaining")?.message).toBe("Some resources are remaining: pods. has 1 resource instances");
      return seen;
    }, wait);
    expect(condition(view, "NamespaceFinalizersRemaining")?.status).toBe("False");
    expect(await ok(["get", "pods", "-n", "ns-bound", "-o", "name"])).toBe("pod/bound\n");

    const forced = await kubectl(["delete", "pod", "bound", "-n", "ns-bound", "--force", "--grace-period=0"]);
    expect(forced.code).toBe(0);
    await eventually(async () => expect(await namespaceView("ns-bound")).toBeUndefined(), wait);
  });
});
