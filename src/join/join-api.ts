import { z } from "zod";

/*
 * The wire of joining, shared by the server (server/join) and its clients
 * (the agent's join exchange, `skiff token`). These paths are skiff's own,
 * outside the Kubernetes API.
 */

/** The cluster CA as PEM, served to anyone (as k3s serves /cacerts): a joining agent pins it by hash. */
export const caCertsPath = "/cacerts";
/** The join exchange: a join token and a node name in, a node credential out. Authenticated by the join token alone. */
export const joinPath = "/skiff/v1/join";
/** Join tokens: GET lists, POST creates; `/skiff/v1/jointokens/<id>` DELETE revokes. Admin only. */
export const joinTokensPath = "/skiff/v1/jointokens";

/** What a joining agent sends (POST joinPath). */
export const joinRequestSchema = z.strictObject({
  /** `<id>.<secret>`: the CA hash part stays with the agent. */
  token: z.string(),
  nodeName: z.string(),
});
export type JoinRequest = z.infer<typeof joinRequestSchema>;

/** What it gets back: a bearer token for `system:node:<nodeName>`. */
export const nodeCredentialSchema = z.object({
  nodeName: z.string().min(1),
  token: z.string().min(1),
});
export type NodeCredentialAnswer = z.infer<typeof nodeCredentialSchema>;

/** A join token as `skiff token list` shows it: never its secret. */
export const joinTokenInfoSchema = z.object({
  id: z.string(),
  description: z.string(),
  createdAt: z.string(),
  /** RFC 3339, or null for a token that never expires. */
  expiresAt: z.string().nullable(),
});
export type JoinTokenInfo = z.infer<typeof joinTokenInfoSchema>;

export const joinTokenListSchema = z.object({ items: z.array(joinTokenInfoSchema) });

/** POST joinTokensPath. */
export const createJoinTokenSchema = z.strictObject({
  /** Lifetime in seconds; 0 means the token never expires. */
  ttlSeconds: z.number().int().nonnegative(),
  description: z.string().max(256).optional(),
});
export type CreateJoinToken = z.infer<typeof createJoinTokenSchema>;

/** The answer to a create: the token's text appears here and nowhere else, ever. */
export const createdJoinTokenSchema = joinTokenInfoSchema.extend({ token: z.string() });
export type CreatedJoinToken = z.infer<typeof createdJoinTokenSchema>;
