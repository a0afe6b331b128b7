import { TUNNEL_PATH } from "../../../src/tunnel/protocol.js";

/**
 * What a request URL asks for, as Kubernetes' RequestInfoFactory reads it:
 *
 *   /api/v1/namespaces/{ns}/pods/{name}/log      core group, namespaced
 *   /apis/apps/v1/namespaces/{ns}/deployments    named group
 *   /api/v1/nodes/{name}/status                  cluster-scoped, subresource
 *   /api/v1/namespaces/{name}                    the Namespace object itself
 *   /api/v1/watch/namespaces/{ns}/pods           legacy watch prefix
 *
 * Anything else (/version, /openapi/v3, /healthz, discovery) is a
 * non-resource request, and so is the agent tunnel (TUNNEL_PATH): it has
 * the shape of a resource path but names no resource.
 */
export type ResourceVerb =
  | "get"
  | "list"
  | "watch"
  | "create"
  | "update"
  | "patch"
  | "delete"
  | "deletecollection";

export interface ResourceRequest {
  kind: "resource";
  verb: ResourceVerb;
  /** "" for the core group. */
  group: string;
  version: string;
  /** Namespace from the path; "" when none (cluster-scoped or all namespaces). */
  namespace: string;
  resource: string;
  /** "" for collection requests. */
  name: string;
  /** "" unless the path names one (status, scale, log, exec, binding, ...). */
  subresource: string;
}

export interface NonResourceRequest {
  kind: "nonresource";
  path: string;
  /** A lower-cased HTTP verb: get, post, ... */
  verb: string;
}

export type RequestInfo = ResourceRequest | NonResourceRequest;

const methodVerbs: Record<string, ResourceVerb | undefined> = {
  POST: "create",
  PUT: "update",
  PATCH: "patch",
};

/**
 * Reads the path and method of a request. `watchParam` is the `watch` query
 * parameter, which turns a list into a watch.
 */
export function parseRequestInfo(method: string, path: string, watchParam: string | null): RequestInfo {
  const nonResource: NonResourceRequest = { kind: "nonresource", path, verb: method.toLowerCase() };
  if (path === TUNNEL_PATH) return nonResource;
  const parts = path.split("/").filter((p) => p !== "");

  let rest: string[];
  let group: string;
  let version: string;
  if (parts[0] === "api" && parts.length >= 3) {
    group = "";
    version = parts[1]!;
    rest = parts.slice(2);
  } else if (parts[0] === "apis" && parts.length >= 4) {
    group = parts[1]!;
    version = parts[2]!;
    rest = parts.slice(3);
  } else {
    return nonResource;
  }

  let legacyWatch = false;
  if (rest[0] === "watch") {
    legacyWatch = true;
    rest = rest.slice(1);
  }

  let namespace = "";
  if (rest[0] === "namespaces" && rest.length >= 3) {
    // /namespaces/{ns}/{resource}/...; but /namespaces/{name}/{status|finalize}
    // names the Namespace object's own subresource.
    if (rest.length === 3 && (rest[2] === "status" || rest[2] === "finalize")) {
      namespace = "";
    } else {
      namespace = rest[1]!;
      rest = rest.slice(2);
    }
  }
  if (rest.length === 0 || rest.length > 3) return nonResource;

  const [resource, name = "", subresource = ""] = rest as [string, string?, string?];
  const watchRequested = legacyWatch || watchParam === "1" || watchParam === "true";

  let verb: ResourceVerb | undefined;
  switch (method) {
    case "GET":
    case "HEAD":
      verb = watchRequested ? "watch" : name === "" ? "list" : "get";
      break;
    case "DELETE":
      verb = name === "" ? "deletecollection" : "delete";
      break;
    default:
      verb = methodVerbs[method];
  }
  if (verb === undefined) return nonResource;

  return { kind: "resource", verb, group, version, namespace, resource, name, subresource };
}
