import type { ClientRequest } from "node:http";
import { Agent, request } from "node:https";
import type { TLSSocket } from "node:tls";
import { type WatchLine, watchLineReader } from "./watch-lines.js";

export interface WatchAccess {
  /** `https://127.0.0.1:PORT` */
  server: string;
  caPem: string;
  token: string;
}

/** Many open chunked-HTTP watches on one path. */
export interface WatchConnections {
  readonly count: number;
  close(): void;
}

export interface OpenWatchesOptions {
  /** Path with query, e.g. `/api/v1/pods?watch=1&resourceVersion=42`. */
  path: string;
  count: number;
  /** Passed to each watch's line reader: the names to report. */
  namePattern: RegExp;
  /** Every event line of watcher `watcher`, with the time its chunk arrived (performance.now()). */
  onLine(watcher: number, line: WatchLine, receivedAt: number): void;
  /** A watch was refused, failed or ended while open. */
  onFailure(error: Error): void;
}

/** Connections opened at once: more would overflow the server's accept backlog. */
const connectBatch = 100;

/**
 * Opens `count` watches over plain node:https, one TLS connection each (the
 * REST client's pool holds 64 sockets, fewer than the watchers), and
 * resolves once every connection has finished its TLS handshake. The server
 * sends a watch's response head with its first event, so readiness beyond
 * that is for the caller to establish (e.g. with a first write).
 */
export async function openWatches(access: WatchAccess, options: OpenWatchesOptions): Promise<WatchConnections> {
  const url = new URL(access.server);
  const agent = new Agent({ ca: access.caPem, keepAlive: false, maxSockets: Infinity });
  const requests: ClientRequest[] = [];
  let closing = false;
  const fail = (watcher: number, message: string): void => {
    if (!closing) options.onFailure(new Error(`watcher ${watcher}: ${message}`));
  };

  const open = (watcher: number): Promise<void> =>
    new Promise((connected, refused) => {
      const req = request(
        {
          hostname: url.hostname,
          port: url.port,
          path: options.path,
          agent,
          headers: { Authorization: `Bearer ${access.token}`, Accept: "application/json" },
        },
        (response) => {
          response.setEncoding("utf8");
          if (response.statusCode !== 200) {
            let body = "";
            response.on("data", (chunk: string) => (body += chunk));
            response.on("end", () => fail(watcher, `answered ${response.statusCode}: ${body.slice(0, 300)}`));
            return;
          }
          let receivedAt = 0;
          const read = watchLineReader(options.namePattern, (line) => options.onLine(watcher, line, receivedAt));
          response.on("data", (chunk: string) => {
            receivedAt = performance.now();
            read(chunk);
          });
          response.on("end", () => fail(watcher, "the server ended the watch"));
        },
      );
      req.on("socket", (socket) => (socket as TLSSocket).once("secureConnect", () => connected()));
      req.on("error", (error) => {
        refused(error);
        fail(watcher, error.message);
      });
      req.end();
      requests.push(req);
    });

  try {
    for (let first = 0; first < options.count; first += connectBatch) {
      const batch = Array.from({ length: Math.min(connectBatch, options.count - first) }, (_, i) => open(first + i));
      await Promise.all(batch);
    }
  } catch (error) {
    closing = true;
    for (const req of requests) req.destroy();
    agent.destroy();
    throw error;
  }
  return {
    count: options.count,
    close() {
      closing = true;
      for (const req of requests) req.destroy();
      agent.destroy();
    },
  };
}
