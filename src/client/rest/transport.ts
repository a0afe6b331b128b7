import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";
import type { ClientConfig } from "./client-config.js";

export interface TransportRequest {
  method: string;
  /** Path with query, e.g. `/api/v1/namespaces/default/pods?limit=5`. */
  path: string;
  body?: string | Buffer;
  contentType?: string;
  accept?: string;
  /** Aborts the request (and a streaming response). */
  signal?: AbortSignal;
  /** Ms until the whole answer must be there; 0 for streams. */
  timeoutMs?: number;
}

/** A network failure before any answer: the request may be retried if it is safe to. */
export class TransportError extends Error {
  constructor(
    readonly target: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`${target}: ${message}`, options);
    this.name = "TransportError";
  }
}

/**
 * One keep-alive connection pool to one server, over HTTPS (trusting only
 * the configured CA) or plain HTTP (tests of non-TLS endpoints).
 */
export class Transport {
  private readonly agent: HttpAgent | HttpsAgent;
  private readonly url: URL;

  constructor(readonly config: ClientConfig) {
    this.url = new URL(config.server);
    const common = { keepAlive: true, maxSockets: 64 };
    this.agent =
      this.url.protocol === "https:"
        ? new HttpsAgent({
            ...common,
            ...(config.caPem ? { ca: config.caPem } : {}),
            ...(config.clientCertPem ? { cert: config.clientCertPem, key: config.clientKeyPem } : {}),
          })
        : new HttpAgent(common);
  }

  /** Sends a request and resolves with the response head; the body is the stream. */
  open(req: TransportRequest): Promise<IncomingMessage> {
    const headers: Record<string, string> = { "User-Agent": "skiff" };
    if (this.config.token) headers.Authorization = `Bearer ${this.config.token}`;
    if (req.contentType) headers["Content-Type"] = req.contentType;
    if (req.accept) headers.Accept = req.accept;
    if (req.body !== undefined) headers["Content-Length"] = String(Buffer.byteLength(req.body));
    const send = this.url.protocol === "https:" ? httpsRequest : httpRequest;
    const target = `${this.url.origin}${req.path}`;
    return new Promise((resolve, reject) => {
      const request = send(
        {
          protocol: this.url.protocol,
          hostname: this.url.hostname.replace(/^\[|\]$/g, ""),
          port: this.url.port,
          method: req.method,
          path: req.path,
          headers,
          agent: this.agent,
          ...(req.signal ? { signal: req.signal } : {}),
        },
        resolve,
      );
      if (req.timeoutMs) {
        request.setTimeout(req.timeoutMs, () => request.destroy(new Error(`no answer within ${req.timeoutMs} ms`)));
      }
      request.on("error", (error) => reject(new TransportError(target, error.message, { cause: error })));
      request.end(req.body);
    });
  }

  /** Sends a request and reads the whole answer. */
  async send(req: TransportRequest): Promise<{ status: number; headers: IncomingMessage["headers"]; body: Buffer }> {
    const response = await this.open({ timeoutMs: this.config.timeoutMs ?? 30_000, ...req });
    const chunks: Buffer[] = [];
    try {
      for await (const chunk of response as AsyncIterable<Buffer>) chunks.push(chunk);
    } catch (error) {
      throw new TransportError(`${this.url.origin}${req.path}`, (error as Error).message, { cause: error });
    }
    return { status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) };
  }

  close(): void {
    this.agent.destroy();
  }
}
