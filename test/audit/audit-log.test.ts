import { mkdtemp, readdir, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { request as httpsRequest } from "node:https";
import { connect } from "node:tls";
import { describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import type { AuditEvent } from "../../server/audit/audit-event.js";
import { startServer } from "../../server/server.js";
import { Transport } from "../../src/client/rest/transport.js";
import { joinPath, joinTokensPath } from "../../src/join/join-api.js";
import { parseJoinToken } from "../../src/join/join-token.js";
import { createLogger } from "../../src/log.js";
import { createJoinToken } from "../join/join-support.js";
import { useTestServer } from "../support/server-hooks.js";

// The audit log records every write, allowed or not, and never what was written.
const jane = { token: "jane-token", name: "jane", groups: ["developers"] };
const { server } = useTestServer({ users: [jane] });

async function send(method: string, path: string, options: { body?: unknown; contentType?: string; token?: string } = {}) {
  const transport = new Transport({ ...server().client.config, token: options.token ?? server().admin.token });
  try {
    const body = options.body === undefined ? {} : { body: typeof options.body === "string" ? options.body : JSON.stringify(options.body) };
    return await transport.send({ method, path, ...body, contentType: options.contentType ?? "application/json" });
  } finally {
    transport.close();
  }
}

async function records(): Promise<AuditEvent[]> {
  const text = await readFile(join(server().dataDir, "audit.log"), "utf8");
  return text.split("\n").filter((line) => line !== "").map((line) => JSON.parse(line) as AuditEvent);
}

/** The record matching `expected`, once the background writer has put it in the file. */
async function recordOf(expected: Partial<AuditEvent>): Promise<AuditEvent> {
  const deadline = Date.now() + 3_000;
  for (;;) {
    const found = (await records()).find((r) => Object.entries(expected).every(([k, v]) => JSON.stringify(r[k as keyof AuditEvent]) === JSON.stringify(v)));
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`no audit record like ${JSON.stringify(expected)}`);
    await new Promise((done) => setTimeout(done, 20));
  }
}

const configMap = (name: string) => ({ apiVersion: "v1", kind: "ConfigMap", metadata: { name }, data: { a: "1" } });

describe("audit log", () => {
  it("is DATA_DIR/audit.log, readable by the server's user only", async () => {
    expect(server().server.auditLogPath).toBe(join(server().dataDir, "audit.log"));
    expect((await stat(join(server().dataDir, "audit.log"))).mode & 0o777).toBe(0o600);
  });

  it("records writes to skiff's own paths (join tokens, joining) by path, without the secrets", async () => {
    const { token } = await createJoinToken(server(), { description: "audited" });
    const { id, secret } = parseJoinToken(token);
    const refused = await send("POST", joinPath, { body: { token: `${id}.${"x".repeat(secret.length)}`, nodeName: "pi-9" }, token: "" });
    expect(refused.status).toBe(401);
    expect(await recordOf({ verb: "post", path: joinTokensPath, code: 201 })).toMatchObject({ user: { name: "system:admin" }, resource: "" });
    expect(await recordOf({ verb: "post", path: joinPath, code: 401 })).toMatchObject({ user: null });
    const text = await readFile(join(server().dataDir, "audit.log"), "utf8");
    expect(text).not.toContain(secret);
  });

  it("records who authenticated as the user and whom they impersonated apart", async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const url = new URL("/api/v1/namespaces/default/configmaps", server().admin.server);
      const req = httpsRequest(
        url,
        {
          method: "POST",
          ca: server().admin.caPem,
          headers: { authorization: `Bearer ${server().admin.token}`, "impersonate-user": "jane", "content-type": "application/json" },
        },
        (res) => {
          res.resume();
          res.on("end", () => resolve(res.statusCode ?? 0));
        },
      );
      req.on("error", reject);
      req.end(JSON.stringify(configMap("impersonated")));
    });
    expect(status).toBe(403);
    const record = await recordOf({ verb: "create", resource: "configmaps", code: 403 });
    expect(record.user).toMatchObject({ name: "system:admin" });
    expect(record.impersonatedUser).toEqual({ name: "jane", groups: ["system:authenticated"] });
  });

  it("records the admin's create, patch and delete with who, what and the answer", async () => {
    expect((await send("POST", "/api/v1/namespaces/default/configmaps", { body: configMap("audited") })).status).toBe(201);
    const patched = await send("PATCH", "/api/v1/namespaces/default/configmaps/audited", { body: { data: { b: "2" } }, contentType: "application/merge-patch+json" });
    expect(patched.status).toBe(200);
    expect((await send("DELETE", "/api/v1/namespaces/default/configmaps/audited")).status).toBe(200);

    const created = await recordOf({ verb: "create", resource: "configmaps", name: "audited" });
    expect(created).toMatchObject({
      user: { name: "system:admin", groups: expect.arrayContaining(["system:masters"]) as unknown },
      apiGroup: "",
      apiVersion: "v1",
      subresource: "",
      namespace: "default",
      code: 201,
      userAgent: "skiff",
      sourceAddress: expect.stringMatching(/127\.0\.0\.1$/) as unknown,
    });
    expect(created.reason).toBeUndefined();
    expect(created.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(Date.now() - Date.parse(created.time)).toBeLessThan(60_000);
    expect(await recordOf({ verb: "patch", name: "audited" })).toMatchObject({ code: 200 });
    expect(await recordOf({ verb: "delete", name: "audited" })).toMatchObject({ code: 200 });
  });

  it("answers with the record's id in the Audit-Id header", async () => {
    const answer = await send("POST", "/api/v1/namespaces/default/configmaps", { body: configMap("with-id") });
    const id = answer.headers["audit-id"];
    expect(typeof id).toBe("string");
    expect(await recordOf({ requestId: id as string })).toMatchObject({ verb: "create", name: "with-id" });
  });

  it("records a denied write (403) and a failed one with the Status reason", async () => {
    const denied = await send("DELETE", "/api/v1/namespaces/default/configmaps/whatever", { token: jane.token });
    expect(denied.status).toBe(403);
    expect(await recordOf({ verb: "delete", name: "whatever" })).toMatchObject({
      user: { name: "jane", groups: expect.arrayContaining(["developers"]) as unknown },
      code: 403,
      reason: "Forbidden",
    });
    const invalid = await send("POST", "/api/v1/namespaces/default/configmaps", { body: { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "Not_Valid" } } });
    expect(invalid.status).toBe(422);
    expect(await recordOf({ verb: "create", code: 422 })).toMatchObject({ reason: "Invalid", user: { name: "system:admin" } });
  });

  it("records an unauthenticated write (401) with no user", async () => {
    const answer = await send("POST", "/api/v1/namespaces/kube-public/configmaps", { body: configMap("anon"), token: "not-a-token" });
    expect(answer.status).toBe(401);
    expect(await recordOf({ namespace: "kube-public", code: 401 })).toMatchObject({ user: null, verb: "create", reason: "Unauthorized" });
  });

  it("records pods/binding and pods/exec, and no reads", async () => {
    const pod = { apiVersion: "v1", kind: "Pod", metadata: { name: "bound" }, spec: { containers: [{ name: "c", image: "busybox" }] } };
    expect((await send("POST", "/api/v1/namespaces/default/pods", { body: pod })).status).toBe(201);
    const binding = { apiVersion: "v1", kind: "Binding", metadata: { name: "bound" }, target: { kind: "Node", name: "pi-1" } };
    expect((await send("POST", "/api/v1/namespaces/default/pods/bound/binding", { body: binding })).status).toBe(201);
    expect(await recordOf({ resource: "pods", subresource: "binding" })).toMatchObject({ verb: "create", name: "bound", code: 201 });

    // No agent runs pi-1: the exec is refused before the switch to WebSocket, and recorded.
    const url = `${server().admin.server.replace(/^https/, "wss")}/api/v1/namespaces/default/pods/bound/exec?command=sh&command=-c&command=echo%20secret-arg&stdout=1`;
    const code = await new Promise<number>((done, fail) => {
      const ws = new WebSocket(url, ["v5.channel.k8s.io"], { ca: server().admin.caPem, headers: { Authorization: `Bearer ${server().admin.token}` } });
      ws.on("unexpected-response", (_request, response) => done(response.statusCode ?? 0));
      ws.on("open", () => fail(new Error("exec should not open without an agent")));
      ws.on("error", fail);
    });
    expect(code).toBe(503);
    expect(await recordOf({ subresource: "exec" })).toMatchObject({ verb: "get", resource: "pods", name: "bound", code: 503, reason: "ServiceUnavailable" });

    expect((await send("GET", "/api/v1/namespaces/default/pods/bound")).status).toBe(200);
    expect((await send("GET", "/api/v1/namespaces/default/configmaps")).status).toBe(200);
    const all = await records();
    expect(all.filter((r) => r.verb === "get" && r.subresource !== "exec")).toEqual([]);
    expect(all.filter((r) => r.verb === "list" || r.verb === "watch")).toEqual([]);
    // Query values (an exec's command) never reach the file.
    expect(JSON.stringify(all)).not.toContain("secret-arg");
  });

  it("never holds a Secret's data or stringData values", async () => {
    const values = { data: "c3VwZXItc2VjcmV0LWRhdGEtdmFsdWU=", stringData: "plain-secret-string-value", patched: "cGF0Y2hlZC1zZWNyZXQtdmFsdWU=" };
    const secret = { apiVersion: "v1", kind: "Secret", metadata: { name: "creds" }, data: { password: values.data }, stringData: { token: values.stringData } };
    expect((await send("POST", "/api/v1/namespaces/default/secrets", { body: secret })).status).toBe(201);
    const patch = { data: { password: values.patched } };
    expect((await send("PATCH", "/api/v1/namespaces/default/secrets/creds", { body: patch, contentType: "application/merge-patch+json" })).status).toBe(200);
    const refused = await send("POST", "/api/v1/namespaces/default/secrets", { body: secret, token: jane.token });
    expect(refused.status).toBe(403);
    await recordOf({ resource: "secrets", verb: "patch" });
    await recordOf({ resource: "secrets", verb: "create", code: 403 });

    const text = await readFile(join(server().dataDir, "audit.log"), "utf8");
    for (const value of [...Object.values(values), Buffer.from(values.data, "base64").toString("utf8"), Buffer.from(values.patched, "base64").toString("utf8")]) {
      expect(text).not.toContain(value);
    }
    for (const token of [server().admin.token, jane.token]) expect(text).not.toContain(token);
  });
});

describe("audit log switched off", () => {
  it("writes no file with --audit-log \"\"", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), "skiff-noaudit-"));
    const running = await startServer({ dataDir, store: { engine: "sqlite" }, bind: "127.0.0.1", port: 0, tlsSans: [], auditLog: "", log: createLogger("silent") });
    try {
      expect(running.auditLogPath).toBeUndefined();
      const transport = new Transport({ server: running.url, caPem: running.pki.ca.certPem, token: running.pki.adminToken });
      expect((await transport.send({ method: "POST", path: "/api/v1/namespaces/default/configmaps", body: JSON.stringify(configMap("x")), contentType: "application/json" })).status).toBe(201);
      transport.close();
      expect(await readdir(dataDir)).not.toContain("audit.log");
    } finally {
      await running.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});

describe("audit log of cut-off requests", () => {
  it("records a write whose body was cut off as a client error (400), not a server failure", async () => {
    const url = new URL(server().admin.server);
    const body = JSON.stringify(configMap("cut-off"));
    await new Promise<void>((done) => {
      const socket = connect({ host: url.hostname, port: Number(url.port), ca: server().admin.caPem }, () => {
        socket.write(
          `POST /api/v1/namespaces/default/configmaps HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${server().admin.token}\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body.slice(0, 20)}`,
          () => setTimeout(() => socket.destroy(), 100),
        );
      });
      socket.on("close", () => done());
    });
    expect(await recordOf({ namespace: "default", verb: "create", code: 400 })).toMatchObject({ reason: "BadRequest", name: "" });
  });
});
