import type { IncomingMessage, ServerResponse } from "node:http";
import type { Clock } from "../../src/clock.js";
import type { Logger } from "../../src/log.js";
import type { Duplex } from "node:stream";
import { WebSocketServer, type WebSocket } from "ws";
import {
  badRequest,
  internalError,
  notFound,
  StatusError,
  unauthorized,
} from "../../src/errors/status.js";
import type { AuditEvent } from "../audit/audit-event.js";
import { RequestAudit } from "../audit/request-audit.js";
import type { Authenticator } from "../auth/authenticator.js";
import type { TokenIssuer } from "../auth/serviceaccount/issue-token.js";
import { forbiddenError, type Authorizer } from "../auth/authorizer.js";
import { requestAttributes } from "../auth/request-attributes.js";
import type { UserInfo } from "../auth/user.js";
import type { Store } from "../store/store.js";
import type { AdmissionRequest } from "./admission/admission.js";
import { discoveryAnswer } from "./discovery.js";
import { maxBodyBytes } from "./http/body.js";
import { sendError, sendJson } from "./http/respond.js";
import type { Route } from "./http/route.js";
import { startHttpWatch } from "./http/watch-stream.js";
import { refuseUpgrade, serveWebSocketWatch } from "./http/watch-websocket.js";
import { openApiResourcesOf, serializeDocuments } from "./openapi/openapi-documents.js";
import { openApiEndpoint, openApiEndpoints, type OpenApiEndpoint } from "./openapi/serve-openapi.js";
import { swaggerEndpoint } from "./openapi/v2/serve-swagger.js";
import { swaggerDocument } from "./openapi/v2/swagger-document.js";
import { parseRequestInfo, type RequestInfo } from "./request/request-info.js";
import { requestUrl } from "./request/request-url.js";
import type { ResourceTable, ServedResource } from "./resources/served-resource.js";
import type { ResourceCall, RestContext } from "./rest/context.js";
import { dispatch } from "./rest/dispatch.js";
import { resolve } from "./rest/resolve.js";
import { prepareWatch, type WatchSink } from "./rest/watch.js";
import { ObjectStore, type StoredObject } from "./storage/object-store.js";
import { tableRenderer } from "./tables/render.js";
import { serveVirtual } from "./virtual/serve-virtual.js";
import { storeErrorToStatus } from "./storage/store-errors.js";
import { createPodStreamRoutes, podStreamSubresources, type PodStreamRoutes } from "../tunnel/pod-stream-routes.js";

export interface ApiHandlerOptions {
  store: Store;
  resources: ResourceTable;
  clock: Clock;
  log: Logger;
  authenticate: Authenticator;
  authorizer: Authorizer;
  /** Admission of every write (after authorization, before validation against the stored object). */
  admit(request: AdmissionRequest): Promise<void>;
  /** Signs ServiceAccount tokens for serviceaccounts/token. */
  tokens?: TokenIssuer;
  /** False while the server cannot yet serve as it should (RBAC policy not loaded): /readyz answers 503. */
  ready?: () => boolean;
  /** Endpoints of skiff's own beside the Kubernetes API (joining). */
  routes?: readonly Route[];
  /** Receives the audit event of every write once it is answered (see server/audit). */
  audit?: (event: AuditEvent) => void;
}

// Probes and the version answer without credentials, as in Kubernetes.
const publicPaths = new Set(["/livez", "/readyz", "/healthz", "/version"]);

export interface ApiHandler {
  /** Plain HTTP requests. */
  request(request: IncomingMessage, response: ServerResponse): void;
  /** Requests to switch to WebSocket (watches, pods/exec, agent tunnels). */
  upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** The objects of a served resource, with its watch cache: what the server's own informers read. */
  objectsOf(resource: ServedResource): ObjectStore;
  /** Ends every watch cache's store watch. */
  close(): void;
}

/** The apiserver's request handler: authentication, then routing to discovery or a REST verb. */
export function createApiHandler(options: ApiHandlerOptions): ApiHandler {
  const objectStores = new Map<ServedResource, ObjectStore>();
  const ctx: RestContext = {
    resources: options.resources,
    clock: options.clock,
    objectsOf(resource) {
      let objects = objectStores.get(resource);
      if (!objects) {
        objects = new ObjectStore(options.store, resource, options.log);
        objectStores.set(resource, objects);
      }
      return objects;
    },
    admit: options.admit,
    ...(options.tokens ? { tokens: options.tokens } : {}),
  };
  const log = options.log;
  const onUnexpected = (error: unknown): void => log.error({ err: error }, "request failed");

  const websockets = new WebSocketServer({ noServer: true, maxPayload: maxBodyBytes });
  const podStreams = createPodStreamRoutes({
    log: log.child({ component: "tunnel" }),
    clock: options.clock,
    prepareWatch: (user) => (path, query) => prepareWatchFor(ctx, options.authorizer, user, path, query),
  });
  const openapi = openApiEndpoints(
    openApiEndpoint(() => serializeDocuments(openApiResourcesOf(options.resources)), () => options.clock.now()),
    swaggerEndpoint(() => swaggerDocument(openApiResourcesOf(options.resources))),
  );

  return {
    request(request, response) {
      const audit = new RequestAudit(request, new Date(options.clock.now()));
      response.setHeader("Audit-Id", audit.id);
      const closed = new Promise<void>((done) => response.once("close", done));
      handle(ctx, options, openapi, podStreams, request, response, audit)
        .catch((error: unknown) => {
          const mapped = storeErrorToStatus(error);
          audit.reason = mapped instanceof StatusError ? mapped.status.reason : "InternalError";
          if (response.headersSent) {
            onUnexpected(error);
            response.destroy();
            return;
          }
          sendError(response, mapped, onUnexpected);
        })
        // Recorded once the answer is out and the handler is done: a client
        // that leaves mid-body closes the response before the handler fails.
        .finally(() => closed)
        .then(() => {
          const event = audit.event(response.headersSent ? response.statusCode : 0);
          if (event) options.audit?.(event);
        });
    },
    upgrade(request, socket, head) {
      const audit = new RequestAudit(request, new Date(options.clock.now()));
      const record = (code: number): void => {
        const event = audit.event(code);
        if (event) options.audit?.(event);
      };
      upgrade(ctx, options, websockets, podStreams, request, socket, head, audit).then(
        () => record(101),
        (error: unknown) => {
          const mapped = storeErrorToStatus(error);
          if (!(mapped instanceof StatusError)) onUnexpected(error);
          const status = mapped instanceof StatusError ? mapped.status : internalError(String(error)).status;
          audit.reason = status.reason;
          refuseUpgrade(socket, status);
          record(status.code);
        },
      );
    },
    objectsOf: (resource) => ctx.objectsOf(resource),
    close() {
      for (const objects of objectStores.values()) objects.close();
      websockets.close();
      podStreams.close();
    },
  };
}

/**
 * A watch over WebSocket: the same URL as the HTTP watch, one event per text
 * message. Agent tunnels and pods/exec go to the pod stream routes. Failures
 * before the switch answer as plain HTTP with a Status.
 */
async function upgrade(
  ctx: RestContext,
  options: ApiHandlerOptions,
  websockets: WebSocketServer,
  podStreams: PodStreamRoutes,
  request: IncomingMessage,
  socket: Duplex,
  head: Buffer,
  audit: RequestAudit,
): Promise<void> {
  const url = requestUrl(request.url);
  const info = parseRequestInfo(request.method ?? "GET", url.pathname, url.searchParams.get("watch"));
  audit.info = info;
  const user = await options.authenticate(request);
  if (user === undefined) throw unauthorized();
  audit.user = user;
  await authorize(options.authorizer, user, info, url.searchParams);
  if (podStreams.isAgentConnect(url.pathname)) return podStreams.connectAgent(user, url.searchParams, request, socket, head);
  if (info.kind === "resource" && podStreamSubresources.has(info.subresource)) {
    return podStreams.upgrade(resolve(ctx, info, url.searchParams, user), request, socket, head);
  }
  if (info.kind !== "resource" || info.verb !== "watch") {
    throw badRequest("only watches can be upgraded to WebSocket here");
  }
  const run = prepareWatch(resolve(ctx, info, url.searchParams, user), ctx.clock);
  const ws = await new Promise<WebSocket>((done) => websockets.handleUpgrade(request, socket, head, done));
  // From here on the socket speaks WebSocket: a failure closes it instead of answering HTTP.
  await serveWebSocketWatch(run, ws).catch((error: unknown) => {
    options.log.error({ err: error }, "websocket watch failed");
    ws.close(1011);
  });
}

async function handle(
  ctx: RestContext,
  options: ApiHandlerOptions,
  openapi: OpenApiEndpoint,
  podStreams: PodStreamRoutes,
  request: IncomingMessage,
  response: ServerResponse,
  audit: RequestAudit,
): Promise<void> {
  const url = requestUrl(request.url);
  const path = url.pathname.length > 1 ? url.pathname.replace(/\/+$/, "") : url.pathname;
  const method = request.method ?? "GET";
  const info = parseRequestInfo(method, path, url.searchParams.get("watch"));
  audit.info = info;
  const user = await options.authenticate(request);
  audit.user = user;
  const route = options.routes?.find((r) => r.matches(path));
  if (!publicPaths.has(path) && !route?.public) {
    if (user === undefined) throw unauthorized();
    await authorize(options.authorizer, user, info, url.searchParams);
  }
  if (path === "/readyz" && options.ready?.() === false) {
    response.writeHead(503, { "Content-Type": "text/plain" }).end("[-]poststarthook/rbac/bootstrap-roles failed: not finished\nreadyz check failed\n");
    return;
  }
  if (route) return route.serve(request, response, path, user);
  if (openapi.handles(path)) {
    openapi.serve({ method, path, query: url.searchParams, headers: request.headers }, response);
    return;
  }

  if (info.kind === "nonresource") {
    const body = discoveryAnswer(ctx.resources, path);
    if (body === undefined || info.verb !== "get") throw notFound({ group: "", resource: "" }, path);
    if (typeof body === "string") {
      response.writeHead(200, { "Content-Type": "text/plain" }).end(body);
      return;
    }
    sendJson(response, 200, body);
    return;
  }

  if (user === undefined) throw unauthorized();
  const virtual = ctx.resources.findVirtual(info.group, info.version, info.resource);
  if (virtual) return serveVirtual(virtual, info, user, request, response);
  const call: ResourceCall = { ...resolve(ctx, info, url.searchParams, user), userAgent: request.headers["user-agent"] ?? "" };
  if (podStreamSubresources.has(call.info.subresource)) return podStreams.serve(call, response);
  const tables = call.info.subresource === "" ? tableRenderer(call, request.headers.accept, () => ctx.clock.now()) : undefined;
  if (info.verb === "watch") {
    await startHttpWatch(call, response, ctx.clock, tables?.watchEvent);
    return;
  }
  const answer = await dispatch(ctx, call, request);
  audit.nameFrom(answer.body);
  if (tables && info.verb === "get") answer.body = tables.single(answer.body as StoredObject);
  if (tables && info.verb === "list") answer.body = tables.list(answer.body as Parameters<typeof tables.list>[0]);
  sendJson(response, answer.code, answer.body);
}

/**
 * A watch as `GET path?watch=1&...` from `user` is served, checked the same
 * way: what an agent's watches over its tunnel go through.
 */
async function prepareWatchFor(
  ctx: RestContext,
  authorizer: Authorizer,
  user: UserInfo,
  path: string,
  query: URLSearchParams,
): Promise<(sink: WatchSink) => Promise<void>> {
  const info = parseRequestInfo("GET", path, query.get("watch"));
  if (info.kind !== "resource" || info.verb !== "watch" || info.subresource !== "") throw badRequest(`${path} cannot be watched`);
  await authorize(authorizer, user, info, query);
  return prepareWatch(resolve(ctx, info, query, user), ctx.clock);
}

/** Refuses, with Kubernetes' 403, a request the authorizer does not allow. */
async function authorize(authorizer: Authorizer, user: UserInfo, info: RequestInfo, query: URLSearchParams): Promise<void> {
  const attributes = requestAttributes(user, info, query);
  const decision = await authorizer.authorize(attributes);
  if (decision.decision !== "allow") throw forbiddenError(attributes, decision.reason);
}
