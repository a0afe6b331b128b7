import { StatusError, type Status } from "../../src/errors/status.js";
import { wellKnownGroups, type UserInfo } from "./user.js";

/** A request to a resource, as authorization sees it (Kubernetes' resource attributes). */
export interface ResourceAttributes {
  kind: "resource";
  user: UserInfo;
  /** get, list, watch, create, update, patch, delete, deletecollection. */
  verb: string;
  group: string;
  version: string;
  resource: string;
  /** "" unless the path names one. */
  subresource: string;
  /** "" for cluster-scoped resources and requests across all namespaces. */
  namespace: string;
  /** "" for collection requests. */
  name: string;
  /** The request's selectors: a node may list only its own pods. */
  fieldSelector: string;
  labelSelector: string;
}

/** A request to a path that names no resource (discovery, /openapi, /metrics). */
export interface NonResourceAttributes {
  kind: "nonresource";
  user: UserInfo;
  /** The lower-cased HTTP method, as Kubernetes names non-resource verbs. */
  verb: string;
  path: string;
}

export type RequestAttributes = ResourceAttributes | NonResourceAttributes;

/**
 * An authorizer's answer. `no-opinion` passes the request to the next
 * authorizer; the last word is always deny. A reason says why, for the
 * message of a 403 and for SubjectAccessReview.
 */
export type Decision =
  | { decision: "allow"; reason?: string }
  | { decision: "deny"; reason?: string }
  | { decision: "no-opinion"; reason?: string };

export interface Authorizer {
  authorize(attributes: RequestAttributes): Promise<Decision> | Decision;
}

/** Asks each authorizer in turn: the first allow or deny decides; nobody allowing means deny. */
export function authorizerChain(authorizers: readonly Authorizer[]): Authorizer {
  return {
    async authorize(attributes) {
      const reasons: string[] = [];
      for (const authorizer of authorizers) {
        const decision = await authorizer.authorize(attributes);
        if (decision.decision !== "no-opinion") return decision;
        if (decision.reason) reasons.push(decision.reason);
      }
      return reasons.length > 0 ? { decision: "deny", reason: reasons.join("; ") } : { decision: "deny" };
    },
  };
}

/** Members of system:masters may do anything, whatever RBAC says (the admin credential). */
export const mastersAuthorizer: Authorizer = {
  authorize: (attributes) =>
    attributes.user.groups.includes(wellKnownGroups.masters) ? { decision: "allow" } : { decision: "no-opinion" },
};

/**
 * The 403 for a denied request, worded as Kubernetes words it:
 * `secrets "db" is forbidden: User "system:node:pi-2" cannot get resource
 * "secrets" in API group "" in the namespace "homelab"`.
 */
export function forbiddenError(attributes: RequestAttributes, reason?: string): StatusError {
  const who = `User "${attributes.user.name}"`;
  const why = reason ? `: ${reason}` : "";
  if (attributes.kind === "nonresource") {
    return new StatusError(forbiddenStatus(`forbidden: ${who} cannot ${attributes.verb} path "${attributes.path}"${why}`));
  }
  const resource = attributes.subresource ? `${attributes.resource}/${attributes.subresource}` : attributes.resource;
  const scope = attributes.namespace ? `in the namespace "${attributes.namespace}"` : "at the cluster scope";
  const qualified = attributes.group ? `${attributes.resource}.${attributes.group}` : attributes.resource;
  const target = attributes.name ? `${qualified} "${attributes.name}"` : qualified;
  const message = `${target} is forbidden: ${who} cannot ${attributes.verb} resource "${resource}" in API group "${attributes.group}" ${scope}${why}`;
  const status = forbiddenStatus(message);
  status.details = { name: attributes.name, kind: attributes.resource, ...(attributes.group ? { group: attributes.group } : {}) };
  return new StatusError(status);
}

function forbiddenStatus(message: string): Status {
  return { kind: "Status", apiVersion: "v1", metadata: {}, status: "Failure", message, reason: "Forbidden", code: 403 };
}
