/** Where a client connects and how it proves who it is. */
export interface ClientConfig {
  /** `https://host:6443` */
  server: string;
  /** PEM of the CA the server's certificate must chain to. */
  caPem?: string;
  /** Bearer token. */
  token?: string;
  /** Client certificate and key (PEM), for identities that use one. */
  clientCertPem?: string;
  clientKeyPem?: string;
  /** Default namespace for namespaced requests without one. */
  namespace?: string;
  /** Per-request timeout for non-streaming calls, ms (default 30 s). */
  timeoutMs?: number;
}
