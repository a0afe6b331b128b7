import { notFound, resourceNotServed, type StatusError } from "../../../src/errors/status.js";
import { podStreamSubresources } from "../../tunnel/pod-stream-routes.js";
import type { UserInfo } from "../../auth/user.js";
import type { ResourceRequest } from "../request/request-info.js";
import type { ServedResource } from "../resources/served-resource.js";
import type { ResourceCall, RestContext } from "./context.js";
import { scalableResources } from "./scale.js";

function supportedSubresources(resource: ServedResource): string[] {
  const subresources = resource.hasStatus ? ["", "status"] : [""];
  if (scalableResources.has(`${resource.group}/${resource.resource}`)) subresources.push("scale");
  if (resource.group === "" && resource.resource === "pods") subresources.push("binding", "eviction", ...podStreamSubresources);
  if (resource.group === "" && resource.resource === "namespaces") subresources.push("finalize");
  if (resource.group === "" && resource.resource === "serviceaccounts") subresources.push("token");
  return subresources;
}

/** Finds the served resource a request names; unknown paths are 404 as in Kubernetes. */
export function resolve(ctx: RestContext, info: ResourceRequest, query: URLSearchParams, user: UserInfo): ResourceCall {
  const resource = ctx.resources.find(info.group, info.version, info.resource);
  const missing = (): StatusError => notFound({ group: info.group, resource: info.resource }, info.name);
  if (!resource) throw resourceNotServed({ group: info.group, resource: info.resource });
  if (!supportedSubresources(resource).includes(info.subresource)) throw missing();
  if (!resource.namespaced && info.namespace !== "") throw missing();
  const needsNamespace = resource.namespaced && info.verb !== "list" && info.verb !== "watch";
  if (needsNamespace && info.namespace === "") throw missing();
  return { info, resource, objects: ctx.objectsOf(resource), query, user };
}

