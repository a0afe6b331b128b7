import { join } from "node:path";
import type { ClientConfig } from "../client/rest/client-config.js";
import { pinnableCa } from "./ca-hash.js";
import { credentialFileName, readNodeCredential, writeNodeCredential } from "./credential-file.js";
import { joinCluster, type NodeCredential } from "./join-exchange.js";
import { JoinError } from "./join-error.js";
import { parseJoinToken } from "./join-token.js";

export interface EnsureNodeCredentialOptions {
  /** `https://host:6443` */
  server: string;
  /** The join token (`K10<ca hash>::<id>.<secret>`); only read when there is no stored credential. */
  token: string;
  nodeName: string;
  /** The agent's data dir: the credential is kept there (0600) across restarts. */
  dataDir: string;
}

export interface EnsuredNodeCredential {
  credential: NodeCredential;
  /** A client configuration for `server` with the node's identity. */
  clientConfig: ClientConfig;
  /** True when this call joined; false when the stored credential was reused. */
  joined: boolean;
}

/**
 * The node's credential: the one stored in `dataDir` when there is one,
 * otherwise a new one from the join exchange, stored before it is returned.
 * A stored credential is only reused for the same node name and the CA the
 * token pins (when a token is given), so pointing an agent at another cluster
 * or renaming it fails loudly instead of acting as the wrong node.
 *
 * @throws JoinTokenFormatError for a malformed token
 * @throws JoinError (see joinCluster; `credential-file` for a stored credential that does not fit)
 * @example
 * const { clientConfig } = await ensureNodeCredential({ server, token, nodeName: "pi-1", dataDir: "/var/lib/skiff-agent" });
 * const client = new RestClient(clientConfig);
 */
export async function ensureNodeCredential(options: EnsureNodeCredentialOptions): Promise<EnsuredNodeCredential> {
  const stored = await readNodeCredential(options.dataDir);
  const path = join(options.dataDir, credentialFileName);
  if (stored !== undefined) {
    if (stored.nodeName !== options.nodeName) {
      throw new JoinError(
        "credential-file",
        `${path} holds the credential of node "${stored.nodeName}", not "${options.nodeName}": use that name, or remove the file to join again`,
      );
    }
    const caHash = options.token.trim() === "" ? undefined : parseJoinToken(options.token).caHash;
    if (caHash !== undefined && pinnableCa(stored.caPem)?.hash !== caHash) {
      throw new JoinError("credential-file", `${path} holds a credential for another cluster than the join token's (a different CA): remove it to join again`);
    }
    return { credential: stored, clientConfig: clientConfigOf(options.server, stored), joined: false };
  }
  const credential = await joinCluster({ server: options.server, token: parseJoinToken(options.token), nodeName: options.nodeName });
  await writeNodeCredential(options.dataDir, credential);
  return { credential, clientConfig: clientConfigOf(options.server, credential), joined: true };
}

const clientConfigOf = (server: string, credential: NodeCredential): ClientConfig => ({
  server,
  caPem: credential.caPem,
  token: credential.token,
});
