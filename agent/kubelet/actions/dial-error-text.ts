/**
 * Node's socket errors in the words of Go's dialer, which is what the
 * kubelet's probe messages carry (`dial tcp 10.42.0.5:8080: connect:
 * connection refused`), so events read as they do on Kubernetes.
 */
export function dialErrorText(address: string, host: string, error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case "ECONNREFUSED":
      return `dial tcp ${address}: connect: connection refused`;
    case "EHOSTUNREACH":
      return `dial tcp ${address}: connect: no route to host`;
    case "ENETUNREACH":
      return `dial tcp ${address}: connect: network is unreachable`;
    case "ETIMEDOUT":
      return `dial tcp ${address}: i/o timeout`;
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return `dial tcp: lookup ${host}: no such host`;
    default:
      return `dial tcp ${address}: ${error instanceof Error ? error.message : String(error)}`;
  }
}
