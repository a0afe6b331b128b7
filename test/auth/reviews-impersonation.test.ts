import { request } from "node:https";
import { beforeAll, describe, expect, it } from "vitest";
import { useTestServer } from "../support/server-hooks.js";
import { eventually } from "../store/helpers/eventually.js";

// Access reviews and impersonation over plain HTTPS, with the headers kubectl would send.
const users = [
  { token: "jane-token", name: "jane", uid: "u-jane" },
  { token: "bob-token", name: "bob" },
];
const { server } = useTestServer({ users });

interface Answer {
  status: number;
  body: Record<string, unknown>;
}

function call(method: string, path: string, token: string, body?: unknown, headers: Record<string, string | string[]> = {}): Promise<Answer> {
  const { admin } = server();
  const url = new URL(path, admin.server);
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method, ca: admin.caPem, headers: { authorization: `Bearer ${token}`, "content-type": "application/json", ...headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          resolve({ status: res.statusCode ?? 0, body: text.startsWith("{") ? (JSON.parse(text) as Record<string, unknown>) : { text } });
        });
      },
    );
    req.on("error", reject);
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

const adminToken = (): string => server().admin.token;
const ssar = "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews";
const sar = "/apis/authorization.k8s.io/v1/subjectaccessreviews";
const whoami = "/apis/authentication.k8s.io/v1/selfsubjectreviews";
const podsInDev = { resourceAttributes: { namespace: "dev", verb: "list", resource: "pods" } };

beforeAll(async () => {
  const rbac = { group: "rbac.authorization.k8s.io", version: "v1", namespaced: true };
  const client = server().client;
  await client.create({ group: "", version: "v1", resource: "namespaces", namespaced: false }, undefined, { metadata: { name: "dev" } });
  await client.create({ ...rbac, resource: "rolebindings" }, "dev", {
    apiVersion: "rbac.authorization.k8s.io/v1",
    kind: "RoleBinding",
    metadata: { name: "jane-edit" },
    roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "edit" },
    subjects: [{ kind: "User", apiGroup: "rbac.authorization.k8s.io", name: "jane" }],
  });
  await eventually(async () => expect((await call("POST", ssar, "jane-token", { spec: podsInDev })).body.status).toMatchObject({ allowed: true }), {
    timeoutMs: 10_000,
    intervalMs: 50,
  });
});

describe("access reviews", () => {
  it("answer an admin's SubjectAccessReview about another user, with RBAC's reason", async () => {
    const answer = await call("POST", sar, adminToken(), { apiVersion: "authorization.k8s.io/v1", kind: "SubjectAccessReview", spec: { ...podsInDev, user: "jane" } });
    expect(answer.status).toBe(201);
    expect(answer.body.status).toEqual({ allowed: true, reason: 'RBAC: allowed by RoleBinding "jane-edit/dev" of ClusterRole "edit" to User "jane"' });
    const bob = await call("POST", sar, adminToken(), { spec: { ...podsInDev, user: "bob", groups: ["system:authenticated"] } });
    expect(bob.body.status).toEqual({ allowed: false });
  });

  it("refuse a SubjectAccessReview from a user who may not ask about others", async () => {
    const answer = await call("POST", sar, "jane-token", { spec: { ...podsInDev, user: "bob" } });
    expect(answer.status).toBe(403);
    expect(answer.body.message).toBe(
      'subjectaccessreviews.authorization.k8s.io is forbidden: User "jane" cannot create resource "subjectaccessreviews" in API group "authorization.k8s.io" at the cluster scope',
    );
  });

  it("refuse a review that asks about nothing, or about nobody, with one cause", async () => {
    const empty = await call("POST", ssar, "bob-token", { spec: {} });
    expect(empty.status).toBe(422);
    expect(empty.body.details).toMatchObject({
      causes: [{ field: "spec.resourceAttributes", reason: "FieldValueRequired", message: "Required value: exactly one of nonResourceAttributes or resourceAttributes must be specified" }],
    });
    const nobody = await call("POST", sar, adminToken(), { spec: podsInDev });
    expect(nobody.status).toBe(422);
    const wrongType = await call("POST", ssar, "bob-token", { spec: { resourceAttributes: { verb: 7 } } });
    expect(wrongType.status).toBe(422);
  });

  it("are create-only and never stored", async () => {
    expect((await call("GET", ssar, adminToken())).status).toBe(405);
    expect((await call("GET", `${ssar}/x`, adminToken())).status).toBe(404);
    expect((await call("DELETE", ssar, adminToken())).status).toBe(405);
  });
});

describe("impersonation", () => {
  it("runs the request as the impersonated user, uid and extra fields included", async () => {
    const answer = await call("POST", whoami, adminToken(), {}, {
      "impersonate-user": "carol",
      "impersonate-group": ["devs", "ops"],
      "impersonate-uid": "u-carol",
      "impersonate-extra-team%2Fname": "blue",
    });
    expect(answer.status).toBe(201);
    expect(answer.body.status).toEqual({
      userInfo: { username: "carol", uid: "u-carol", groups: ["devs", "ops", "system:authenticated"], extra: { "team/name": ["blue"] } },
    });
  });

  it("lets edit impersonate the service accounts of its namespace only", async () => {
    const robot = await call("POST", whoami, "jane-token", {}, { "impersonate-user": "system:serviceaccount:dev:robot" });
    expect(robot.body.status).toEqual({
      userInfo: { username: "system:serviceaccount:dev:robot", groups: ["system:serviceaccounts", "system:serviceaccounts:dev", "system:authenticated"] },
    });
    const elsewhere = await call("POST", whoami, "jane-token", {}, { "impersonate-user": "system:serviceaccount:default:robot" });
    expect(elsewhere.status).toBe(403);
    expect(elsewhere.body.message).toBe(
      'serviceaccounts "robot" is forbidden: User "jane" cannot impersonate resource "serviceaccounts" in API group "" in the namespace "default"',
    );
  });

  it("checks every part: groups, uid and extra need their own permission", async () => {
    const group = await call("POST", whoami, "jane-token", {}, { "impersonate-user": "system:serviceaccount:dev:robot", "impersonate-group": "system:masters" });
    expect(group.status).toBe(403);
    expect(group.body.message).toContain('groups "system:masters" is forbidden: User "jane" cannot impersonate resource "groups"');
    const uid = await call("POST", whoami, "jane-token", {}, { "impersonate-user": "system:serviceaccount:dev:robot", "impersonate-uid": "u-1" });
    expect(uid.body.message).toContain('uids.authentication.k8s.io "u-1" is forbidden: User "jane" cannot impersonate resource "uids" in API group "authentication.k8s.io"');
    const extra = await call("POST", whoami, "jane-token", {}, { "impersonate-user": "system:serviceaccount:dev:robot", "impersonate-extra-scope": "all" });
    expect(extra.body.message).toContain('cannot impersonate resource "userextras/scope" in API group "authentication.k8s.io"');
  });

  it("refuses groups without a user, and a user who may impersonate nobody", async () => {
    const noUser = await call("POST", whoami, adminToken(), {}, { "impersonate-group": "devs" });
    expect(noUser.status).toBe(400);
    expect(noUser.body.message).toBe("requested impersonation of groups, a uid or extra fields without impersonating a user");
    const bob = await call("GET", "/api/v1/namespaces/dev/pods", "bob-token", undefined, { "impersonate-user": "jane" });
    expect(bob.status).toBe(403);
    expect(bob.body.message).toBe('users "jane" is forbidden: User "bob" cannot impersonate resource "users" in API group "" at the cluster scope');
  });
});
