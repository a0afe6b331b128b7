import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import type { AddressInfo } from "node:net";
import { createCertificateAuthority } from "../../../server/pki/certificate-authority.js";

export interface LoopbackServer {
  server: Server;
  port: number;
  /** Every request's method, URL and headers, in order. */
  requests: IncomingMessage[];
  close(): Promise<void>;
}

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * HTTP and HTTPS servers on 127.0.0.1 for the action tests; HTTPS with a
 * fresh self-signed certificate no client trusts, as a container's would be.
 */
export async function startHttpServer(handler: Handler, tls = false): Promise<LoopbackServer> {
  const requests: IncomingMessage[] = [];
  const wrapped: Handler = (req, res) => {
    requests.push(req);
    handler(req, res);
  };
  let server: Server;
  if (tls) {
    const { ca, keyPem } = await createCertificateAuthority(new Date());
    server = createHttpsServer({ cert: ca.certPem, key: keyPem }, wrapped);
  } else server = createHttpServer(wrapped);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    server,
    port: (server.address() as AddressInfo).port,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A loopback port nothing listens on (it was bound a moment ago and let go). */
export async function closedPort(): Promise<number> {
  const { port, close } = await startHttpServer(() => {});
  await close();
  return port;
}
