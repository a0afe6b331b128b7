import { randomUUID } from "node:crypto";
import { SignJWT } from "jose";
import type { Clock } from "../../../src/clock.js";
import { serviceAccountUserName, type KubernetesClaim } from "./claims.js";
import type { ServiceAccountSigningKey } from "./signing-key.js";

export interface TokenParameters {
  namespace: string;
  serviceAccount: { name: string; uid: string };
  /** The object the token lives no longer than. */
  boundTo?: { kind: "Pod" | "Secret"; name: string; uid: string };
  /** The node a bound pod runs on, named in the token as Kubernetes does. */
  node?: { name: string; uid: string };
  audiences: readonly string[];
  expirationSeconds: number;
}

export interface IssuedToken {
  token: string;
  /** When it expires, as a Date (whole seconds). */
  expiresAt: Date;
}

/** Signs ServiceAccount tokens (the TokenRequest subresource). */
export interface TokenIssuer {
  /** The `iss` of every token, and the default audience. */
  readonly issuer: string;
  issue(parameters: TokenParameters): Promise<IssuedToken>;
}

/**
 * Signs tokens with Kubernetes' claims: iss, sub, aud, exp, iat, nbf, jti
 * and the `kubernetes.io` claim naming the ServiceAccount and the bound
 * pod or secret.
 */
export function createTokenIssuer(options: { key: ServiceAccountSigningKey; issuer: string; clock: Clock }): TokenIssuer {
  const { key, issuer, clock } = options;
  return {
    issuer,
    async issue(parameters) {
      const now = Math.floor(clock.now() / 1000);
      const expires = now + parameters.expirationSeconds;
      const claim: KubernetesClaim = { namespace: parameters.namespace, serviceaccount: parameters.serviceAccount };
      if (parameters.boundTo?.kind === "Pod") claim.pod = { name: parameters.boundTo.name, uid: parameters.boundTo.uid };
      if (parameters.boundTo?.kind === "Secret") claim.secret = { name: parameters.boundTo.name, uid: parameters.boundTo.uid };
      if (parameters.node) claim.node = { name: parameters.node.name, uid: parameters.node.uid };
      const token = await new SignJWT({ "kubernetes.io": claim })
        .setProtectedHeader({ alg: "RS256", kid: key.keyId })
        .setIssuer(issuer)
        .setSubject(serviceAccountUserName(parameters.namespace, parameters.serviceAccount.name))
        .setAudience([...parameters.audiences])
        .setIssuedAt(now)
        .setNotBefore(now)
        .setExpirationTime(expires)
        .setJti(randomUUID())
        .sign(key.privateKey);
      return { token, expiresAt: new Date(expires * 1000) };
    },
  };
}
