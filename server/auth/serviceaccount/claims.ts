import { z } from "zod";

/** Kubernetes' default issuer (`--service-account-issuer`) of ServiceAccount tokens. */
export const defaultServiceAccountIssuer = "https://kubernetes.default.svc.cluster.local";

/** `system:serviceaccount:NS:NAME`, the user name (and JWT subject) of a ServiceAccount. */
export const serviceAccountUserPrefix = "system:serviceaccount:";
export const serviceAccountUserName = (namespace: string, name: string): string => `${serviceAccountUserPrefix}${namespace}:${name}`;

const nameAndUid = z.object({ name: z.string().min(1), uid: z.string().min(1) });

/** The private `kubernetes.io` claim: whose token it is and what it is bound to. */
export const kubernetesClaimSchema = z.object({
  namespace: z.string().min(1),
  serviceaccount: nameAndUid,
  pod: nameAndUid.optional(),
  secret: nameAndUid.optional(),
  /** The node a bound pod was scheduled to when the token was made (information, not a binding). */
  node: nameAndUid.optional(),
});
export type KubernetesClaim = z.infer<typeof kubernetesClaimSchema>;

/** What a token we signed says, after its signature, time and audience are checked. */
export const serviceAccountClaimsSchema = z.object({
  sub: z.string(),
  jti: z.string().optional(),
  "kubernetes.io": kubernetesClaimSchema,
});
export type ServiceAccountClaims = z.infer<typeof serviceAccountClaimsSchema>;
