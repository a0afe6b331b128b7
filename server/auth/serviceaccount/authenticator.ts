import type { Clock } from "../../../src/clock.js";
import type { Authenticator } from "../authenticator.js";
import { bearerToken } from "../bearer-token.js";
import { wellKnownGroups, type UserInfo } from "../user.js";
import { serviceAccountUserName, type ServiceAccountClaims } from "./claims.js";
import type { ObjectIdentity, ObjectLookup } from "./object-lookup.js";
import { verifyServiceAccountToken, type VerifyOptions } from "./verify-token.js";

/** Kubernetes' extra keys: the bound pod, its node, and the token's id (`JTI=<jti>`, for audit). */
export const podNameExtra = "authentication.kubernetes.io/pod-name";
export const podUidExtra = "authentication.kubernetes.io/pod-uid";
export const nodeNameExtra = "authentication.kubernetes.io/node-name";
export const nodeUidExtra = "authentication.kubernetes.io/node-uid";
export const credentialIdExtra = "authentication.kubernetes.io/credential-id";

// As Kubernetes: a token bound to an object being deleted still works for a minute past the deletion time.
const deletionGraceMs = 60_000;

function stillValid(identity: ObjectIdentity | undefined, uid: string, now: number): boolean {
  if (identity === undefined || identity.uid !== uid) return false;
  if (identity.deletionTimestamp === undefined) return true;
  return Date.parse(identity.deletionTimestamp) + deletionGraceMs > now;
}

/** The user a valid token authenticates as. */
export function serviceAccountUser(claims: ServiceAccountClaims): UserInfo {
  const { namespace, serviceaccount, pod, node } = claims["kubernetes.io"];
  const user: UserInfo = {
    name: serviceAccountUserName(namespace, serviceaccount.name),
    uid: serviceaccount.uid,
    groups: [wellKnownGroups.serviceAccounts, `${wellKnownGroups.serviceAccounts}:${namespace}`, wellKnownGroups.authenticated],
  };
  const extra: Record<string, string[]> = {};
  if (pod) Object.assign(extra, { [podNameExtra]: [pod.name], [podUidExtra]: [pod.uid] });
  if (node) Object.assign(extra, { [nodeNameExtra]: [node.name], [nodeUidExtra]: [node.uid] });
  if (claims.jti) extra[credentialIdExtra] = [`JTI=${claims.jti}`];
  if (Object.keys(extra).length > 0) user.extra = extra;
  return user;
}

/**
 * Authenticates ServiceAccount tokens: a JWT this server signed, unexpired,
 * for an accepted audience, whose ServiceAccount still exists with the same
 * uid, and whose bound pod or secret (if any) too. Anything else is
 * undefined, for the next authenticator (and in the end a 401).
 */
export function serviceAccountAuthenticator(options: VerifyOptions & { objects: ObjectLookup; clock: Clock }): Authenticator {
  return async (request) => {
    const token = bearerToken(request);
    if (token === undefined) return undefined;
    const claims = await verifyServiceAccountToken(token, options);
    if (claims === undefined) return undefined;
    const { namespace, serviceaccount, pod, secret } = claims["kubernetes.io"];
    const now = options.clock.now();
    if (!stillValid(await options.objects.identity("serviceaccounts", namespace, serviceaccount.name, serviceaccount.uid), serviceaccount.uid, now)) return undefined;
    if (pod && !stillValid(await options.objects.identity("pods", namespace, pod.name, pod.uid), pod.uid, now)) return undefined;
    if (secret && !stillValid(await options.objects.identity("secrets", namespace, secret.name, secret.uid), secret.uid, now)) return undefined;
    return serviceAccountUser(claims);
  };
}
