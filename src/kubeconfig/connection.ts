import { readFile } from "node:fs/promises";
import { KubeconfigError } from "./errors.js";
import type { Kubeconfig, KubeconfigUser } from "./schema.js";

/** How to reach and authenticate to one cluster: a kubeconfig context with its files read. */
export interface ClusterConnection {
  /** The context it came from. */
  context: string;
  /** The API server URL, e.g. `https://127.0.0.1:6443`. */
  server: string;
  /** The CA to trust, PEM; absent means the system's trusted roots. */
  caCertPem?: string;
  insecureSkipTlsVerify: boolean;
  /** The name to check the server's certificate against, when not the URL's host. */
  tlsServerName?: string;
  /** Bearer token. */
  token?: string;
  /** Client certificate and its key, PEM; always both or neither. */
  clientCertPem?: string;
  clientKeyPem?: string;
  /** The context's namespace, `default` when it names none. */
  namespace: string;
}

function decode(base64: string): string {
  return Buffer.from(base64, "base64").toString("utf8");
}

async function readReferenced(path: string, what: string, source: string): Promise<string> {
  try {
    return await readFile(path, "utf8");
  } catch (error) {
    const code = error instanceof Error && "code" in error ? String(error.code) : String(error);
    throw new KubeconfigError(path, `cannot be read (${code}); it is the ${what} named in ${source}`);
  }
}

/** Inline data wins over a file, as in kubectl. */
async function dataOrFile(
  data: string | undefined,
  file: string | undefined,
  what: string,
  source: string,
): Promise<string | undefined> {
  if (data !== undefined) return decode(data);
  if (file !== undefined) return readReferenced(file, what, source);
  return undefined;
}

type Credentials = Pick<ClusterConnection, "token" | "clientCertPem" | "clientKeyPem">;

async function credentials(user: KubeconfigUser, userName: string, source: string): Promise<Credentials> {
  const tokenFile = user.tokenFile;
  const token =
    user.token ??
    (tokenFile === undefined
      ? undefined
      : (await readReferenced(tokenFile, `token file of user "${userName}"`, source)).trim());
  const clientCertPem = await dataOrFile(
    user["client-certificate-data"],
    user["client-certificate"],
    `client certificate of user "${userName}"`,
    source,
  );
  const clientKeyPem = await dataOrFile(
    user["client-key-data"],
    user["client-key"],
    `client key of user "${userName}"`,
    source,
  );
  if ((clientCertPem === undefined) !== (clientKeyPem === undefined)) {
    throw new KubeconfigError(
      source,
      `user "${userName}" has a client certificate without its key, or a key without its certificate`,
    );
  }
  const plugin = user.exec !== undefined || user["auth-provider"] !== undefined;
  if (token === undefined && clientCertPem === undefined && plugin) {
    throw new KubeconfigError(
      source,
      `user "${userName}" authenticates with an exec plugin or auth provider, which skiff does not run; ` +
        "use a token or a client certificate",
    );
  }
  return { token, clientCertPem, clientKeyPem };
}

function checkedServer(server: string | undefined, clusterName: string, source: string): string {
  const cluster = `cluster "${clusterName}"`;
  if (server === undefined || server === "") throw new KubeconfigError(source, `${cluster} has no server`);
  let url: URL;
  try {
    url = new URL(server);
  } catch {
    throw new KubeconfigError(source, `${cluster} has server ${JSON.stringify(server)}, which is not a URL`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    const detail = `${cluster} has server ${JSON.stringify(server)}: only https:// and http:// are supported`;
    throw new KubeconfigError(source, detail);
  }
  return server;
}

/**
 * The connection of one context (`contextName`, else the current context):
 * its cluster and user looked up, referenced files read, base64 data decoded.
 *
 * @throws KubeconfigError when the context, its cluster or user is missing or unusable.
 */
export async function resolveConnection(
  config: Kubeconfig,
  source: string,
  contextName?: string,
): Promise<ClusterConnection> {
  const name = contextName ?? config["current-context"];
  if (name === undefined || name === "") {
    throw new KubeconfigError(source, "names no context: current-context is not set and no context was given");
  }
  const context = config.contexts.find((entry) => entry.name === name)?.context;
  if (!context) throw new KubeconfigError(source, `has no context "${name}"`);
  const cluster = config.clusters.find((entry) => entry.name === context.cluster)?.cluster;
  if (!cluster) throw new KubeconfigError(source, `has no cluster "${context.cluster}" (used by context "${name}")`);

  let userCredentials: Credentials = {};
  if (context.user !== undefined && context.user !== "") {
    const user = config.users.find((entry) => entry.name === context.user)?.user;
    if (!user) throw new KubeconfigError(source, `has no user "${context.user}" (used by context "${name}")`);
    userCredentials = await credentials(user, context.user, source);
  }
  return {
    context: name,
    server: checkedServer(cluster.server, context.cluster, source),
    caCertPem: await dataOrFile(
      cluster["certificate-authority-data"],
      cluster["certificate-authority"],
      `CA of cluster "${context.cluster}"`,
      source,
    ),
    insecureSkipTlsVerify: cluster["insecure-skip-tls-verify"] ?? false,
    tlsServerName: cluster["tls-server-name"] || undefined,
    ...userCredentials,
    namespace: context.namespace || "default",
  };
}
