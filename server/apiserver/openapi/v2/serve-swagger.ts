import { createHash } from "node:crypto";
import { notAcceptable, notFound } from "../../../../src/errors/status.js";
import { matchesEtag, type OpenApiEndpoint } from "../serve-openapi.js";
import { encodeSwaggerProtobuf } from "./swagger-protobuf.js";
import type { SwaggerDocument } from "./swagger-types.js";

const root = "/openapi/v2";

/** The protobuf media type, in the form Kubernetes answers with. */
export const swaggerProtobufType = "application/com.github.proto-openapi.spec.v2.v1.0+protobuf";

/** What a client may ask for, by media type, and what each is answered as. */
const representations = [
  { type: "application/json", contentType: "application/json", key: "json" },
  // client-go asks with the older "@v1.0" spelling.
  { type: "application/com.github.proto-openapi.spec.v2@v1.0+protobuf", contentType: swaggerProtobufType, key: "protobuf" },
  { type: swaggerProtobufType, contentType: swaggerProtobufType, key: "protobuf" },
] as const;

type RepresentationKey = (typeof representations)[number]["key"];

interface Encoded {
  body: Buffer;
  /** Upper-case hex SHA-512 of the body, quoted: the ETag. */
  etag: string;
}

/**
 * Serves `/openapi/v2` as Kubernetes does: JSON or gnostic protobuf by the
 * Accept header (406 for anything else), with an ETag (304 on
 * If-None-Match). Each form is encoded once, the first time it is asked
 * for, and only its bytes are kept: the document object is built for the
 * encoding and dropped, so the cache costs what the bytes weigh.
 */
export function swaggerEndpoint(build: () => SwaggerDocument): OpenApiEndpoint {
  const encoders: Record<RepresentationKey, (document: SwaggerDocument) => Buffer> = {
    json: (document) => Buffer.from(JSON.stringify(document)),
    protobuf: encodeSwaggerProtobuf,
  };
  const cache = new Map<RepresentationKey, Encoded>();
  const encoded = (key: RepresentationKey): Encoded => {
    let found = cache.get(key);
    if (!found) {
      const body = encoders[key](build());
      found = { body, etag: `"${createHash("sha512").update(body).digest("hex").toUpperCase()}"` };
      cache.set(key, found);
    }
    return found;
  };
  return {
    handles: (path) => path === root,
    serve(request, response) {
      if (request.method !== "GET") throw notFound({ group: "", resource: "" }, request.path);
      const chosen = negotiate(request.headers.accept);
      if (!chosen) throw notAcceptable(`only application/json and ${swaggerProtobufType} are served for OpenAPI v2`);
      const { body, etag } = encoded(chosen.key);
      const headers = { ETag: etag, Vary: "Accept", "Cache-Control": "no-cache, private" };
      if (matchesEtag(request.headers["if-none-match"], etag)) {
        response.writeHead(304, headers).end();
        return;
      }
      response.writeHead(200, { ...headers, "Content-Type": chosen.contentType, "Content-Length": body.length }).end(body);
    },
  };
}

/**
 * The representation the Accept header prefers: ranges by falling quality
 * (a wildcard after an exact type of the same quality), each matched
 * against JSON first, then protobuf. No header accepts anything.
 */
function negotiate(accept: string | undefined): (typeof representations)[number] | undefined {
  const ranges = (accept === undefined || accept.trim() === "" ? "*/*" : accept)
    .split(",")
    .map((range, order) => {
      const [type = "", ...params] = range.split(";").map((part) => part.trim());
      const q = params.find((p) => p.startsWith("q="));
      return { type: type.toLowerCase(), quality: q === undefined ? 1 : Number(q.slice(2)), order };
    })
    .filter((range) => range.quality > 0)
    .sort((a, b) => b.quality - a.quality || wildcards(a.type) - wildcards(b.type) || a.order - b.order);
  for (const range of ranges) {
    const match = representations.find((r) => range.type === "*/*" || range.type === "application/*" || range.type === r.type);
    if (match) return match;
  }
  return undefined;
}

function wildcards(type: string): number {
  return type === "*/*" ? 2 : type.endsWith("/*") ? 1 : 0;
}
