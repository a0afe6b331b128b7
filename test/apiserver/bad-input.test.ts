import { describe, expect, it } from "vitest";
import type { ResourceRef } from "../../src/client/rest/paths.js";
import { useTestServer } from "../support/server-hooks.js";

// Bad requests get a 4xx Status and leave the store as it was.
const { server } = useTestServer();
const configMaps: ResourceRef = { group: "", version: "v1", resource: "configmaps", namespaced: true };

async function raw(method: string, path: string, body?: string | Buffer, contentType = "application/json", token?: string) {
  const transport = server().client.transport;
  const headers: { body?: string | Buffer; contentType?: string } = {};
  if (body !== undefined) {
    headers.body = body;
    headers.contentType = contentType;
  }
  if (token === undefined) return transport.send({ method, path, ...headers });
  const { Transport } = await import("../../src/client/rest/transport.js");
  const other = new Transport({ ...server().client.config, token });
  try {
    return await other.send({ method, path, ...headers });
  } finally {
    other.close();
  }
}

const statusOf = (answer: { body: Buffer }) => JSON.parse(answer.body.toString("utf8")) as { kind: string; code: number; reason: string; message: string };

describe("bad input", () => {
  it("refuses requests without a valid token with 401, but answers /version and probes", async () => {
    const answer = await raw("GET", "/api/v1/namespaces", undefined, undefined, "wrong-token");
    expect(answer.status).toBe(401);
    expect(statusOf(answer)).toMatchObject({ kind: "Status", reason: "Unauthorized" });
    for (const path of ["/version", "/healthz", "/livez", "/readyz"]) {
      expect((await raw("GET", path, undefined, undefined, "wrong-token")).status).toBe(200);
    }
  });

  it("answers malformed JSON and YAML with 400 and the parser's message", async () => {
    const json = await raw("POST", "/api/v1/namespaces/default/configmaps", '{"apiVersion": "v1", "kind":');
    expect(json.status).toBe(400);
    expect(statusOf(json).message).toMatch(/^error decoding JSON: /);
    const yaml = await raw("POST", "/api/v1/namespaces/default/configmaps", "a: [1, 2", "application/yaml");
    expect(yaml.status).toBe(400);
    expect(statusOf(yaml).message).toMatch(/^error decoding YAML: /);
  });

  it("refuses bodies over 3 MiB with 413", async () => {
    const huge = JSON.stringify({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "huge" }, data: { x: "a".repeat(3 * 1024 * 1024) } });
    const answer = await raw("POST", "/api/v1/namespaces/default/configmaps", huge);
    expect(answer.status).toBe(413);
    expect(statusOf(answer).reason).toBe("RequestEntityTooLarge");
  });

  it("answers wrong kinds, unknown resources, bad selectors and unknown media types with 4xx", async () => {
    const wrongKind = await raw("POST", "/api/v1/namespaces/default/configmaps", JSON.stringify({ apiVersion: "v1", kind: "Secret", metadata: { name: "x" } }));
    expect(wrongKind.status).toBe(400);
    expect((await raw("GET", "/api/v1/namespaces/default/widgets")).status).toBe(404);
    expect((await raw("GET", "/api/v1/namespaces/default/configmaps?labelSelector=a%20in%20(")).status).toBe(400);
    expect((await raw("GET", "/api/v1/namespaces/default/configmaps?limit=-1")).status).toBe(400);
    expect((await raw("GET", "/api/v1/namespaces/default/configmaps?watch=1&resourceVersion=abc")).status).toBe(400);
    const patch = await raw("PATCH", "/api/v1/namespaces/default/configmaps/x", "{}", "text/plain");
    expect(patch.status).toBe(415);
    expect((await raw("POST", "/api/v1/namespaces/nowhere/configmaps", JSON.stringify({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "x" } }))).status).toBe(404);
  });

  it("never answers 5xx and never changes the store for random junk", async () => {
    await server().client.create(configMaps, "default", { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "keep" }, data: { a: "1" } });
    const before = await server().client.list(configMaps, "default");
    const junk = [
      "null",
      "[]",
      "42",
      '"str"',
      '{"metadata":null}',
      '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"keep"},"data":{"a":{"b":1}}}',
      '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"x","labels":{"a":7}}}',
      JSON.stringify({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "x".repeat(300) } }),
      '{"__proto__":{"polluted":true}}',
    ];
    for (const body of junk) {
      for (const [method, path, type] of [
        ["POST", "/api/v1/namespaces/default/configmaps", "application/json"],
        ["PUT", "/api/v1/namespaces/default/configmaps/keep", "application/json"],
        ["PATCH", "/api/v1/namespaces/default/configmaps/keep", "application/merge-patch+json"],
        ["PATCH", "/api/v1/namespaces/default/configmaps/keep", "application/json-patch+json"],
        ["PATCH", "/api/v1/namespaces/default/configmaps/keep", "application/strategic-merge-patch+json"],
      ] as const) {
        const answer = await raw(method, path, body, type);
        expect(answer.status, `${method} ${type} ${body.slice(0, 60)}`).toBeLessThan(500);
        if (answer.status >= 400) expect(statusOf(answer).kind).toBe("Status");
      }
    }
    const after = await server().client.list(configMaps, "default");
    expect(after.items.map((i) => [i.metadata?.name, i.metadata?.resourceVersion, i.data])).toEqual(
      before.items.map((i) => [i.metadata?.name, i.metadata?.resourceVersion, i.data]),
    );
  });
});
