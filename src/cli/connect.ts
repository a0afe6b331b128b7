import { access } from "node:fs/promises";
import { z } from "zod";
import { homedir } from "node:os";
import { join } from "node:path";
import { loadKubeconfig } from "../kubeconfig/load.js";
import { Discovery } from "../client/discovery.js";
import { RestClient } from "../client/rest/rest-client.js";

/** Where `skiff server` writes its admin kubeconfig by default. */
export const serverAdminKubeconfig = "/var/lib/skiff/admin.kubeconfig";

export interface ConnectFlags {
  kubeconfig?: string;
  context?: string;
}

export interface Connection {
  client: RestClient;
  discovery: Discovery;
  /** The context's namespace ("default" when it names none). */
  namespace: string;
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * A client for the cluster the flags point at, found as kubectl finds it
 * (--kubeconfig, then KUBECONFIG, then ~/.kube/config); on the server's own
 * host, with none of those, the server's admin kubeconfig, as k3s does.
 */
export async function connect(flags: ConnectFlags): Promise<Connection> {
  let path = flags.kubeconfig;
  const env = process.env;
  if (!path && !env.KUBECONFIG && !(await exists(join(env.HOME || homedir(), ".kube", "config")))) {
    if (await exists(serverAdminKubeconfig)) path = serverAdminKubeconfig;
  }
  const options: { path?: string; context?: string } = {};
  if (path) options.path = path;
  if (flags.context) options.context = flags.context;
  const connection = await loadKubeconfig(options);
  const client = new RestClient({
    server: connection.server,
    ...(connection.caCertPem ? { caPem: connection.caCertPem } : {}),
    ...(connection.token ? { token: connection.token } : {}),
    ...(connection.clientCertPem ? { clientCertPem: connection.clientCertPem, clientKeyPem: connection.clientKeyPem } : {}),
  });
  return { client, discovery: new Discovery(client), namespace: connection.namespace || "default" };
}

/** How every client command checks those options (spread into its flags schema). */
export const connectFlagsShape = {
  namespace: z.string().min(1).optional(),
  kubeconfig: z.string().optional(),
  context: z.string().optional(),
};

/** The parseArgs options every client command takes. */
export const connectOptions = {
  kubeconfig: { type: "string" },
  context: { type: "string" },
  namespace: { type: "string", short: "n" },
} as const;
