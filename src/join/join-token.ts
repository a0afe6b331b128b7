/**
 * A join token, as k3s prints them: `K10<ca hash>::<id>.<secret>`. The CA
 * hash (64 hex) pins the server's CA; `<id>.<secret>` has the shape of a
 * Kubernetes bootstrap token (6 and 16 characters of [a-z0-9]): the id names
 * the token in `skiff token list`, the secret proves it.
 */
export interface JoinToken {
  caHash: string;
  id: string;
  secret: string;
}

const prefix = "K10";
const idPattern = /^[a-z0-9]{6}$/;
const secretPattern = /^[a-z0-9]{16}$/;
const caHashPattern = /^[0-9a-f]{64}$/;
const tokenPattern = /^K10([0-9a-f]{64})::([a-z0-9]{6})\.([a-z0-9]{16})$/;

/** A token that does not have the shape `K10<64 hex>::<6>.<16>`. */
export class JoinTokenFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "JoinTokenFormatError";
  }
}

/** True for a join token id (6 characters of [a-z0-9]). */
export const isJoinTokenId = (text: string): boolean => idPattern.test(text);

/**
 * Reads a join token. The message of a failure says what is wrong without
 * repeating the text, which may hold a secret.
 *
 * @throws JoinTokenFormatError
 * @example
 * parseJoinToken(`K10${"ab".repeat(32)}::abc123.0123456789abcdef`);
 * // { caHash: "abab…", id: "abc123", secret: "0123456789abcdef" }
 */
export function parseJoinToken(text: string): JoinToken {
  const trimmed = text.trim();
  const match = tokenPattern.exec(trimmed);
  if (match) return { caHash: match[1]!, id: match[2]!, secret: match[3]! };
  if (!trimmed.startsWith(prefix)) throw new JoinTokenFormatError("a join token starts with K10 (make one with `skiff token create`)");
  const [hash = "", credential, ...rest] = trimmed.slice(prefix.length).split("::");
  if (credential === undefined || rest.length > 0) throw new JoinTokenFormatError("a join token is K10<CA hash>::<id>.<secret>");
  if (!caHashPattern.test(hash)) throw new JoinTokenFormatError("the CA hash of a join token is 64 lowercase hex characters");
  const [id = "", secret = ""] = credential.split(".");
  if (!idPattern.test(id)) throw new JoinTokenFormatError("the id of a join token is 6 characters of [a-z0-9]");
  if (!secretPattern.test(secret)) throw new JoinTokenFormatError("the secret of a join token is 16 characters of [a-z0-9]");
  throw new JoinTokenFormatError("a join token is K10<CA hash>::<id>.<secret>");
}

/** The token's text, as `skiff token create` prints it. */
export function formatJoinToken(token: JoinToken): string {
  return `${prefix}${token.caHash}::${token.id}.${token.secret}`;
}
