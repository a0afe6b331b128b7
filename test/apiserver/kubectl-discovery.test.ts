import { describe, expect, it } from "vitest";
import { useKubectlServer } from "../support/server-hooks.js";

// What kubectl 1.32 learns from discovery and OpenAPI: api-resources,
// api-versions and explain.
const { kubectl, ok } = useKubectlServer();

const table = (stdout: string): string[][] =>
  stdout
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => line.trim().split(/\s{2,}/));

const ALL_VERBS = "create,delete,deletecollection,get,list,patch,update,watch";

describe("kubectl discovery", () => {
  it("lists every served resource with short names, scope, kind, verbs and categories as Kubernetes does", async () => {
    const rows = table(await ok(["api-resources", "-o", "wide"]));
    expect(rows[0]).toEqual(["NAME", "SHORTNAMES", "APIVERSION", "NAMESPACED", "KIND", "VERBS", "CATEGORIES"]);
    // The table pads empty cells, so rows are matched by their own cells.
    const byName = new Map(rows.slice(1).map((row) => [row[0], row.slice(1)]));
    const expected: Record<string, string[]> = {
      configmaps: ["cm", "v1", "true", "ConfigMap", ALL_VERBS],
      endpoints: ["ep", "v1", "true", "Endpoints", ALL_VERBS],
      events: ["ev", "v1", "true", "Event", ALL_VERBS],
      nodes: ["no", "v1", "false", "Node", ALL_VERBS],
      pods: ["po", "v1", "true", "Pod", ALL_VERBS, "all"],
      secrets: ["v1", "true", "Secret", ALL_VERBS],
      serviceaccounts: ["sa", "v1", "true", "ServiceAccount", ALL_VERBS],
      services: ["svc", "v1", "true", "Service", ALL_VERBS, "all"],
      daemonsets: ["ds", "apps/v1", "true", "DaemonSet", ALL_VERBS, "all"],
      deployments: ["deploy", "apps/v1", "true", "Deployment", ALL_VERBS, "all"],
      replicasets: ["rs", "apps/v1", "true", "ReplicaSet", ALL_VERBS, "all"],
      jobs: ["batch/v1", "true", "Job", ALL_VERBS, "all"],
      leases: ["coordination.k8s.io/v1", "true", "Lease", ALL_VERBS],
      endpointslices: ["discovery.k8s.io/v1", "true", "EndpointSlice", ALL_VERBS],
      clusterrolebindings: ["rbac.authorization.k8s.io/v1", "false", "ClusterRoleBinding", ALL_VERBS],
      clusterroles: ["rbac.authorization.k8s.io/v1", "false", "ClusterRole", ALL_VERBS],
      rolebindings: ["rbac.authorization.k8s.io/v1", "true", "RoleBinding", ALL_VERBS],
      roles: ["rbac.authorization.k8s.io/v1", "true", "Role", ALL_VERBS],
      // Virtual resources: answered, never stored.
      selfsubjectreviews: ["authentication.k8s.io/v1", "false", "SelfSubjectReview", "create"],
      selfsubjectaccessreviews: ["authorization.k8s.io/v1", "false", "SelfSubjectAccessReview", "create"],
      selfsubjectrulesreviews: ["authorization.k8s.io/v1", "false", "SelfSubjectRulesReview", "create"],
      subjectaccessreviews: ["authorization.k8s.io/v1", "false", "SubjectAccessReview", "create"],
    };
    for (const [name, cells] of Object.entries(expected)) expect(byName.get(name), name).toEqual(cells);
    // Namespaces: Kubernetes serves no deletecollection for them; the other verbs must be there.
    expect(byName.get("namespaces")?.slice(0, 4)).toEqual(["ns", "v1", "false", "Namespace"]);
    expect(byName.get("namespaces")?.[4]?.split(",")).toEqual(expect.arrayContaining(["create", "delete", "get", "list", "patch", "update", "watch"]));
    expect([...byName.keys()].sort()).toEqual([...Object.keys(expected), "namespaces"].sort());
  });

  it("filters resources by scope and group, and resolves short names", async () => {
    expect(await ok(["api-resources", "--namespaced=false", "-o", "name"])).toBe(
      "namespaces\nnodes\nselfsubjectreviews.authentication.k8s.io\nselfsubjectaccessreviews.authorization.k8s.io\n" +
        "selfsubjectrulesreviews.authorization.k8s.io\nsubjectaccessreviews.authorization.k8s.io\n" +
        "clusterrolebindings.rbac.authorization.k8s.io\nclusterroles.rbac.authorization.k8s.io\n",
    );
    expect(await ok(["api-resources", "--api-group=apps", "-o", "name"])).toBe(
      "daemonsets.apps\ndeployments.apps\nreplicasets.apps\n",
    );
    expect(await ok(["get", "ns/default", "-o", "name"])).toBe("namespace/default\n");
    await ok(["create", "-f", "-"], "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\n---\napiVersion: v1\nkind: ServiceAccount\nmetadata: {name: robot}\n");
    expect(await ok(["get", "cm/settings", "sa/robot", "-o", "name"])).toBe("configmap/settings\nserviceaccount/robot\n");
    expect(await ok(["get", "deploy,rs,ds,po", "-o", "name"])).toBe("");
  });

  it("lists the served group versions", async () => {
    const versions = (await ok(["api-versions"])).split("\n").filter(Boolean);
    expect(versions).toEqual(
      expect.arrayContaining([
        "v1",
        "apps/v1",
        "authentication.k8s.io/v1",
        "authorization.k8s.io/v1",
        "batch/v1",
        "coordination.k8s.io/v1",
        "discovery.k8s.io/v1",
        "rbac.authorization.k8s.io/v1",
      ]),
    );
  });

  it("explains a field from the OpenAPI documents, and names a missing one", async () => {
    const containers = await ok(["explain", "pods.spec.containers"]);
    expect(containers.startsWith("KIND:       Pod\nVERSION:    v1\n\nFIELD: containers <[]Container>\n")).toBe(true);
    expect(containers).toMatch(/^ {2}name\t<string> -required-$/m);
    expect(containers).toMatch(/^ {2}image\t<string>$/m);
    expect(containers).toMatch(/^ {2}env\t<\[\]EnvVar>$/m);

    const replicas = await ok(["explain", "deployments.spec.replicas"]);
    expect(replicas).toMatch(/^GROUP: {6}apps$/m);
    expect(replicas).toMatch(/^FIELD: replicas <integer>$/m);

    const missing = await kubectl(["explain", "pods.spec.nope"]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe('error: field "nope" does not exist\n');
  });
});
