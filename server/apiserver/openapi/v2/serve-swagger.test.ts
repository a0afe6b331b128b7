import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { StatusError } from "../../../../src/errors/status.js";
import { readFields } from "../../protobuf/wire.js";
import { swaggerEndpoint, swaggerProtobufType } from "./serve-swagger.js";
import type { SwaggerDocument } from "./swagger-types.js";

const document: SwaggerDocument = {
  swagger: "2.0",
  info: { title: "Kubernetes", version: "test" },
  paths: {},
  definitions: { "io.k8s.api.core.v1.ConfigMap": { type: "object", properties: { data: { type: "object" } } } },
  parameters: {},
};
let builds = 0;
const endpoint = swaggerEndpoint(() => {
  builds++;
  return document;
});
const clientGoAccept = "application/com.github.proto-openapi.spec.v2@v1.0+protobuf";

let server: Server;
let base: string;
beforeAll(async () => {
  server = createServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://test");
    try {
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

const get = (headers: Record<string, string> = {}): Promise<Response> => fetch(`${base}/openapi/v2`, { headers });

describe("swaggerEndpoint", () => {
  it("answers /openapi/v2 only", () => {
    expect(endpoint.handles("/openapi/v2")).toBe(true);
    expect(endpoint.handles("/openapi/v2/x")).toBe(false);
    expect(endpoint.handles("/openapi/v3")).toBe(false);
  });

  it("serves JSON by default and to a JSON client, with an ETag", async () => {
    for (const headers of [{}, { Accept: "application/json" }, { Accept: "*/*" }] as Array<Record<string, string>>) {
      const response = await get(headers);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toBe("application/json");
      expect(response.headers.get("etag")).toMatch(/^"[0-9A-F]{128}"$/);
      expect(response.headers.get("vary")).toBe("Accept");
      expect(await response.json()).toEqual(document);
    }
  });

  it("serves gnostic protobuf to client-go, in either spelling of the type", async () => {
    for (const accept of [clientGoAccept, swaggerProtobufType, `application/json;q=0.5, ${clientGoAccept}`]) {
      const response = await get({ Accept: accept });
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toBe(swaggerProtobufType);
      const fields = readFields(new Uint8Array(await response.arrayBuffer()));
      expect(fields.map((f) => f.field)).toEqual([1, 2, 8, 9, 10]);
      const swagger = fields[0]?.value;
      expect(swagger?.wireType === 2 && Buffer.from(swagger.bytes).toString()).toBe("2.0");
    }
  });

  it("answers 304 to a client holding the current version of what it asks for", async () => {
    const json = await get();
    const protobuf = await get({ Accept: clientGoAccept });
    const jsonTag = json.headers.get("etag") ?? "";
    const protobufTag = protobuf.headers.get("etag") ?? "";
    expect(jsonTag).not.toBe(protobufTag);
    const again = await get({ Accept: clientGoAccept, "If-None-Match": protobufTag });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
    expect((await get({ Accept: clientGoAccept, "If-None-Match": jsonTag })).status).toBe(200);
  });

  it("refuses what it cannot answer: other types, other methods", async () => {
    const html = await get({ Accept: "text/html" });
    expect(html.status).toBe(406);
    expect(await html.json()).toMatchObject({ kind: "Status", reason: "NotAcceptable" });
    expect((await get({ Accept: "application/json;q=0" })).status).toBe(406);
    expect((await fetch(`${base}/openapi/v2`, { method: "POST" })).status).toBe(404);
  });

  it("builds the document once per form asked for, and keeps only the bytes", () => {
    expect(builds).toBe(2);
  });
});
