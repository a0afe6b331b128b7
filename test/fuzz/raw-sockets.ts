import { connect, type TLSSocket } from "node:tls";
import { pick, type Random } from "./mutate.js";

/** How a raw connection ended, from the client's side. */
export type RawOutcome = `answered ${number}` | "closed by server" | "closed by client" | "reset by client";

export interface RawScenario {
  name: string;
  run(): Promise<RawOutcome>;
}

interface Endpoint {
  host: string;
  port: number;
  ca: string;
  token: string;
  namespace: string;
}

const configMapBody = (name: string): string => JSON.stringify({ apiVersion: "v1", kind: "ConfigMap", metadata: { name }, data: { a: "1".repeat(200) } });

function head(endpoint: Endpoint, length: number, query = ""): string {
  return (
    `POST /api/v1/namespaces/${endpoint.namespace}/configmaps${query} HTTP/1.1\r\n` +
    `Host: ${endpoint.host}\r\nAuthorization: Bearer ${endpoint.token}\r\nContent-Type: application/json\r\n` +
    `Content-Length: ${length}\r\nUser-Agent: skiff-fuzz-raw\r\n\r\n`
  );
}

/**
 * Opens a TLS connection, lets `script` write to it, and reports how it
 * ended: the status line the server answered, or who closed first. The
 * client gives up (destroys the socket) after `holdMs`; a script may reset
 * the connection itself with `reset`.
 */
function rawExchange(endpoint: Endpoint, holdMs: number, script: (socket: TLSSocket, reset: () => void) => void): Promise<RawOutcome> {
  return new Promise((resolve) => {
    const socket = connect({ host: endpoint.host, port: endpoint.port, ca: endpoint.ca });
    let received = "";
    let settled = false;
    const finish = (outcome: RawOutcome): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(outcome);
    };
    const timer = setTimeout(() => finish("closed by client"), holdMs);
    socket.on("secureConnect", () => script(socket, () => finish("reset by client")));
    socket.on("data", (chunk: Buffer) => {
      received += chunk.toString("latin1");
      const status = /^HTTP\/1\.1 (\d{3})/.exec(received);
      if (status) finish(`answered ${Number(status[1])}`);
    });
    socket.on("error", () => finish("closed by server"));
    socket.on("close", () => finish("closed by server"));
  });
}

/** Slow, stalled and cut-off bodies, and bytes that are not HTTP at all. Each would be a valid create if it were complete. */
export function rawScenarios(random: Random, endpoint: Endpoint, count: number, holdMs: number): RawScenario[] {
  const kinds: Array<(i: number) => RawScenario> = [
    (i) => ({
      name: "cut off, then FIN",
      run: () => rawExchange(endpoint, holdMs, (s) => {
        const body = configMapBody(`raw-fin-${i}`);
        s.write(head(endpoint, body.length) + body.slice(0, body.length / 2));
        s.end();
      }),
    }),
    (i) => ({
      name: "cut off, then reset",
      run: () => rawExchange(endpoint, holdMs, (s, reset) => {
        const body = configMapBody(`raw-rst-${i}`);
        s.write(head(endpoint, body.length) + body.slice(0, body.length - 1), reset);
      }),
    }),
    (i) => ({
      name: "stalled mid-body",
      run: () => rawExchange(endpoint, holdMs, (s) => {
        const body = configMapBody(`raw-stall-${i}`);
        s.write(head(endpoint, body.length) + body.slice(0, 10));
      }),
    }),
    () => ({
      name: "stalled before the body",
      run: () => rawExchange(endpoint, holdMs, (s) => s.write(head(endpoint, 100))),
    }),
    () => ({
      name: "stalled in the headers",
      run: () => rawExchange(endpoint, holdMs, (s) => s.write(`POST /api/v1/namespaces/${endpoint.namespace}/configmaps HTTP/1.1\r\nHost: x\r\nContent-`)),
    }),
    (i) => ({
      name: "slow body (dry run)",
      run: () => rawExchange(endpoint, holdMs, (s) => {
        const body = configMapBody(`raw-slow-${i}`);
        s.write(head(endpoint, body.length, "?dryRun=All"));
        let at = 0;
        const step = Math.ceil(body.length / 8);
        const drip = setInterval(() => {
          if (s.destroyed) return clearInterval(drip);
          s.write(body.slice(at, at + step));
          at += step;
          if (at >= body.length) clearInterval(drip);
        }, 40);
      }),
    }),
    () => ({
      name: "declared over 3 MiB",
      run: () => rawExchange(endpoint, holdMs, (s) => s.write(`${head(endpoint, 4 * 1024 * 1024)}{"apiVersion":`)),
    }),
    () => ({
      name: "bad chunked encoding",
      run: () => rawExchange(endpoint, holdMs, (s) =>
        s.write(`POST /api/v1/namespaces/${endpoint.namespace}/configmaps HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${endpoint.token}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n`),
      ),
    }),
    () => ({
      name: "not HTTP",
      run: () => rawExchange(endpoint, holdMs, (s) => s.write(Buffer.from(Array.from({ length: 300 }, (_, i) => (i * 37) % 256)))),
    }),
  ];
  return Array.from({ length: count }, (_, i) => pick(random, kinds)(i));
}
