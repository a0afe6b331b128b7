import type { IncomingMessage, ServerResponse } from "node:http";
import type { Clock } from "../../src/clock.js";
import type { Logger } from "../../src/log.js";
import type { Duplex } from "node:stream";
import { WebSocketServer, type WebSocket } from "ws";
import {
  badRequest,
  internalError,
  methodNotSupported,
  notFound,
  StatusError,
  unauthorized,
  unsupportedMediaType,
} from "../../src/errors/status.js";
import type { Store } from "../store/store.js";
import { apiGroup, apiGroupList, apiResourceList, apiVersions, versionInfo } from "./discovery.js";
import { maxBodyBytes, parseBody, patchTypeOf, readBody } from "./http/body.js";
import { sendError, sendJson } from "./http/respond.js";
import { startHttpWatch } from "./http/watch-stream.js";
import { refuseUpgrade, serveWebSocketWatch } from "./http/watch-websocket.js";
import { openApiResourcesOf, serializeDocuments } from "./openapi/openapi-documents.js";
import { openApiEndpoint, type OpenApiEndpoint } from "./openapi/serve-openapi.js";
import { parseRequestInfo, type ResourceRequest } from "./request/request-info.js";
import type { ResourceTable, ServedResource } from "./resources/served-resource.js";
import type { ResourceCall, RestAnswer, RestContext } from "./rest/context.js";
import { bindPod } from "./rest/binding.js";
import { createObject } from "./rest/create.js";
import { deleteCollection, deleteObject } from "./rest/delete.js";
import { getObject } from "./rest/get.js";
import { listObjects } from "./rest/list.js";
import { patchObject } from "./rest/patch.js";
import { prepareWatch } from "./rest/watch.js";
import { getScale, patchScale, replaceScale, scalableResources } from "./rest/scale.js";
import { finalizeNamespace, replaceObject } from "./rest/update.js";
import { ObjectStore, type StoredObject } from "./storage/object-store.js";
import { tableRenderer } from "./tables/render.js";
import { storeErrorToStatus } from "./storage/store-errors.js";
import { createPodStreamRoutes, podStreamSubresources, type PodStreamRoutes } from "../tunnel/pod-stream-routes.js";

/** Who made a request, as an authenticator established it. */
export interface UserInfo {
  name: string;
  groups: string[];
}

/** Reads a request's credentials; undefined when there are none or they are not valid. */
export type Authenticator = (request: IncomingMessage) => UserInfo | undefined;

export interface ApiHandlerOptions {
  store: Store;
  resources: ResourceTable;
  clock: Clock;
  log: Logger;
  authenticate: Authenticator;
}

// Probes and the version answer without credentials, as in Kubernetes.
const publicPaths = new Set(["/livez", "/readyz", "/healthz", "/version"]);

export interface ApiHandler {
  /** Plain HTTP requests. */
  request(request: IncomingMessage, response: ServerResponse): void;
  /** Requests to switch to WebSocket (watches, pods/exec, agent tunnels). */
  upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void;
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
  };
  const log = options.log;
  const onUnexpected = (error: unknown): void => log.error({ err: error }, "request failed");

  const websockets = new WebSocketServer({ noServer: true, maxPayload: maxBodyBytes });
  const podStreams = createPodStreamRoutes({ log: log.child({ component: "tunnel" }), clock: options.clock });
  const openapi = openApiEndpoint(() => serializeDocuments(openApiResourcesOf(options.resources)), () => options.clock.now());

  return {
    request(request, response) {
      handle(ctx, options, openapi, podStreams, request, response).catch((error: unknown) => {
        if (response.headersSent) {
          onUnexpected(error);
          response.destroy();
          return;
        }
        sendError(response, storeErrorToStatus(error), onUnexpected);
      });
    },
    upgrade(request, socket, head) {
      upgrade(ctx, options, websockets, podStreams, request, socket, head).catch((error: unknown) => {
        const mapped = storeErrorToStatus(error);
        if (!(mapped instanceof StatusError)) onUnexpected(error);
        const status = mapped instanceof StatusError ? mapped.status : internalError(String(error)).status;
        refuseUpgrade(socket, status);
      });
    },
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
): Promise<void> {
  const url = new URL(request.url ?? "/", "http://apiserver");
  const user = options.authenticate(request);
  if (user === undefined) throw unauthorized();
  if (podStreams.isAgentConnect(url.pathname)) return podStreams.connectAgent(user, url.searchParams, request, socket, head);
  const info = parseRequestInfo(request.method ?? "GET", url.pathname, url.searchParams.get("watch"));
  if (info.kind === "resource" && podStreamSubresources.has(info.subresource)) {
    return podStreams.upgrade(resolve(ctx, info, url.searchParams), request, socket, head);
  }
  if (info.kind !== "resource" || info.verb !== "watch") {
    throw badRequest("only watches can be upgraded to WebSocket here");
  }
  const run = prepareWatch(resolve(ctx, info, url.searchParams), ctx.clock);
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
): Promise<void> {
  const url = new URL(request.url ?? "/", "http://apiserver");
  const path = url.pathname.length > 1 ? url.pathname.replace(/\/+$/, "") : url.pathname;
  if (!publicPaths.has(path) && options.authenticate(request) === undefined) throw unauthorized();
  if (openapi.handles(path)) {
    openapi.serve({ method: request.method ?? "GET", path, query: url.searchParams, headers: request.headers }, response);
    return;
  }

  const method = request.method ?? "GET";
  const info = parseRequestInfo(method, path, url.searchParams.get("watch"));
  if (info.kind === "nonresource") {
    const body = nonResource(ctx.resources, path);
    if (body === undefined || info.verb !== "get") throw notFound({ group: "", resource: "" }, path);
    if (typeof body === "string") {
      response.writeHead(200, { "Content-Type": "text/plain" }).end(body);
      return;
    }
    sendJson(response, 200, body);
    return;
  }

  const call: ResourceCall = { ...resolve(ctx, info, url.searchParams), userAgent: request.headers["user-agent"] ?? "" };
  if (podStreamSubresources.has(call.info.subresource)) return podStreams.serve(call, response);
  const tables = call.info.subresource === "" ? tableRenderer(call, request.headers.accept, () => ctx.clock.now()) : undefined;
  if (info.verb === "watch") {
    await startHttpWatch(call, response, ctx.clock, tables?.watchEvent);
    return;
  }
  const answer = await dispatch(ctx, call, request);
  if (tables && info.verb === "get") answer.body = tables.single(answer.body as StoredObject);
  if (tables && info.verb === "list") answer.body = tables.list(answer.body as Parameters<typeof tables.list>[0]);
  sendJson(response, answer.code, answer.body);
}

function nonResource(table: ResourceTable, path: string): unknown | string | undefined {
  switch (path) {
    case "/livez":
    case "/readyz":
    case "/healthz":
      return "ok";
    case "/version":
      return versionInfo();
    case "/api":
      return apiVersions();
    case "/apis":
      return apiGroupList(table);
  }
  const parts = path.split("/").filter((p) => p !== "");
  if (parts[0] === "api" && parts.length === 2) return apiResourceList(table, "", parts[1]!);
  if (parts[0] === "apis" && parts.length === 2) return apiGroup(table, parts[1]!);
  if (parts[0] === "apis" && parts.length === 3) return apiResourceList(table, parts[1]!, parts[2]!);
  return undefined;
}

function supportedSubresources(resource: ServedResource): string[] {
  const subresources = resource.hasStatus ? ["", "status"] : [""];
  if (scalableResources.has(`${resource.group}/${resource.resource}`)) subresources.push("scale");
  if (resource.group === "" && resource.resource === "pods") subresources.push("binding", ...podStreamSubresources);
  if (resource.group === "" && resource.resource === "namespaces") subresources.push("finalize");
  return subresources;
}

/** Finds the served resource a request names; unknown paths are 404 as in Kubernetes. */
function resolve(ctx: RestContext, info: ResourceRequest, query: URLSearchParams): ResourceCall {
  const resource = ctx.resources.find(info.group, info.version, info.resource);
  const missing = (): StatusError => notFound({ group: info.group, resource: info.resource }, info.name);
  if (!resource) throw missing();
  if (!supportedSubresources(resource).includes(info.subresource)) throw missing();
  if (!resource.namespaced && info.namespace !== "") throw missing();
  const needsNamespace = resource.namespaced && info.verb !== "list" && info.verb !== "watch";
  if (needsNamespace && info.namespace === "") throw missing();
  return { info, resource, objects: ctx.objectsOf(resource), query };
}

async function dispatch(ctx: RestContext, call: ResourceCall, request: IncomingMessage): Promise<RestAnswer> {
  const readJson = async (): Promise<unknown> => parseBody(await readBody(request), request.headers["content-type"]);
  const { verb, subresource } = call.info;
  const qualified = { group: call.resource.group, resource: call.resource.resource };
  if (subresource === "scale") return dispatchScale(ctx, call, request, readJson);
  switch (verb) {
    case "get":
      return getObject(call);
    case "list":
      return listObjects(call);
    case "create":
      if (subresource === "binding") return bindPod(ctx, call, await readJson());
      if (subresource !== "") throw methodNotSupported(qualified, "create");
      return createObject(ctx, call, await readJson());
    case "update":
      if (subresource === "finalize") return finalizeNamespace(ctx, call, await readJson());
      return replaceObject(ctx, call, await readJson());
    case "patch": {
      const type = patchTypeOf(request.headers["content-type"]);
      if (type === undefined) throw unsupportedMediaType(request.headers["content-type"] ?? "");
      return patchObject(ctx, call, type, await readJson());
    }
    case "delete": {
      if (subresource !== "") throw methodNotSupported(qualified, "delete");
      const raw = await readBody(request);
      const body = raw.length === 0 ? undefined : parseBody(raw, request.headers["content-type"]);
      return deleteObject(ctx, call, body);
    }
    case "deletecollection": {
      if (call.resource.group === "" && call.resource.resource === "namespaces") throw methodNotSupported(qualified, verb);
      const raw = await readBody(request);
      return deleteCollection(ctx, call, raw.length === 0 ? undefined : parseBody(raw, request.headers["content-type"]));
    }
    default:
      throw methodNotSupported(qualified, verb);
  }
}

async function dispatchScale(ctx: RestContext, call: ResourceCall, request: IncomingMessage, readJson: () => Promise<unknown>): Promise<RestAnswer> {
  switch (call.info.verb) {
    case "get":
      return getScale(call);
    case "update":
      return replaceScale(ctx, call, await readJson());
    case "patch": {
      const type = patchTypeOf(request.headers["content-type"]);
      if (type === undefined) throw unsupportedMediaType(request.headers["content-type"] ?? "");
      return patchScale(ctx, call, type, await readJson());
    }
    default:
      throw methodNotSupported({ group: "autoscaling", resource: "scale" }, call.info.verb);
  }
}
