import { stringify } from "yaml";
import type { Kubeconfig } from "./schema.js";

/** What a kubeconfig for one cluster and one bearer-token user needs. */
export interface TokenKubeconfigInput {
  /** The API server URL, e.g. `https://127.0.0.1:6443`. */
  server: string;
  /** The cluster CA certificate, PEM. */
  caCertPem: string;
  token: string;
  /** The name of the cluster, user and context (default `skiff`). */
  name?: string;
}

/**
 * A kubeconfig with one cluster, one user and one context, all named alike,
 * the context current: what `skiff kubeconfig` prints for the admin.
 */
export function tokenKubeconfig(input: TokenKubeconfigInput): Kubeconfig {
  const name = input.name ?? "skiff";
  return {
    apiVersion: "v1",
    kind: "Config",
    clusters: [
      {
        name,
        cluster: {
          server: input.server,
          "certificate-authority-data": Buffer.from(input.caCertPem, "utf8").toString("base64"),
        },
      },
    ],
    users: [{ name, user: { token: input.token } }],
    contexts: [{ name, context: { cluster: name, user: name } }],
    "current-context": name,
  };
}

/** The kubeconfig as YAML, as kubectl reads it. */
export function renderKubeconfig(config: Kubeconfig): string {
  // lineWidth 0: never fold the long base64 lines.
  return stringify(config, { lineWidth: 0 });
}
