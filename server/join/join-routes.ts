import type { IncomingMessage } from "node:http";
import type { Logger } from "../../src/log.js";
import type { z } from "zod";
import { parseWith } from "../../src/api/schema/parse.js";
import { invalid, methodNotSupported, notFound, success } from "../../src/errors/status.js";
import {
  caCertsPath,
  createJoinTokenSchema,
  joinPath,
  joinRequestSchema,
  joinTokensPath,
  type CreatedJoinToken,
} from "../../src/join/join-api.js";
import { formatJoinToken, isJoinTokenId } from "../../src/join/join-token.js";
import { parseBody, readBody } from "../apiserver/http/body.js";
import { sendJson } from "../apiserver/http/respond.js";
import type { Route } from "../apiserver/http/route.js";
import { tokenInfo } from "./join-token-records.js";
import { joinNode, type NodeJoinDeps } from "./node-join.js";

/** Join bodies are a few hundred bytes. */
const maxJoinBodyBytes = 64 * 1024;
const joinTokens = { group: "skiff", resource: "jointokens" };

export interface JoinRouteDeps extends NodeJoinDeps {
  /** The cluster CA, PEM, and its hash (`K10<hash>::...`). */
  ca: { certPem: string; hash: string };
  log: Logger;
}

async function readValid<S extends z.ZodType>(request: IncomingMessage, schema: S, kind: string): Promise<z.output<S>> {
  const input = parseBody(await readBody(request, maxJoinBodyBytes), request.headers["content-type"]);
  const parsed = parseWith(schema, input, "strict");
  if (!parsed.ok) throw invalid({ group: "skiff", kind }, "", parsed.errors);
  return parsed.value;
}

/** `GET /cacerts`: the CA, to anyone; a joining agent trusts it only if its hash matches its token. */
function caCertsRoute(deps: JoinRouteDeps): Route {
  return {
    public: true,
    matches: (path) => path === caCertsPath,
    async serve(request, response) {
      if (request.method !== "GET") throw methodNotSupported({ group: "", resource: "cacerts" }, request.method ?? "");
      response.writeHead(200, { "Content-Type": "application/x-pem-file", "Content-Length": Buffer.byteLength(deps.ca.certPem) });
      response.end(deps.ca.certPem);
    },
  };
}

/** `POST /skiff/v1/join`: authenticated by the join token in the body alone. */
function joinRoute(deps: JoinRouteDeps): Route {
  return {
    public: true,
    matches: (path) => path === joinPath,
    async serve(request, response) {
      if (request.method !== "POST") throw methodNotSupported({ group: "skiff", resource: "join" }, request.method ?? "");
      const { credential, joinTokenId, replaced } = await joinNode(deps, await readValid(request, joinRequestSchema, "JoinRequest"));
      deps.log.info({ node: credential.nodeName, joinToken: joinTokenId, replaced }, replaced ? "node joined again; its old credential is revoked" : "node joined");
      sendJson(response, 201, { kind: "NodeCredential", ...credential });
    },
  };
}

/** `/skiff/v1/jointokens[/<id>]`: list, create, delete; authorized as non-resource requests (admins). */
function joinTokensRoute(deps: JoinRouteDeps): Route {
  return {
    public: false,
    matches: (path) => path === joinTokensPath || path.startsWith(`${joinTokensPath}/`),
    async serve(request, response, path) {
      const method = request.method ?? "";
      if (path === joinTokensPath && method === "GET") {
        const records = await deps.tokens.list();
        sendJson(response, 200, { kind: "JoinTokenList", items: records.map(tokenInfo) });
        return;
      }
      if (path === joinTokensPath && method === "POST") {
        const wanted = await readValid(request, createJoinTokenSchema, "JoinToken");
        const { record, secret } = await deps.tokens.create({
          description: wanted.description ?? "",
          now: new Date(deps.clock.now()),
          ttlMs: wanted.ttlSeconds * 1000,
        });
        deps.log.info({ joinToken: record.id, expiresAt: record.expiresAt }, "join token created");
        const created: CreatedJoinToken = { ...tokenInfo(record), token: formatJoinToken({ caHash: deps.ca.hash, id: record.id, secret }) };
        sendJson(response, 201, { kind: "JoinToken", ...created });
        return;
      }
      const id = path.slice(joinTokensPath.length + 1);
      if (path !== joinTokensPath && method === "DELETE") {
        if (!isJoinTokenId(id) || !(await deps.tokens.delete(id))) throw notFound(joinTokens, id);
        deps.log.info({ joinToken: id }, "join token deleted");
        sendJson(response, 200, success({ name: id, group: joinTokens.group, kind: joinTokens.resource }));
        return;
      }
      throw methodNotSupported(joinTokens, method);
    },
  };
}

/** The routes of joining, for the API handler. */
export const joinRoutes = (deps: JoinRouteDeps): Route[] => [caCertsRoute(deps), joinRoute(deps), joinTokensRoute(deps)];
