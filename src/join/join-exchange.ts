import { RestClient } from "../client/rest/rest-client.js";
import { TransportError } from "../client/rest/transport.js";
import { StatusError } from "../errors/status.js";
import { fetchUntrustedCa } from "./fetch-ca.js";
import { joinPath, nodeCredentialSchema, type JoinRequest } from "./join-api.js";
import { JoinError } from "./join-error.js";
import type { JoinToken } from "./join-token.js";

/** What a node connects with once joined: the pinned CA and its own bearer token. */
export interface NodeCredential {
  nodeName: string;
  /** The cluster CA (PEM), whose hash the join token pinned. */
  caPem: string;
  /** Bearer token of `system:node:<nodeName>`. */
  token: string;
}

/**
 * The join exchange: fetch the server's CA without trusting it, check its
 * hash against the token's, and only then, on a connection that trusts that
 * CA alone, present the token's secret and the node name for a node
 * credential.
 *
 * @throws JoinError: `ca-mismatch` (before the secret is sent), `refused`
 *   (the server's message: unknown, expired or deleted token, name taken),
 *   `unreachable`, `bad-answer`.
 */
export async function joinCluster(options: { server: string; token: JoinToken; nodeName: string }): Promise<NodeCredential> {
  const ca = await fetchUntrustedCa(options.server);
  if (ca.hash !== options.token.caHash) {
    throw new JoinError(
      "ca-mismatch",
      `the CA of ${options.server} (sha256 ${ca.hash}) is not the one the join token pins (sha256 ${options.token.caHash}): ` +
        "the token is for another cluster, or something between this host and the server is impersonating it. Nothing secret was sent.",
    );
  }
  const client = new RestClient({ server: options.server, caPem: ca.pem }, { retry: { attempts: 1 } });
  const body: JoinRequest = { token: `${options.token.id}.${options.token.secret}`, nodeName: options.nodeName };
  let answer: unknown;
  try {
    answer = await client.request<unknown>({ method: "POST", path: joinPath, body: JSON.stringify(body), contentType: "application/json" });
  } catch (error) {
    if (error instanceof StatusError) {
      throw new JoinError("refused", `${options.server} refused to join node "${options.nodeName}": ${error.message}`, { cause: error, status: error.code });
    }
    if (error instanceof TransportError) throw new JoinError("unreachable", error.message, { cause: error });
    throw error;
  } finally {
    client.close();
  }
  const parsed = nodeCredentialSchema.safeParse(answer);
  if (!parsed.success || parsed.data.nodeName !== options.nodeName) {
    throw new JoinError("bad-answer", `${options.server} did not answer the join with a credential for node "${options.nodeName}"`);
  }
  return { nodeName: options.nodeName, caPem: ca.pem, token: parsed.data.token };
}
