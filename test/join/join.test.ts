import { once } from "node:events";
import { mkdtemp, rm, stat } from "node:fs/promises";
import { createServer, type Server } from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { StatusError } from "../../src/errors/status.js";
import { readNodeCredential, credentialFileName } from "../../src/join/credential-file.js";
import { ensureNodeCredential } from "../../src/join/ensure-node-credential.js";
import { joinPath, joinTokensPath } from "../../src/join/join-api.js";
import { JoinError } from "../../src/join/join-error.js";
import { formatJoinToken, parseJoinToken } from "../../src/join/join-token.js";
import { ensureServerPki } from "../../server/pki/server-pki.js";
import { useTestServer } from "../support/server-hooks.js";
import { useTempDir } from "../support/temp-dir.js";
import { clientWith, createJoinToken, rejection } from "./join-support.js";

const { server } = useTestServer({ users: [{ token: "jane-token", name: "jane", groups: ["dev"] }] });
const dir = useTempDir("skiff-join-");

const secrets = { group: "", version: "v1", resource: "secrets", namespaced: true };
const nodes = { group: "", version: "v1", resource: "nodes", namespaced: false };

/** What the node's identity is told when it lists secrets: only mastersAuthorizer is in the chain, so a node gets 403 naming it. */
async function identityOf(clientConfigToken: string): Promise<string> {
  const client = clientWith(server(), clientConfigToken);
  try {
    const error = await rejection(client.list(secrets, "default"));
    if (!(error instanceof StatusError)) throw error;
    if (error.code === 401) return "unauthenticated";
    return /User "([^"]+)"/.exec(error.message)?.[1] ?? error.message;
  } finally {
    client.close();
  }
}

const joinAs = (token: string, nodeName: string, dataDir: string) =>
  ensureNodeCredential({ server: server().admin.server, token, nodeName, dataDir });

describe("the join exchange", () => {
  it("gives a node a credential for system:node:NAME, kept 0600 in a 0700 data dir and reused without the server", async () => {
    const { token } = await createJoinToken(server(), { description: "pi-1" });
    const dataDir = join(dir(), "pi-1");
    const first = await joinAs(token, "pi-1", dataDir);
    expect(first.joined).toBe(true);
    expect(await identityOf(first.credential.token)).toBe("system:node:pi-1");
    expect((await stat(join(dataDir, credentialFileName))).mode & 0o777).toBe(0o600);
    expect((await stat(dataDir)).mode & 0o777).toBe(0o700);
    expect(await readNodeCredential(dataDir)).toEqual(first.credential);

    // Joining again is not asked for: with the token deleted, the stored credential still serves.
    await server().client.request({ method: "DELETE", path: `${joinTokensPath}/${parseJoinToken(token).id}` });
    const again = await joinAs(token, "pi-1", dataDir);
    expect(again).toMatchObject({ joined: false, credential: first.credential });
    expect(again.clientConfig).toEqual({ server: server().admin.server, caPem: server().admin.caPem, token: first.credential.token });
  });

  it("refuses a stored credential of another node name or another cluster", async () => {
    const { token } = await createJoinToken(server());
    const dataDir = join(dir(), "pi-3");
    await joinAs(token, "pi-3", dataDir);
    const renamed = await rejection(joinAs(token, "pi-4", dataDir));
    expect(renamed).toBeInstanceOf(JoinError);
    expect((renamed as JoinError).message).toContain('holds the credential of node "pi-3", not "pi-4"');
    const otherCa = formatJoinToken({ ...parseJoinToken(token), caHash: "f".repeat(64) });
    const elsewhere = await rejection(joinAs(otherCa, "pi-3", dataDir));
    expect((elsewhere as JoinError).message).toContain("another cluster");
  });

  it("keeps the secrets out of the store: join tokens and node credentials are there only as hashes", async () => {
    const { token } = await createJoinToken(server());
    const { credential } = await joinAs(token, "pi-5", join(dir(), "pi-5"));
    const { items } = await server().server.store.list("/skiff/");
    expect(items.map((kv) => kv.key)).toEqual(expect.arrayContaining([`/skiff/jointokens/${parseJoinToken(token).id}`, "/skiff/nodecredentials/pi-5"]));
    const everything = items.map((kv) => kv.value).join("\n");
    expect(everything).not.toContain(parseJoinToken(token).secret);
    expect(everything).not.toContain(credential.token);
  });

  it("refuses an expired token, saying it expired", async () => {
    const { token, expiresAt } = await createJoinToken(server(), { ttlSeconds: 1 });
    await new Promise((resolve) => setTimeout(resolve, Date.parse(expiresAt!) - Date.now() + 50));
    const error = await rejection(joinAs(token, "late", join(dir(), "late")));
    expect(error).toBeInstanceOf(JoinError);
    expect(error).toMatchObject({ failure: "refused", status: 401 });
    expect((error as Error).message).toContain(`join token "${parseJoinToken(token).id}" expired at ${expiresAt}`);
  });

  it("refuses a deleted token and a wrong secret alike, as unknown or deleted", async () => {
    const { token, id } = await createJoinToken(server());
    const wrongSecret = formatJoinToken({ ...parseJoinToken(token), secret: "0000000000000000" });
    const wrong = await rejection(joinAs(wrongSecret, "pi-9", join(dir(), "wrong")));
    await server().client.request({ method: "DELETE", path: `${joinTokensPath}/${id}` });
    const deleted = await rejection(joinAs(token, "pi-9", join(dir(), "deleted")));
    for (const error of [wrong, deleted]) {
      expect(error).toMatchObject({ failure: "refused", status: 401 });
      expect((error as Error).message).toContain(`join token "${id}" is not valid: it is unknown or was deleted`);
    }
    expect(await readNodeCredential(join(dir(), "deleted"))).toBeUndefined();
  });

  it("refuses a name held by a live Node; once the Node is deleted, a new join replaces the old credential", async () => {
    const { token } = await createJoinToken(server());
    const old = await joinAs(token, "pi-2", join(dir(), "old-pi-2"));
    await server().client.create(nodes, undefined, { apiVersion: "v1", kind: "Node", metadata: { name: "pi-2" } });

    const taken = await rejection(joinAs(token, "pi-2", join(dir(), "new-pi-2")));
    expect(taken).toMatchObject({ failure: "refused", status: 409 });
    expect((taken as Error).message).toContain("delete the Node first (kubectl delete node pi-2)");
    expect(await identityOf(old.credential.token)).toBe("system:node:pi-2");

    await server().client.delete(nodes, undefined, "pi-2");
    const replacement = await joinAs(token, "pi-2", join(dir(), "new-pi-2"));
    expect(replacement.joined).toBe(true);
    expect(await identityOf(replacement.credential.token)).toBe("system:node:pi-2");
    expect(await identityOf(old.credential.token)).toBe("unauthenticated");
  });

  it("revokes a node's credential when its Node is deleted, so a stolen machine cannot register again", async () => {
    const { token } = await createJoinToken(server());
    const stolen = await joinAs(token, "pi-6", join(dir(), "stolen-pi-6"));
    const asStolen = clientWith(server(), stolen.credential.token);
    try {
      await asStolen.create(nodes, undefined, { apiVersion: "v1", kind: "Node", metadata: { name: "pi-6" } });
      await server().client.delete(nodes, undefined, "pi-6");
      await expect.poll(() => identityOf(stolen.credential.token), { timeout: 10_000 }).toBe("unauthenticated");
      expect(await rejection(asStolen.create(nodes, undefined, { apiVersion: "v1", kind: "Node", metadata: { name: "pi-6" } }))).toMatchObject({ code: 401 });
    } finally {
      asStolen.close();
    }
    // The deletion has been dealt with (the old credential is gone); joining again afterwards gives a credential that stays.
    const again = await joinAs(token, "pi-6", join(dir(), "rejoined-pi-6"));
    expect(await identityOf(again.credential.token)).toBe("system:node:pi-6");
  });

  it("refuses a node name that is no DNS subdomain, with the field's cause", async () => {
    const { token } = await createJoinToken(server());
    const error = await rejection(joinAs(token, "Pi_1", join(dir(), "bad-name")));
    expect(error).toMatchObject({ failure: "refused", status: 422 });
    expect((error as Error).message).toContain("nodeName: Invalid value");
  });
});

describe("a server that is not the token's", () => {
  let impostor: Server;
  let url: string;
  const seen: Array<{ method: string; url: string; headers: string; body: string }> = [];

  beforeAll(async () => {
    // A server of its own CA, recording everything it is sent.
    const pki = await ensureServerPki({ dataDir: join(await mkdtemp(join(tmpdir(), "skiff-impostor-")), "data") });
    impostor = createServer({ cert: pki.serving.certPem, key: pki.serving.keyPem }, (request, response) => {
      const chunks: Buffer[] = [];
      request.on("data", (chunk: Buffer) => chunks.push(chunk));
      request.on("end", () => {
        seen.push({ method: request.method ?? "", url: request.url ?? "", headers: JSON.stringify(request.headers), body: Buffer.concat(chunks).toString() });
        if (request.url === "/cacerts") response.writeHead(200).end(pki.ca.certPem);
        else response.writeHead(201, { "Content-Type": "application/json" }).end(JSON.stringify({ nodeName: "pi-1", token: "stolen" }));
      });
    });
    impostor.listen(0, "127.0.0.1");
    await once(impostor, "listening");
    url = `https://127.0.0.1:${(impostor.address() as AddressInfo).port}`;
    return async () => {
      impostor.closeAllConnections();
      impostor.close();
      await rm(pki.paths.dataDir, { recursive: true, force: true });
    };
  });

  it("is refused by the agent before the secret leaves it: the impostor sees one GET /cacerts and nothing secret", async () => {
    const { token } = await createJoinToken(server());
    const { secret } = parseJoinToken(token);
    const error = await rejection(ensureNodeCredential({ server: url, token, nodeName: "pi-1", dataDir: join(dir(), "fooled") }));
    expect(error).toBeInstanceOf(JoinError);
    expect(error).toMatchObject({ failure: "ca-mismatch" });
    expect((error as Error).message).toContain("is not the one the join token pins");
    expect(seen.map((r) => `${r.method} ${r.url}`)).toEqual(["GET /cacerts"]);
    expect(JSON.stringify(seen)).not.toContain(secret);
    expect(await readNodeCredential(join(dir(), "fooled"))).toBeUndefined();
  });

  it("nor does the real server get the secret of a token pinning another CA", async () => {
    const { token } = await createJoinToken(server());
    const otherCa = formatJoinToken({ ...parseJoinToken(token), caHash: "0".repeat(64) });
    const error = await rejection(joinAs(otherCa, "pi-1", join(dir(), "other-ca")));
    expect(error).toMatchObject({ failure: "ca-mismatch" });
  });
});

describe("the join endpoints", () => {
  it("answer the CA to anyone, and the join only with a token", async () => {
    const anonymous = clientWith(server());
    try {
      const pem = await anonymous.transport.send({ method: "GET", path: "/cacerts" });
      expect(pem.status).toBe(200);
      expect(pem.body.toString()).toBe(server().admin.caPem);
      const noToken = await rejection(anonymous.request({ method: "POST", path: joinPath, body: JSON.stringify({ nodeName: "x" }), contentType: "application/json" }));
      expect(noToken).toMatchObject({ code: 422 });
      expect((noToken as StatusError).status.details?.causes).toEqual([{ reason: "FieldValueRequired", message: "Required value", field: "token" }]);
      const malformed = await rejection(anonymous.request({ method: "POST", path: joinPath, body: JSON.stringify({ nodeName: "x", token: "nope" }), contentType: "application/json" }));
      expect(malformed).toMatchObject({ code: 401, message: "the join token is malformed: expected <id>.<secret>" });
      const notJson = await rejection(anonymous.request({ method: "POST", path: joinPath, body: "{", contentType: "application/json" }));
      expect(notJson).toMatchObject({ code: 400 });
      const put = await rejection(anonymous.request({ method: "PUT", path: "/cacerts", body: "x" }));
      expect(put).toMatchObject({ code: 405 });
    } finally {
      anonymous.close();
    }
  });

  it("let only admins manage join tokens: 401 without credentials, 403 for others, worded as Kubernetes", async () => {
    const anonymous = clientWith(server());
    const jane = clientWith(server(), "jane-token");
    try {
      expect(await rejection(anonymous.request({ method: "GET", path: joinTokensPath }))).toMatchObject({ code: 401 });
      const forbidden = await rejection(jane.request({ method: "POST", path: joinTokensPath, body: '{"ttlSeconds":0}', contentType: "application/json" }));
      expect(forbidden).toMatchObject({ code: 403, message: 'forbidden: User "jane" cannot post path "/skiff/v1/jointokens"' });
    } finally {
      anonymous.close();
      jane.close();
    }
  });

  it("check what a token is made with, one cause per bad field", async () => {
    const bad = await rejection(
      server().client.request({ method: "POST", path: joinTokensPath, body: JSON.stringify({ ttlSeconds: -1, description: 5, extra: true }), contentType: "application/json" }),
    );
    expect(bad).toMatchObject({ code: 422 });
    expect((bad as StatusError).status.details?.causes?.map((c) => c.field).sort()).toEqual(["description", "extra", "ttlSeconds"]);
    expect(await rejection(server().client.request({ method: "DELETE", path: `${joinTokensPath}/nosuch` }))).toMatchObject({ code: 404 });
    // A dot segment is refused before routing: it could otherwise name another path.
    expect(await rejection(server().client.request({ method: "DELETE", path: `${joinTokensPath}/../x` }))).toMatchObject({ code: 400 });
  });

  it("list tokens without their secrets, with expiry (null for never)", async () => {
    const forever = await createJoinToken(server(), { ttlSeconds: 0, description: "forever" });
    expect(forever.expiresAt).toBeNull();
    const list = await server().client.request<{ items: Array<Record<string, unknown>> }>({ method: "GET", path: joinTokensPath });
    const listed = list.items.find((t) => t.id === forever.id);
    expect(listed).toEqual({ id: forever.id, description: "forever", createdAt: forever.createdAt, expiresAt: null });
    expect(JSON.stringify(list)).not.toContain(parseJoinToken(forever.token).secret);
  });

  it("answer bad input with a 4xx, never a 5xx, and change nothing", async () => {
    const before = await server().server.store.list("/skiff/");
    const bodies: Array<[string, string]> = [
      ["application/json", "null"],
      ["application/json", "[]"],
      ["application/json", '"text"'],
      ["application/json", '{"token": 5, "nodeName": ["a"]}'],
      ["application/json", `{"token": "${"a".repeat(70_000)}", "nodeName": "x"}`],
      ["application/json", '{"token": "abc123.x.y", "nodeName": "x"}'],
      ["application/json", '{"token": "abc123.0123456789abcdef", "nodeName": "../../registry/core/nodes/x"}'],
      ["application/yaml", "a: [1, 2"],
      ["application/yaml", "- 1\n- 2\n"],
      ["application/vnd.kubernetes.protobuf", "k8s\u0000garbage"],
      ["text/plain", "hello"],
      ["application/json", ""],
    ];
    const anonymous = clientWith(server());
    try {
      for (const path of [joinPath, joinTokensPath]) {
        for (const [contentType, body] of bodies) {
          const client = path === joinPath ? anonymous : server().client;
          const answer = await client.transport.send({ method: "POST", path, body, contentType });
          expect(answer.status, `${path} ${contentType} ${body.slice(0, 40)}`).toBeGreaterThanOrEqual(400);
          expect(answer.status, `${path} ${contentType} ${body.slice(0, 40)}`).toBeLessThan(500);
        }
      }
    } finally {
      anonymous.close();
    }
    expect(await server().server.store.list("/skiff/")).toMatchObject({ items: before.items });
  });
});
