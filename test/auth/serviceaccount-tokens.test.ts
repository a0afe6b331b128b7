import { generateKeyPairSync, createPrivateKey } from "node:crypto";
import { readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { decodeJwt, decodeProtectedHeader, SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RestClient, type ApiObject } from "../../src/client/rest/rest-client.js";
import { StatusError } from "../../src/errors/status.js";
import { eventually } from "../store/helpers/eventually.js";
import { kubectlRunner, type Kubectl } from "../support/kubectl.js";
import { startTestServer, type TestServer } from "../support/server.js";

const issuer = "https://kubernetes.default.svc.cluster.local";
const serviceAccounts = { group: "", version: "v1", resource: "serviceaccounts", namespaced: true };
const pods = { group: "", version: "v1", resource: "pods", namespaced: true };

interface TokenRequestAnswer {
  kind: string;
  apiVersion: string;
  metadata: { name?: string; namespace?: string };
  spec: { audiences: string[]; expirationSeconds: number; boundObjectRef?: Record<string, string> };
  status: { token: string; expirationTimestamp: string };
}

const failureOf = async (promise: Promise<unknown>): Promise<StatusError> => {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof StatusError)) throw new Error(`expected a StatusError, got ${String(error)}`);
  return error;
};

describe("ServiceAccount tokens", () => {
  let server: TestServer;
  let kubectl: Kubectl;
  let robotUid: string;
  beforeAll(async () => {
    server = await startTestServer();
    kubectl = await kubectlRunner(server.server.kubeconfigPath);
    const robot = await server.client.create<ApiObject>(serviceAccounts, "default", { apiVersion: "v1", kind: "ServiceAccount", metadata: { name: "robot" } });
    robotUid = String(robot.metadata?.uid);
  });
  afterAll(() => server.stop());

  const as = (token: string): RestClient => new RestClient({ ...server.admin, token }, { retry: { attempts: 1 } });
  const requestToken = (name: string, spec: Record<string, unknown> = {}, namespace = "default"): Promise<TokenRequestAnswer> =>
    server.client.request<TokenRequestAnswer>({
      method: "POST",
      path: `/api/v1/namespaces/${namespace}/serviceaccounts/${name}/token`,
      body: JSON.stringify({ apiVersion: "authentication.k8s.io/v1", kind: "TokenRequest", spec }),
      contentType: "application/json",
    });
  const listSecrets = (token: string) => as(token).request({ method: "GET", path: "/api/v1/namespaces/default/secrets" });
  // The authenticator's cache follows deletions by watch: a deleted object's token may live a few milliseconds more.
  const untilRefused = (token: string) =>
    eventually(async () => expect((await failureOf(listSecrets(token))).code).toBe(401), { timeoutMs: 5_000, intervalMs: 20 });
  const makePod = (name: string, serviceAccountName: string) =>
    server.client.create<ApiObject>(pods, "default", {
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name },
      spec: { serviceAccountName, containers: [{ name: "app", image: "busybox" }] },
    });

  it("authenticates as the ServiceAccount, which may do nothing unless bound", async () => {
    const { status } = await requestToken("robot");
    const error = await failureOf(listSecrets(status.token));
    expect(error.code).toBe(403);
    expect(error.message).toBe(
      'secrets is forbidden: User "system:serviceaccount:default:robot" cannot list resource "secrets" in API group "" in the namespace "default"',
    );
  });

  it("gives the default ServiceAccount a token with no rights", async () => {
    await eventually(() => server.client.get(serviceAccounts, "default", "default"), { timeoutMs: 10_000, intervalMs: 50 });
    const { status } = await requestToken("default");
    expect((await failureOf(listSecrets(status.token))).message).toContain('User "system:serviceaccount:default:default" cannot list');
  });

  it("is allowed what a RoleBinding grants the ServiceAccount", async () => {
    const roleBindings = { group: "rbac.authorization.k8s.io", version: "v1", resource: "rolebindings", namespaced: true };
    await server.client.create(serviceAccounts, "default", { apiVersion: "v1", kind: "ServiceAccount", metadata: { name: "viewer" } });
    await server.client.create(roleBindings, "default", {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "RoleBinding",
      metadata: { name: "viewer-view" },
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "view" },
      subjects: [{ kind: "ServiceAccount", name: "viewer", namespace: "default" }],
    });
    const { status } = await requestToken("viewer");
    const list = await eventually(() => as(status.token).request<{ kind: string }>({ method: "GET", path: "/api/v1/namespaces/default/pods" }), {
      timeoutMs: 5_000,
      intervalMs: 50,
    });
    expect(list.kind).toBe("PodList");
    expect((await failureOf(listSecrets(status.token))).code).toBe(403);
  });

  it("signs RS256 tokens with Kubernetes' claims and answers the TokenRequest with its defaults", async () => {
    const before = Math.floor(Date.now() / 1000);
    const answer = await requestToken("robot");
    expect(answer).toMatchObject({
      kind: "TokenRequest",
      apiVersion: "authentication.k8s.io/v1",
      metadata: { name: "robot", namespace: "default" },
      spec: { audiences: [issuer], expirationSeconds: 3600 },
    });
    expect(decodeProtectedHeader(answer.status.token)).toMatchObject({ alg: "RS256", kid: expect.any(String) });
    const claims = decodeJwt(answer.status.token);
    expect(claims).toMatchObject({
      iss: issuer,
      sub: "system:serviceaccount:default:robot",
      aud: [issuer],
      "kubernetes.io": { namespace: "default", serviceaccount: { name: "robot", uid: robotUid } },
    });
    expect(claims.jti).toEqual(expect.any(String));
    expect(claims.iat).toBeGreaterThanOrEqual(before);
    expect(claims.nbf).toBe(claims.iat);
    expect(claims.exp).toBe((claims.iat ?? 0) + 3600);
    expect(Date.parse(answer.status.expirationTimestamp) / 1000).toBe(claims.exp);
    expect(claims["kubernetes.io"]).not.toHaveProperty("pod");
  });

  it("kubectl create token honours --duration (protobuf TokenRequest)", async () => {
    const result = await kubectl(["create", "token", "robot", "--duration", "10m"]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const token = result.stdout.trim();
    const claims = decodeJwt(token);
    expect((claims.exp ?? 0) - (claims.iat ?? 0)).toBe(600);
    expect((await failureOf(listSecrets(token))).code).toBe(403);
  });

  it("kubectl create token --bound-object-kind Pod binds the token to the pod, which then authenticates", async () => {
    const pod = await makePod("bound-by-kubectl", "robot");
    const result = await kubectl(["create", "token", "robot", "--bound-object-kind", "Pod", "--bound-object-name", "bound-by-kubectl"]);
    expect(result.code).toBe(0);
    const token = result.stdout.trim();
    expect(decodeJwt(token)["kubernetes.io"]).toMatchObject({ pod: { name: "bound-by-kubectl", uid: pod.metadata?.uid } });
    expect((await failureOf(listSecrets(token))).message).toContain('User "system:serviceaccount:default:robot"');
  });

  it("names the node a bound pod is scheduled to, as Kubernetes does", async () => {
    const nodes = { group: "", version: "v1", resource: "nodes", namespaced: false };
    const node = await server.client.create<ApiObject>(nodes, undefined, { apiVersion: "v1", kind: "Node", metadata: { name: "pi-1" } });
    await server.client.create(pods, "default", {
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "on-pi-1" },
      spec: { serviceAccountName: "robot", nodeName: "pi-1", containers: [{ name: "app", image: "busybox" }] },
    });
    const { status } = await requestToken("robot", { boundObjectRef: { kind: "Pod", apiVersion: "v1", name: "on-pi-1" } });
    expect(decodeJwt(status.token)["kubernetes.io"]).toMatchObject({ pod: { name: "on-pi-1" }, node: { name: "pi-1", uid: node.metadata?.uid } });
  });

  it("reports the lifetime asked for in status.expirationTimestamp", async () => {
    const before = Date.now();
    const answer = await requestToken("robot", { expirationSeconds: 1200 });
    const expires = Date.parse(answer.status.expirationTimestamp);
    expect(expires).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000 + 1_200_000);
    expect(expires).toBeLessThanOrEqual(Date.now() + 1_200_000);
  });

  it("refuses requests Kubernetes refuses", async () => {
    const missing = await failureOf(requestToken("nobody"));
    expect(missing.code).toBe(404);
    expect(missing.message).toBe('serviceaccounts "nobody" not found');

    const short = await failureOf(requestToken("robot", { expirationSeconds: 60 }));
    expect(short.code).toBe(422);
    expect(short.message).toBe('TokenRequest.authentication.k8s.io "robot" is invalid: spec.expirationSeconds: Invalid value: 60: may not specify a duration less than 10 minutes');

    const node = await failureOf(requestToken("robot", { boundObjectRef: { kind: "Node", apiVersion: "v1", name: "n1" } }));
    expect(node.code).toBe(400);
    expect(node.message).toBe('cannot bind token for serviceaccount "robot" to object of type /v1, Kind=Node');

    const noPod = await failureOf(requestToken("robot", { boundObjectRef: { kind: "Pod", apiVersion: "v1", name: "ghost" } }));
    expect(noPod.code).toBe(404);

    await makePod("runs-as-default", "default");
    const otherAccount = await failureOf(requestToken("robot", { boundObjectRef: { kind: "Pod", apiVersion: "v1", name: "runs-as-default" } }));
    expect(otherAccount.code).toBe(400);
    expect(otherAccount.message).toBe('cannot bind token for serviceaccount "robot" to pod running with different serviceaccount name.');

    await makePod("uid-check", "robot");
    const staleUid = await failureOf(requestToken("robot", { boundObjectRef: { kind: "Pod", apiVersion: "v1", name: "uid-check", uid: "not-the-uid" } }));
    expect(staleUid.code).toBe(409);
    expect(staleUid.message).toContain("the UID in the bound object reference (not-the-uid) does not match the UID in record");
  });

  it("answers bad bodies with a 4xx naming the field", async () => {
    const post = (body: string) =>
      server.client.request({ method: "POST", path: "/api/v1/namespaces/default/serviceaccounts/robot/token", body, contentType: "application/json" });
    const wrongType = await failureOf(post(JSON.stringify({ spec: { expirationSeconds: "ten", audiences: "x" } })));
    expect(wrongType.code).toBe(422);
    expect(wrongType.status.details?.causes?.map((c) => c.field).sort()).toEqual(["spec.audiences", "spec.expirationSeconds"]);
    for (const body of ["[]", '"token"', "{", JSON.stringify({ kind: "Pod", apiVersion: "v1" }), JSON.stringify({ spec: { boundObjectRef: { kind: "Pod" } } })]) {
      const error = await failureOf(post(body));
      expect(error.code, body).toBeGreaterThanOrEqual(400);
      expect(error.code, body).toBeLessThan(500);
    }
  });

  it("stops a bound token working once its pod is deleted", async () => {
    const pod = await makePod("short-lived", "robot");
    const { status } = await requestToken("robot", { boundObjectRef: { kind: "Pod", apiVersion: "v1", name: "short-lived", uid: pod.metadata?.uid } });
    const claims = decodeJwt(status.token);
    expect(claims["kubernetes.io"]).toMatchObject({ pod: { name: "short-lived", uid: pod.metadata?.uid } });
    expect((await failureOf(listSecrets(status.token))).code).toBe(403);

    await server.client.delete(pods, "default", "short-lived");
    await untilRefused(status.token);
    // A new pod of the same name is another pod: the token stays dead.
    await makePod("short-lived", "robot");
    expect((await failureOf(listSecrets(status.token))).code).toBe(401);
  });

  it("keeps a pod's token working while the pod shuts down gracefully, and stops it when the pod is gone", async () => {
    await server.client.create(pods, "default", {
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "graceful" },
      spec: { serviceAccountName: "robot", nodeName: "pi-1", containers: [{ name: "app", image: "busybox" }] },
    });
    const { status } = await requestToken("robot", { boundObjectRef: { kind: "Pod", apiVersion: "v1", name: "graceful" } });
    await server.client.delete(pods, "default", "graceful", { gracePeriodSeconds: 30 });
    const marked = await server.client.get<ApiObject>(pods, "default", "graceful");
    expect(marked.metadata?.deletionTimestamp).toEqual(expect.any(String));
    expect((await failureOf(listSecrets(status.token))).code).toBe(403);
    await server.client.delete(pods, "default", "graceful", { gracePeriodSeconds: 0 });
    await untilRefused(status.token);
  });

  it("stops a token bound to a Secret working once the Secret is deleted", async () => {
    const secrets = { group: "", version: "v1", resource: "secrets", namespaced: true };
    const secret = await server.client.create<ApiObject>(secrets, "default", { apiVersion: "v1", kind: "Secret", metadata: { name: "anchor" } });
    const { status } = await requestToken("robot", { boundObjectRef: { kind: "Secret", apiVersion: "v1", name: "anchor" } });
    expect(decodeJwt(status.token)["kubernetes.io"]).toMatchObject({ secret: { name: "anchor", uid: secret.metadata?.uid } });
    expect((await failureOf(listSecrets(status.token))).code).toBe(403);
    await server.client.delete(secrets, "default", "anchor");
    await untilRefused(status.token);
  });

  it("stops a token working once its ServiceAccount is deleted, even if one of the same name comes back", async () => {
    await server.client.create(serviceAccounts, "default", { apiVersion: "v1", kind: "ServiceAccount", metadata: { name: "temp" } });
    const { status } = await requestToken("temp");
    expect((await failureOf(listSecrets(status.token))).code).toBe(403);
    await server.client.delete(serviceAccounts, "default", "temp");
    await untilRefused(status.token);
    await server.client.create(serviceAccounts, "default", { apiVersion: "v1", kind: "ServiceAccount", metadata: { name: "temp" } });
    expect((await failureOf(listSecrets(status.token))).code).toBe(401);
  });

  it("answers 401 to a token with a bad signature, another key, past its expiry, or for another audience", async () => {
    const { status } = await requestToken("robot");
    const [header, payload, signature] = status.token.split(".") as [string, string, string];
    const flipped = `${signature.slice(0, 10)}${signature[10] === "A" ? "B" : "A"}${signature.slice(11)}`;
    expect((await failureOf(listSecrets(`${header}.${payload}.${flipped}`))).code).toBe(401);

    const claims = decodeJwt(status.token);
    const now = Math.floor(Date.now() / 1000);
    const sign = (key: Parameters<SignJWT["sign"]>[0], iat: number, exp: number) =>
      new SignJWT({ "kubernetes.io": claims["kubernetes.io"] })
        .setProtectedHeader({ alg: "RS256" })
        .setIssuer(issuer)
        .setSubject("system:serviceaccount:default:robot")
        .setAudience([issuer])
        .setIssuedAt(iat)
        .setNotBefore(iat)
        .setExpirationTime(exp)
        .sign(key);

    const { privateKey: otherKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    expect((await failureOf(listSecrets(await sign(otherKey, now, now + 3600)))).code).toBe(401);

    const serverKey = createPrivateKey(await readFile(join(server.dataDir, "tls", "sa.key"), "utf8"));
    const valid = await sign(serverKey, now, now + 3600);
    expect((await failureOf(listSecrets(valid))).code).toBe(403);
    expect((await failureOf(listSecrets(await sign(serverKey, now - 7200, now - 3600)))).code).toBe(401);

    const vault = await requestToken("robot", { audiences: ["vault"] });
    expect(decodeJwt(vault.status.token).aud).toEqual(["vault"]);
    expect((await failureOf(listSecrets(vault.status.token))).code).toBe(401);
  });

  it("keeps its signing key private (0600) and lists the subresource in discovery", async () => {
    expect((await stat(join(server.dataDir, "tls", "sa.key"))).mode & 0o777).toBe(0o600);
    const list = await server.client.request<{ resources: Array<Record<string, unknown>> }>({ method: "GET", path: "/api/v1" });
    expect(list.resources.find((r) => r.name === "serviceaccounts/token")).toEqual({
      name: "serviceaccounts/token",
      singularName: "",
      namespaced: true,
      group: "authentication.k8s.io",
      version: "v1",
      kind: "TokenRequest",
      verbs: ["create"],
    });
  });
});

describe("ServiceAccount tokens across a restart", () => {
  it("keeps the signing key, so issued tokens stay valid", async () => {
    const first = await startTestServer();
    const dataDir = first.dataDir;
    let token: string;
    try {
      await first.client.create(serviceAccounts, "default", { apiVersion: "v1", kind: "ServiceAccount", metadata: { name: "robot" } });
      const answer = await first.client.request<TokenRequestAnswer>({
        method: "POST",
        path: "/api/v1/namespaces/default/serviceaccounts/robot/token",
        body: JSON.stringify({ spec: {} }),
        contentType: "application/json",
      });
      token = answer.status.token;
    } finally {
      await first.server.close();
      first.client.close();
    }
    const second = await startTestServer({ dataDir });
    try {
      const client = new RestClient({ ...second.admin, token }, { retry: { attempts: 1 } });
      const error = await failureOf(client.request({ method: "GET", path: "/api/v1/namespaces/default/secrets" }));
      expect(error.code).toBe(403);
      client.close();
    } finally {
      await second.stop();
      const { rm } = await import("node:fs/promises");
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
