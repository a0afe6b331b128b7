import { decodeJwt, jwtVerify } from "jose";
import type { Clock } from "../../../src/clock.js";
import { serviceAccountClaimsSchema, serviceAccountUserName, type ServiceAccountClaims } from "./claims.js";
import type { ServiceAccountSigningKey } from "./signing-key.js";

export interface VerifyOptions {
  key: ServiceAccountSigningKey;
  issuer: string;
  /** The audiences this server accepts (Kubernetes' --api-audiences; default the issuer). */
  audiences: readonly string[];
  clock: Clock;
}

/** Whether a bearer token is a JWT whose (unverified) issuer is ours: other tokens are not ours to judge. */
function claimsToBeOurs(token: string, issuer: string): boolean {
  if (token.split(".").length !== 3) return false;
  try {
    return decodeJwt(token).iss === issuer;
  } catch {
    return false;
  }
}

/**
 * The claims of a ServiceAccount token this server signed, or undefined
 * when the token is not one: not a JWT of our issuer, a bad signature or
 * another key, expired or not yet valid, no accepted audience, or claims
 * that do not fit together (the subject must name the ServiceAccount).
 */
export async function verifyServiceAccountToken(token: string, options: VerifyOptions): Promise<ServiceAccountClaims | undefined> {
  if (!claimsToBeOurs(token, options.issuer)) return undefined;
  try {
    const { payload } = await jwtVerify(token, options.key.publicKey, {
      algorithms: ["RS256"],
      issuer: options.issuer,
      audience: [...options.audiences],
      currentDate: new Date(options.clock.now()),
      requiredClaims: ["exp", "iat", "sub"],
    });
    const parsed = serviceAccountClaimsSchema.safeParse(payload);
    if (!parsed.success) return undefined;
    const claims = parsed.data;
    const k8s = claims["kubernetes.io"];
    if (claims.sub !== serviceAccountUserName(k8s.namespace, k8s.serviceaccount.name)) return undefined;
    return claims;
  } catch {
    // jose throws for every kind of invalid token; each is simply not a valid token of ours.
    return undefined;
  }
}
