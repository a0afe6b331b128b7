import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { StatusError } from "../../../src/errors/status.js";
import type { OpenApiDocuments } from "./openapi-documents.js";
import { openApiEndpoint, openApiEndpoints, type OpenApiEndpoint } from "./serve-openapi.js";

const NOW = Date.parse("2024-05-01T12:00:00Z");
const coreBody = '{"openapi":"3.0.0","paths":{}}';
const documents: OpenApiDocuments = {
  index: { body: '{"paths":{"api/v1":{"serverRelativeURL":"/openapi/v3/api/v1?hash=C0FFEE"}}}', hash: "1DEA" },
  groupVersions: new Map([["api/v1", { body: coreBody, hash: "C0FFEE" }]]),
};

let builds = 0;
const endpoint = openApiEndpoint(() => {
  builds++;
  return documents;
}, () => NOW);

// A loopback server that answers like the apiserver: the endpoint, or the Status it throws.
let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://test");
    try {
      if (!endpoint.handles(url.pathname)) throw new Error(`not an OpenAPI path: ${url.pathname}`);
      endpoint.serve({ method: request.method ?? "GET", path: url.pathname, query: url.searchParams, headers: request.headers }, response);
    } catch (error) {
      const code = error instanceof StatusError ? error.status.code : 500;
      response.writeHead(code, { "Content-Type": "application/json" }).end(JSON.stringify(error instanceof StatusError ? error.status : {}));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

const get = (path: string, headers: Record<string, string> = {}): Promise<Response> =>
  fetch(`${base}${path}`, { headers, redirect: "manual" });

describe("openApiEndpoint", () => {
  it("answers only /openapi/v3 and the paths under it", () => {
    expect(endpoint.handles("/openapi/v3")).toBe(true);
    expect(endpoint.handles("/openapi/v3/apis/apps/v1")).toBe(true);
    expect(endpoint.handles("/openapi/v2")).toBe(false);
    expect(endpoint.handles("/openapi/v3x")).toBe(false);
  });

  it("serves the index with its ETag, not to be cached without asking", async () => {
    const response = await get("/openapi/v3");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/json");
    expect(response.headers.get("etag")).toBe('"1DEA"');
    expect(response.headers.get("cache-control")).toBe("no-cache, private");
    expect(await response.text()).toBe(documents.index.body);
  });

  it("answers 304 when the client holds the current version", async () => {
    const index = await get("/openapi/v3", { "If-None-Match": '"1DEA"' });
    expect(index.status).toBe(304);
    expect(await index.text()).toBe("");
    const core = await get("/openapi/v3/api/v1?hash=C0FFEE", { "If-None-Match": 'W/"OLD", W/"C0FFEE"' });
    expect(core.status).toBe(304);
    expect(core.headers.get("cache-control")).toBe("public, immutable");
  });

  it("lets a document asked for by its current hash be cached for a year", async () => {
    const response = await get("/openapi/v3/api/v1?hash=C0FFEE", { Accept: "application/json" });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe(coreBody);
    expect(response.headers.get("etag")).toBe('"C0FFEE"');
    expect(response.headers.get("cache-control")).toBe("public, immutable");
    expect(response.headers.get("expires")).toBe("Thu, 01 May 2025 12:00:00 GMT");
    expect(response.headers.get("vary")).toBe("Accept");
  });

  it("serves a document without a hash uncached", async () => {
    const response = await get("/openapi/v3/api/v1");
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-cache, private");
    expect(response.headers.get("expires")).toBeNull();
  });

  it("redirects a stale hash to the current URL", async () => {
    const response = await get("/openapi/v3/api/v1?hash=STALE");
    expect(response.status).toBe(301);
    expect(response.headers.get("location")).toBe("/openapi/v3/api/v1?hash=C0FFEE");
  });

  it("refuses what it cannot answer: an unknown group version, protobuf only, other methods", async () => {
    const unknown = await get("/openapi/v3/apis/example.skiff.dev/v1");
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ kind: "Status", reason: "NotFound" });
    const protobuf = await get("/openapi/v3/api/v1", { Accept: "application/com.github.proto-openapi.spec.v3.v1.0+protobuf" });
    expect(protobuf.status).toBe(406);
    const wildcard = await get("/openapi/v3/api/v1", { Accept: "application/com.github.proto-openapi.spec.v3.v1.0+protobuf, */*;q=0.1" });
    expect(wildcard.status).toBe(200);
    const post = await fetch(`${base}/openapi/v3`, { method: "POST" });
    expect(post.status).toBe(404);
  });

  it("builds the documents once, at the first request", () => {
    expect(builds).toBe(1);
  });
});

describe("openApiEndpoints", () => {
  it("hands each path to the endpoint that answers it", () => {
    const served: string[] = [];
    const fixed = (path: string): OpenApiEndpoint => ({ handles: (p) => p === path, serve: () => void served.push(path) });
    const both = openApiEndpoints(fixed("/openapi/v3"), fixed("/openapi/v2"));
    expect([both.handles("/openapi/v2"), both.handles("/openapi/v3"), both.handles("/openapi/v4")]).toEqual([true, true, false]);
    const request = (path: string) => ({ method: "GET", path, query: new URLSearchParams(), headers: {} });
    both.serve(request("/openapi/v2"), {} as never);
    both.serve(request("/openapi/v3"), {} as never);
    expect(served).toEqual(["/openapi/v2", "/openapi/v3"]);
    expect(() => both.serve(request("/openapi/v4"), {} as never)).toThrow(StatusError);
  });
});
