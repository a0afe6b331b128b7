import type { RequestInfo } from "../apiserver/request/request-info.js";
import type { RequestAttributes } from "./authorizer.js";
import type { UserInfo } from "./user.js";

// Streams into a container act on it, whatever HTTP method carries them: Kubernetes authorizes them as create.
const actingSubresources = new Set(["exec", "attach", "portforward"]);

/** What authorization is asked about a request. */
export function requestAttributes(user: UserInfo, info: RequestInfo, query: URLSearchParams): RequestAttributes {
  if (info.kind === "nonresource") return { kind: "nonresource", user, verb: info.verb, path: info.path };
  return {
    kind: "resource",
    user,
    verb: actingSubresources.has(info.subresource) ? "create" : info.verb,
    group: info.group,
    version: info.version,
    resource: info.resource,
    subresource: info.subresource,
    // A Namespace object is in its own namespace, as Kubernetes reads the path: a RoleBinding there may grant reading it.
    namespace: info.group === "" && info.resource === "namespaces" && info.name !== "" ? info.name : info.namespace,
    name: info.name,
    fieldSelector: query.get("fieldSelector") ?? "",
    labelSelector: query.get("labelSelector") ?? "",
  };
}
