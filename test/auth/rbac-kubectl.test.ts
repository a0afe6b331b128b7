import { beforeAll, describe, expect, it } from "vitest";
import { useKubectlServer } from "../support/server-hooks.js";
import { eventually } from "../store/helpers/eventually.js";

// jane: edit in "dev"; ada: admin in "dev"; vic: view in "dev"; bob: nothing.
const users = [
  { token: "jane-token", name: "jane" },
  { token: "ada-token", name: "ada" },
  { token: "vic-token", name: "vic" },
  { token: "bob-token", name: "bob" },
];
const { kubectl, ok } = useKubectlServer({ users });
const as = (user: string, args: string[]): string[] => ["--token", `${user}-token`, ...args];
const wait = { timeoutMs: 10_000, intervalMs: 50 };

/** `kubectl auth can-i` as a user: "yes" or "no" (kubectl exits 1 on no). */
async function canI(user: string, args: string[]): Promise<string> {
  const result = await kubectl(as(user, ["auth", "can-i", ...args]));
  return result.stdout.trim();
}

/** Waits until a binding made through the API has reached the authorizer's cache by its watch. */
async function untilCan(user: string, args: string[], answer = "yes"): Promise<void> {
  await eventually(async () => expect(await canI(user, args)).toBe(answer), wait);
}

beforeAll(async () => {
  await ok(["create", "namespace", "dev"]);
  await ok(["create", "rolebinding", "jane-edit", "--clusterrole=edit", "--user=jane", "-n", "dev"]);
  await ok(["create", "rolebinding", "ada-admin", "--clusterrole=admin", "--user=ada", "-n", "dev"]);
  await ok(["create", "rolebinding", "vic-view", "--clusterrole=view", "--user=vic", "-n", "dev"]);
  await untilCan("jane", ["list", "pods", "-n", "dev"]);
  await untilCan("ada", ["create", "rolebindings", "-n", "dev"]);
  await untilCan("vic", ["list", "deployments", "-n", "dev"]);
});

describe("default policy", () => {
  it("has cluster-admin bound to system:masters and the aggregated roles", async () => {
    expect(await ok(["get", "clusterrolebinding", "cluster-admin", "-o", "jsonpath={.roleRef.name} {.subjects[0].name}"])).toBe(
      "cluster-admin system:masters",
    );
    const names = await ok(["get", "clusterroles", "-o", "name"]);
    for (const role of ["admin", "edit", "view", "system:discovery", "system:public-info-viewer", "system:basic-user"]) {
      expect(names).toContain(`clusterrole.rbac.authorization.k8s.io/${role}\n`);
    }
    // admin ⊇ edit ⊇ view, all by aggregation.
    expect(await ok(["get", "clusterrole", "admin", "-o", "jsonpath={.rules[*].resources}"])).toContain("rolebindings");
    expect(await ok(["get", "clusterrole", "admin", "-o", "jsonpath={.rules[*].resources}"])).toContain("pods/log");
    expect(await ok(["get", "clusterrole", "view", "-o", "jsonpath={.rules[*].resources}"])).not.toContain("secrets");
  });

  it("is made again when deleted", async () => {
    const uid = await ok(["get", "clusterrole", "system:basic-user", "-o", "jsonpath={.metadata.uid}"]);
    await ok(["delete", "clusterrole", "system:basic-user"]);
    await eventually(async () => {
      const now = await ok(["get", "clusterrole", "system:basic-user", "-o", "jsonpath={.metadata.uid}"]);
      expect(now).not.toBe(uid);
    }, wait);
    await untilCan("bob", ["create", "selfsubjectaccessreviews.authorization.k8s.io"]);
  });

  it("says ready once RBAC has loaded", async () => {
    expect(await ok(["get", "--raw", "/readyz"])).toBe("ok");
  });
});

describe("kubectl auth can-i", () => {
  it("answers for resources by the bindings in the namespace", async () => {
    expect(await canI("jane", ["create", "deployments.apps", "-n", "dev"])).toBe("yes");
    expect(await canI("jane", ["get", "secrets", "-n", "dev"])).toBe("yes");
    expect(await canI("jane", ["list", "pods", "-n", "default"])).toBe("no");
    expect(await canI("jane", ["create", "rolebindings", "-n", "dev"])).toBe("no");
    expect(await canI("vic", ["get", "secrets", "-n", "dev"])).toBe("no");
    expect(await canI("bob", ["list", "pods", "-n", "dev"])).toBe("no");
    expect(await canI("bob", ["list", "pods", "--all-namespaces"])).toBe("no");
    expect((await kubectl(as("bob", ["auth", "can-i", "list", "pods", "-n", "dev"]))).code).toBe(1);
  });

  it("answers for subresources", async () => {
    expect(await canI("vic", ["get", "pods", "--subresource=log", "-n", "dev"])).toBe("yes");
    expect(await canI("vic", ["create", "pods", "--subresource=exec", "-n", "dev"])).toBe("no");
    expect(await canI("jane", ["create", "pods", "--subresource=exec", "-n", "dev"])).toBe("yes");
    expect(await canI("jane", ["update", "deployments.apps", "--subresource=scale", "-n", "dev"])).toBe("yes");
    expect(await canI("vic", ["update", "deployments.apps", "--subresource=scale", "-n", "dev"])).toBe("no");
  });

  it("answers for resource names", async () => {
    await ok(["create", "role", "app-config-reader", "--verb=get", "--resource=configmaps", "--resource-name=app-config", "-n", "dev"]);
    await ok(["create", "rolebinding", "bob-app-config", "--role=app-config-reader", "--user=bob", "-n", "dev"]);
    await untilCan("bob", ["get", "configmap/app-config", "-n", "dev"]);
    expect(await canI("bob", ["get", "configmap/other", "-n", "dev"])).toBe("no");
    expect(await canI("bob", ["list", "configmaps", "-n", "dev"])).toBe("no");
  });

  it("answers for non-resource URLs", async () => {
    expect(await canI("bob", ["get", "/version"])).toBe("yes");
    expect(await canI("bob", ["get", "/apis/apps/v1"])).toBe("yes");
    expect(await canI("bob", ["get", "/logs"])).toBe("no");
    expect(await canI("bob", ["post", "/version"])).toBe("no");
  });

  it("lists what a user may do with --list", async () => {
    const list = await ok(as("jane", ["auth", "can-i", "--list", "-n", "dev"]));
    expect(list).toMatch(/^Resources\s+Non-Resource URLs\s+Resource Names\s+Verbs/);
    expect(list).toMatch(/\n\s*pods\s+\[\]\s+\[\]\s+\[create delete deletecollection patch update get list watch\]/);
    expect(list).toMatch(/selfsubjectaccessreviews\.authorization\.k8s\.io\s+\[\]\s+\[\]\s+\[create\]/);
    expect(list).toMatch(/\[\/api\/\*\]\s+\[\]\s+\[get\]/);
    const bob = await ok(as("bob", ["auth", "can-i", "--list", "-n", "default"]));
    expect(bob).not.toMatch(/\n\s*pods\s/);
  });
});

describe("kubectl auth whoami and impersonation", () => {
  it("says who the user is", async () => {
    const whoami = await ok(as("jane", ["auth", "whoami"]));
    expect(whoami).toMatch(/Username\s+jane\n/);
    expect(whoami).toMatch(/Groups\s+\[system:authenticated\]\n/);
  });

  it("lets an admin act as another user with --as and --as-group", async () => {
    expect((await kubectl(["auth", "can-i", "list", "pods", "-n", "dev", "--as", "jane"])).stdout.trim()).toBe("yes");
    expect((await kubectl(["auth", "can-i", "list", "pods", "-n", "dev", "--as", "bob"])).stdout.trim()).toBe("no");
    const whoami = await ok(["auth", "whoami", "--as", "carol", "--as-group", "devs", "--as-group", "ops"]);
    expect(whoami).toMatch(/Username\s+carol\n/);
    expect(whoami).toMatch(/Groups\s+\[devs ops system:authenticated\]\n/);
    const denied = await kubectl(["get", "pods", "-n", "dev", "--as", "bob"]);
    expect(denied.stderr).toContain('pods is forbidden: User "bob" cannot list resource "pods" in API group "" in the namespace "dev"');
  });

  it("refuses impersonation to a user without the impersonate verb", async () => {
    const result = await kubectl(as("jane", ["get", "pods", "-n", "dev", "--as", "ada"]));
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain(
      'Error from server (Forbidden): users "ada" is forbidden: User "jane" cannot impersonate resource "users" in API group "" at the cluster scope',
    );
  });
});

describe("RBAC objects through kubectl", () => {
  it("creates roles, cluster roles and both kinds of binding (protobuf bodies)", async () => {
    expect(await ok(["create", "role", "pod-reader", "--verb=get,list", "--resource=pods,pods/log", "-n", "dev"])).toBe(
      "role.rbac.authorization.k8s.io/pod-reader created\n",
    );
    expect(await ok(["create", "clusterrole", "node-reader", "--verb=get", "--resource=nodes", "--non-resource-url=/metrics"])).toBe(
      "clusterrole.rbac.authorization.k8s.io/node-reader created\n",
    );
    expect(await ok(["create", "rolebinding", "bob-pods", "--role=pod-reader", "--user=bob", "--group=readers", "-n", "dev"])).toBe(
      "rolebinding.rbac.authorization.k8s.io/bob-pods created\n",
    );
    expect(await ok(["create", "clusterrolebinding", "bob-nodes", "--clusterrole=node-reader", "--user=bob", "--serviceaccount=dev:robot"])).toBe(
      "clusterrolebinding.rbac.authorization.k8s.io/bob-nodes created\n",
    );
    expect(await ok(["create", "clusterrole", "agg", "--aggregation-rule=team=a"])).toBe("clusterrole.rbac.authorization.k8s.io/agg created\n");
    expect(await ok(["get", "role", "pod-reader", "-n", "dev", "-o", "jsonpath={.rules[0].resources}"])).toBe('["pods","pods/log"]');
    expect(await ok(["get", "clusterrolebinding", "bob-nodes", "-o", "jsonpath={.subjects[1].kind}/{.subjects[1].namespace}"])).toBe("ServiceAccount/dev");
    await untilCan("bob", ["get", "pods", "--subresource=log", "-n", "dev"]);
    await untilCan("bob", ["get", "/metrics"]);
    await untilCan("bob", ["list", "pods", "-n", "dev"], "yes");
    expect(await canI("bob", ["list", "pods", "-n", "default"])).toBe("no");
  });

  it("grows view (and edit and admin) with a ClusterRole labelled aggregate-to-view", async () => {
    const role = {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "ClusterRole",
      metadata: { name: "lease-viewer", labels: { "rbac.authorization.k8s.io/aggregate-to-view": "true" } },
      rules: [{ apiGroups: ["coordination.k8s.io"], resources: ["leases"], verbs: ["get", "list"] }],
    };
    await ok(["apply", "-f", "-"], JSON.stringify(role));
    await eventually(async () => expect(await ok(["get", "clusterrole", "view", "-o", "jsonpath={.rules[*].resources}"])).toContain("leases"), wait);
    await untilCan("vic", ["list", "leases.coordination.k8s.io", "-n", "dev"]);
    await eventually(async () => expect(await ok(["get", "clusterrole", "admin", "-o", "jsonpath={.rules[*].apiGroups}"])).toContain("coordination.k8s.io"), wait);
    await ok(["delete", "clusterrole", "lease-viewer"]);
    await untilCan("vic", ["list", "leases.coordination.k8s.io", "-n", "dev"], "no");
  });

  it("refuses a denied request with Kubernetes' 403 text", async () => {
    const result = await kubectl(as("vic", ["get", "secrets", "-n", "dev"]));
    expect(result.code).not.toBe(0);
    expect(result.stderr).toBe(
      'Error from server (Forbidden): secrets is forbidden: User "vic" cannot list resource "secrets" in API group "" in the namespace "dev"\n',
    );
  });
});

describe("escalation", () => {
  it("lets a namespace admin bind only what they hold", async () => {
    const root = await kubectl(as("ada", ["create", "rolebinding", "ada-root", "--clusterrole=cluster-admin", "--user=ada", "-n", "dev"]));
    expect(root.code).not.toBe(0);
    expect(root.stderr).toContain('rolebindings.rbac.authorization.k8s.io "ada-root" is forbidden: user "ada" (groups=["system:authenticated"]) is attempting to grant RBAC permissions not currently held:');
    expect(root.stderr).toContain('{APIGroups:["*"], Resources:["*"], Verbs:["*"]}');
    expect(await ok(as("ada", ["create", "rolebinding", "bob-edit", "--clusterrole=edit", "--user=bob", "-n", "dev"]))).toBe(
      "rolebinding.rbac.authorization.k8s.io/bob-edit created\n",
    );
  });

  it("lets a namespace admin write roles only with rules they hold", async () => {
    const all = await kubectl(as("ada", ["create", "role", "all-secrets", "--verb=*", "--resource=secrets", "-n", "dev"]));
    expect(all.code).not.toBe(0);
    expect(all.stderr).toContain('{APIGroups:[""], Resources:["secrets"], Verbs:["*"]}');
    expect(await ok(as("ada", ["create", "role", "secret-reader", "--verb=get,list", "--resource=secrets", "-n", "dev"]))).toBe(
      "role.rbac.authorization.k8s.io/secret-reader created\n",
    );
    const widened = await kubectl(
      as("ada", ["patch", "role", "secret-reader", "-n", "dev", "--type=json", "-p", '[{"op":"add","path":"/rules/0/verbs/-","value":"*"}]']),
    );
    expect(widened.stderr).toContain('roles.rbac.authorization.k8s.io "secret-reader" is forbidden: user "ada"');
    expect(await ok(["get", "role", "secret-reader", "-n", "dev", "-o", "jsonpath={.rules[0].verbs}"])).toBe('["get","list"]');
    const nodes = await kubectl(as("ada", ["create", "role", "nodes", "--verb=get", "--resource=pods", "-n", "default"]));
    expect(nodes.stderr).toContain('User "ada" cannot create resource "roles" in API group "rbac.authorization.k8s.io" in the namespace "default"');
  });

  it("lets a user with the bind verb on a role bind it without holding it", async () => {
    await ok(["create", "clusterrole", "bind-cluster-admin", "--verb=bind", "--resource=clusterroles.rbac.authorization.k8s.io", "--resource-name=cluster-admin"]);
    await ok(["create", "rolebinding", "ada-may-bind", "--clusterrole=bind-cluster-admin", "--user=ada", "-n", "dev"]);
    await untilCan("ada", ["bind", "clusterroles.rbac.authorization.k8s.io/cluster-admin", "-n", "dev"]);
    expect(await ok(as("ada", ["create", "rolebinding", "bob-root", "--clusterrole=cluster-admin", "--user=bob", "-n", "dev"]))).toBe(
      "rolebinding.rbac.authorization.k8s.io/bob-root created\n",
    );
    await untilCan("bob", ["delete", "secrets", "-n", "dev"]);
    expect(await canI("bob", ["delete", "secrets", "-n", "default"])).toBe("no");
  });

  it("keeps edit from granting anything at all", async () => {
    const result = await kubectl(as("jane", ["create", "rolebinding", "jane-root", "--clusterrole=cluster-admin", "--user=jane", "-n", "dev"]));
    expect(result.stderr).toContain('User "jane" cannot create resource "rolebindings" in API group "rbac.authorization.k8s.io" in the namespace "dev"');
  });
});
