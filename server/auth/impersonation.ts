import type { IncomingMessage } from "node:http";
import { badRequest } from "../../src/errors/status.js";
import type { Authenticator } from "./authenticator.js";
import { forbiddenError, type Authorizer, type ResourceAttributes } from "./authorizer.js";
import { serviceAccountOf } from "./rbac/subjects.js";
import { wellKnownGroups, type UserInfo } from "./user.js";

const userHeader = "impersonate-user";
const groupHeader = "impersonate-group";
const uidHeader = "impersonate-uid";
const extraPrefix = "impersonate-extra-";

/** The values of a header sent once or several times. */
const values = (request: IncomingMessage, name: string): string[] => request.headersDistinct[name] ?? [];

/** What a request asks to be, from its Impersonate-* headers; undefined when it asks nothing. */
function requested(request: IncomingMessage): { name: string | undefined; groups: string[]; uid: string | undefined; extra: Record<string, string[]> } | undefined {
  const names = values(request, userHeader);
  const groups = values(request, groupHeader);
  const uids = values(request, uidHeader);
  const extra: Record<string, string[]> = {};
  for (const header of Object.keys(request.headersDistinct)) {
    if (!header.startsWith(extraPrefix)) continue;
    // Header names carry the key percent-encoded, as Kubernetes reads them.
    const key = decodeExtraKey(header.slice(extraPrefix.length));
    extra[key] = values(request, header);
  }
  if (names.length === 0 && groups.length === 0 && uids.length === 0 && Object.keys(extra).length === 0) return undefined;
  if (names.length > 1) throw badRequest("only one Impersonate-User header may be given");
  if (uids.length > 1) throw badRequest("only one Impersonate-Uid header may be given");
  return { name: names[0], groups, uid: uids[0], extra };
}

function decodeExtraKey(encoded: string): string {
  try {
    return decodeURIComponent(encoded);
  } catch {
    throw badRequest(`Impersonate-Extra-${encoded}: the key is not valid percent-encoding`);
  }
}

const attributesFor = (user: UserInfo, group: string, resource: string, name: string, namespace = "", subresource = ""): ResourceAttributes => ({
  kind: "resource",
  user,
  verb: "impersonate",
  group,
  version: "",
  resource,
  subresource,
  namespace,
  name,
  fieldSelector: "",
  labelSelector: "",
});

/**
 * Kubernetes' user impersonation: a request with Impersonate-User (and
 * optionally Impersonate-Group, -Uid, -Extra-KEY) runs as that user, if the
 * authenticated user may `impersonate` each part — users, groups,
 * serviceaccounts (for system:serviceaccount:NS:NAME), uids and
 * userextras/KEY. Wraps the authenticator, so every route sees the
 * impersonated user and nothing downstream needs to know. A refusal is 403.
 */
export function withImpersonation(authenticate: Authenticator, authorizer: Authorizer): Authenticator {
  return async (request) => {
    const user = await authenticate(request);
    if (user === undefined) return undefined;
    const asked = requested(request);
    if (!asked) return user;
    if (asked.name === undefined) {
      throw badRequest("requested impersonation of groups, a uid or extra fields without impersonating a user");
    }
    const checks: ResourceAttributes[] = [];
    const serviceAccount = serviceAccountOf(asked.name);
    const groups = [...asked.groups];
    if (serviceAccount) {
      checks.push(attributesFor(user, "", "serviceaccounts", serviceAccount.name, serviceAccount.namespace));
      // A service account's groups come with it, as its token would give them.
      if (groups.length === 0) groups.push(wellKnownGroups.serviceAccounts, `${wellKnownGroups.serviceAccounts}:${serviceAccount.namespace}`);
    } else {
      checks.push(attributesFor(user, "", "users", asked.name));
    }
    for (const group of asked.groups) checks.push(attributesFor(user, "", "groups", group));
    if (asked.uid !== undefined) checks.push(attributesFor(user, "authentication.k8s.io", "uids", asked.uid));
    for (const [key, keyValues] of Object.entries(asked.extra)) {
      for (const value of keyValues) checks.push(attributesFor(user, "authentication.k8s.io", "userextras", value, "", key));
    }
    for (const attributes of checks) {
      const decision = await authorizer.authorize(attributes);
      if (decision.decision !== "allow") throw forbiddenError(attributes, decision.reason);
    }
    if (!groups.includes(wellKnownGroups.authenticated)) groups.push(wellKnownGroups.authenticated);
    const impersonated: UserInfo = { name: asked.name, groups, impersonator: user };
    if (asked.uid !== undefined) impersonated.uid = asked.uid;
    if (Object.keys(asked.extra).length > 0) impersonated.extra = asked.extra;
    return impersonated;
  };
}
