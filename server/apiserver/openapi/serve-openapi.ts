import type { IncomingHttpHeaders, OutgoingHttpHeaders, ServerResponse } from "node:http";
import { notAcceptable, notFound } from "../../../src/errors/status.js";
import { documentUrl, type OpenApiDocuments, type ServedDocument } from "./openapi-documents.js";

const root = "/openapi/v3";
const YEAR_MS = 365 * 24 * 60 * 60 * 1000;

/** A request for an OpenAPI document, as far as the answer depends on it. */
export interface OpenApiRequest {
  method: string;
  /** The URL path without a trailing slash. */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
}

/** The OpenAPI documents under one path: `/openapi/v3` and the group version documents under it, or `/openapi/v2`. */
export interface OpenApiEndpoint {
  /** True for the paths this endpoint answers. */
  handles(path: string): boolean;
  /** Answers one request; failures are thrown as StatusError (404, 406). */
  serve(request: OpenApiRequest, response: ServerResponse): void;
}

/** One endpoint answering the paths of several (/openapi/v2 and /openapi/v3). */
export function openApiEndpoints(...endpoints: OpenApiEndpoint[]): OpenApiEndpoint {
  const find = (path: string): OpenApiEndpoint | undefined => endpoints.find((endpoint) => endpoint.handles(path));
  return {
    handles: (path) => find(path) !== undefined,
    serve(request, response) {
      const endpoint = find(request.path);
      if (!endpoint) throw notFound({ group: "", resource: "" }, request.path);
      endpoint.serve(request, response);
    },
  };
}

/**
 * Serves OpenAPI v3 as Kubernetes does: the index and each document with a
 * quoted ETag (304 on If-None-Match); a document asked for with the current
 * `?hash=` is cacheable for good (`public, immutable`, a year), one asked
 * for with a stale hash is redirected to the current URL. `build` runs
 * once, at the first request.
 */
export function openApiEndpoint(build: () => OpenApiDocuments, now: () => number): OpenApiEndpoint {
  let documents: OpenApiDocuments | undefined;
  const get = (): OpenApiDocuments => (documents ??= build());
  return {
    handles: (path) => path === root || path.startsWith(`${root}/`),
    serve(request, response) {
      const missing = () => notFound({ group: "", resource: "" }, request.path);
      if (request.method !== "GET") throw missing();
      if (request.path === root) {
        answer(request, response, get().index, { "Cache-Control": "no-cache, private" });
        return;
      }
      const key = request.path.slice(root.length + 1);
      const document = get().groupVersions.get(key);
      if (!document) throw missing();
      if (!acceptsJson(request.headers.accept)) throw notAcceptable("only application/json is served for OpenAPI v3 documents");
      const hash = request.query.get("hash");
      if (hash !== null && hash !== "" && hash !== document.hash) {
        response.writeHead(301, { Location: documentUrl(key, document.hash), "Cache-Control": "no-cache, private" }).end();
        return;
      }
      const caching =
        hash === document.hash
          ? { "Cache-Control": "public, immutable", Expires: new Date(now() + YEAR_MS).toUTCString() }
          : { "Cache-Control": "no-cache, private" };
      answer(request, response, document, { ...caching, Vary: "Accept" });
    },
  };
}

function answer(request: OpenApiRequest, response: ServerResponse, document: ServedDocument, headers: OutgoingHttpHeaders): void {
  const etag = `"${document.hash}"`;
  if (matchesEtag(request.headers["if-none-match"], etag)) {
    response.writeHead(304, { ETag: etag, ...headers }).end();
    return;
  }
  response
    .writeHead(200, {
      "Content-Type": "application/json",
      "Content-Length": Buffer.byteLength(document.body),
      ETag: etag,
      ...headers,
    })
    .end(document.body);
}

/** If-None-Match holds `*` or a list of ETags, each possibly weak (`W/"..."`). */
export function matchesEtag(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  return header.split(",").some((candidate) => {
    const tag = candidate.trim();
    return tag === "*" || tag === etag || tag === `W/${etag}`;
  });
}

/** Whether an Accept header admits JSON; no header admits anything. */
function acceptsJson(accept: string | undefined): boolean {
  if (accept === undefined || accept.trim() === "") return true;
  return accept.split(",").some((range) => {
    const type = (range.split(";")[0] ?? "").trim().toLowerCase();
    return type === "application/json" || type === "application/*" || type === "*/*";
  });
}
