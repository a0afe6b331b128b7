import { Agent, request as httpsRequest } from "node:https";

/** One fuzzed request: everything a client controls. */
export interface FuzzRequest {
  category: string;
  method: string;
  /** Path and query, sent as they are (no normalisation). */
  path: string;
  body?: string | Buffer;
  contentType?: string;
  /** The bearer token; undefined sends the admin's, null sends none. */
  token?: string | null;
  /** Extra or overriding headers. */
  headers?: Record<string, string>;
}

export interface FuzzAnswer {
  status: number;
  /** The answer's Status reason, when it is a Status. */
  reason?: string;
  body: Buffer;
}

const maxKeptBody = 64 * 1024;

/**
 * A keep-alive HTTPS client that sends requests exactly as given. A 200 on
 * a watch is a stream: the answer is taken at its head and the stream ended.
 */
export class FuzzClient {
  private readonly agent: Agent;
  /** TLS connections opened: each costs a handshake, so the server closing connections shows here. */
  connectionsOpened = 0;

  constructor(
    private readonly origin: URL,
    ca: string,
    private readonly adminToken: string,
    sockets: number,
  ) {
    this.agent = new Agent({ keepAlive: true, maxSockets: sockets, ca });
  }

  send(req: FuzzRequest): Promise<FuzzAnswer> {
    const headers: Record<string, string> = { "User-Agent": "skiff-fuzz" };
    const token = req.token === undefined ? this.adminToken : req.token;
    if (token !== null) headers.Authorization = `Bearer ${token}`;
    if (req.contentType !== undefined) headers["Content-Type"] = req.contentType;
    if (req.body !== undefined) headers["Content-Length"] = String(Buffer.byteLength(req.body));
    Object.assign(headers, req.headers);
    return new Promise((resolve, reject) => {
      const outgoing = httpsRequest(
        { host: this.origin.hostname, port: this.origin.port, method: req.method, path: req.path, headers, agent: this.agent, timeout: 30_000 },
        (response) => {
          const status = response.statusCode ?? 0;
          const streaming = status === 200 && (response.headers["transfer-encoding"] ?? "").includes("chunked") && /[?&]watch=/.test(req.path);
          if (streaming) {
            response.destroy();
            resolve({ status, body: Buffer.alloc(0) });
            return;
          }
          const chunks: Buffer[] = [];
          let size = 0;
          response.on("data", (chunk: Buffer) => {
            if (size < maxKeptBody) chunks.push(chunk);
            size += chunk.length;
          });
          response.on("end", () => {
            const body = Buffer.concat(chunks);
            resolve({ status, body, ...reasonOf(response.headers["content-type"], body) });
          });
          response.on("error", reject);
        },
      );
      outgoing.on("socket", () => {
        if (!outgoing.reusedSocket) this.connectionsOpened++;
      });
      outgoing.on("timeout", () => outgoing.destroy(new Error(`no answer in 30 s: ${req.method} ${req.path.slice(0, 200)}`)));
      outgoing.on("error", reject);
      outgoing.end(req.body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

function reasonOf(contentType: string | undefined, body: Buffer): { reason?: string } {
  if (!(contentType ?? "").startsWith("application/json") || body.length > maxKeptBody) return {};
  try {
    const parsed = JSON.parse(body.toString("utf8")) as { kind?: unknown; reason?: unknown };
    return parsed.kind === "Status" && typeof parsed.reason === "string" ? { reason: parsed.reason } : {};
  } catch {
    return {};
  }
}
