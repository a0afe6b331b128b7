import type { Authenticator } from "../auth/authenticator.js";
import { bearerToken } from "../auth/bearer-token.js";
import { nodeUserPrefix, wellKnownGroups, type UserInfo } from "../auth/user.js";
import type { NodeCredentialCache } from "./node-credential-cache.js";

/** The identity of a node credential: `system:node:NAME` in `system:nodes`, as Kubernetes names a kubelet. */
export const nodeUser = (nodeName: string): UserInfo => ({
  name: `${nodeUserPrefix}${nodeName}`,
  groups: [wellKnownGroups.nodes, wellKnownGroups.authenticated],
});

/** Accepts a node's bearer token, looked up in the in-memory cache. */
export function nodeCredentialAuthenticator(cache: NodeCredentialCache): Authenticator {
  return (request) => {
    const token = bearerToken(request);
    if (token === undefined) return undefined;
    const nodeName = cache.nodeOf(token);
    return nodeName === undefined ? undefined : nodeUser(nodeName);
  };
}
