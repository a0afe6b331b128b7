import { renderKubeconfig, tokenKubeconfig } from "../../src/kubeconfig/render.js";
import { writePrivateFile } from "./private-files.js";
import type { ServerPki } from "./server-pki.js";

/** The API server's HTTPS port. */
export const DEFAULT_API_PORT = 6443;

export interface AdminKubeconfigOptions {
  /** The API port (default 6443). */
  port?: number;
  /** The address clients on this host reach the server at (default 127.0.0.1; covered by the serving certificate). */
  host?: string;
}

/** The admin kubeconfig's server URL for `host` and `port`. */
export function adminServerUrl(options: AdminKubeconfigOptions = {}): string {
  const host = options.host ?? "127.0.0.1";
  return `https://${host.includes(":") ? `[${host}]` : host}:${options.port ?? DEFAULT_API_PORT}`;
}

/**
 * Writes `<dataDir>/admin.kubeconfig` (0600, atomically): the cluster CA,
 * the admin token, server `https://127.0.0.1:6443` unless told otherwise.
 * Written at every start, so it follows a changed port. Returns its path.
 */
export async function writeAdminKubeconfig(pki: ServerPki, options: AdminKubeconfigOptions = {}): Promise<string> {
  const config = tokenKubeconfig({ server: adminServerUrl(options), caCertPem: pki.ca.certPem, token: pki.adminToken });
  await writePrivateFile(pki.paths.adminKubeconfig, renderKubeconfig(config));
  return pki.paths.adminKubeconfig;
}
