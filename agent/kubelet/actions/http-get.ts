import { request as httpRequest, type IncomingMessage, type OutgoingHttpHeaders } from "node:http";
import { request as httpsRequest } from "node:https";
import type { Clock } from "../../../src/clock.js";
import { joinHostPort } from "./container-port.js";
import { dialErrorText } from "./dial-error-text.js";

/** What an httpGet action asks for: one GET, headers in the order given. */
export interface HttpGetRequest {
  url: URL;
  headers: Array<[name: string, value: string]>;
}

export interface HttpGetResponse {
  statusCode: number;
  /** The start of the body (at most `MAX_BODY_BYTES`). */
  body: string;
}

export interface HttpGetOptions {
  /** Bounds the whole exchange, redirects included (Go's Client.Timeout); none when absent. */
  timeoutMs?: number;
  clock: Clock;
  signal?: AbortSignal;
}

/** Does one httpGet action; rejects with `HttpGetError` when no response came. */
export type HttpGetter = (request: HttpGetRequest, options: HttpGetOptions) => Promise<HttpGetResponse>;

/**
 * No response: refused, timed out, reset, too many redirects. The message
 * is what Go's HTTP client says, as the kubelet reports it
 * (`Get "http://10.42.0.5:8080/": dial tcp 10.42.0.5:8080: connect: connection refused`).
 * `httpsToHttp` marks an HTTPS request answered in plain HTTP.
 */
export class HttpGetError extends Error {
  constructor(
    message: string,
    readonly httpsToHttp = false,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "HttpGetError";
  }
}

/** The kubelet reads at most 10 KiB of a probe's response body. */
export const MAX_BODY_BYTES = 10 * 1024;
/** Go's client gives up when asked to follow a tenth redirect. */
const MAX_REDIRECTS = 10;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/**
 * The real getter, with the kubelet's client settings: a fresh connection per
 * request, no proxy, HTTPS without certificate checks, and redirects followed
 * only while they stay on the first request's host — a redirect elsewhere is
 * returned as the response itself (a 3xx).
 */
export const httpGet: HttpGetter = async (request, { timeoutMs, clock, signal }) => {
  const controller = new AbortController();
  let timedOut = false;
  const timer =
    timeoutMs === undefined
      ? undefined
      : clock.setTimer(timeoutMs, () => {
          timedOut = true;
          controller.abort();
        });
  const abort = (): void => controller.abort();
  if (signal?.aborted) abort();
  else signal?.addEventListener("abort", abort, { once: true });

  let url = request.url;
  let headers = request.headers;
  try {
    for (let followed = 0; ; followed++) {
      const response = await getOnce(url, headers, controller.signal);
      const location = REDIRECT_STATUSES.has(response.statusCode) ? response.location : undefined;
      if (location === undefined) return { statusCode: response.statusCode, body: response.body };
      const next = new URL(location, url);
      if (next.hostname !== request.url.hostname) return { statusCode: response.statusCode, body: response.body };
      if (followed + 1 >= MAX_REDIRECTS) throw new HttpGetError(`Get ${JSON.stringify(location)}: stopped after 10 redirects`);
      // Go keeps a Host override only through relative redirects.
      if (/^[a-z][a-z0-9+.-]*:/i.test(location)) headers = headers.filter(([name]) => name.toLowerCase() !== "host");
      url = next;
    }
  } catch (error) {
    if (error instanceof HttpGetError) throw error;
    if (timedOut) {
      throw new HttpGetError(`Get ${JSON.stringify(urlText(url))}: context deadline exceeded (Client.Timeout exceeded while awaiting headers)`);
    }
    throw describeFailure(url, error);
  } finally {
    timer?.cancel();
    signal?.removeEventListener("abort", abort);
  }
};

interface RawResponse {
  statusCode: number;
  location?: string;
  body: string;
}

function getOnce(url: URL, headers: Array<[string, string]>, signal: AbortSignal): Promise<RawResponse> {
  const send = url.protocol === "https:" ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(url, { method: "GET", headers: headerObject(headers), agent: false, rejectUnauthorized: false, signal }, (res) => {
      readBody(res).then(
        (body) => resolve({ statusCode: res.statusCode ?? 0, location: res.headers.location, body }),
        reject,
      );
    });
    req.once("error", reject);
    req.end();
  });
}

/** Reads up to MAX_BODY_BYTES and drops the rest (the connection is not reused). */
function readBody(res: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = (): void => resolve(Buffer.concat(chunks).subarray(0, MAX_BODY_BYTES).toString("utf8"));
    res.on("data", (chunk: Buffer) => {
      chunks.push(chunk);
      size += chunk.length;
      if (size >= MAX_BODY_BYTES) {
        res.destroy();
        done();
      }
    });
    res.once("end", done);
    res.once("error", reject);
  });
}

/** Header lines as Node wants them; repeats of a name (in any case) become one list, as Go's Header.Add does. */
function headerObject(lines: Array<[string, string]>): OutgoingHttpHeaders {
  const byName = new Map<string, { name: string; values: string[] }>();
  for (const [name, value] of lines) {
    const key = name.toLowerCase();
    const entry = byName.get(key) ?? { name, values: [] };
    entry.values.push(value);
    byName.set(key, entry);
  }
  const headers: OutgoingHttpHeaders = {};
  for (const { name, values } of byName.values()) headers[name] = values.length === 1 ? values[0] : values;
  return headers;
}

const DIAL_ERRORS = new Set(["ECONNREFUSED", "EHOSTUNREACH", "ENETUNREACH", "ETIMEDOUT", "ENOTFOUND", "EAI_AGAIN"]);

/** A URL as Go prints it: the port always written, even the scheme's default. */
function urlText(url: URL): string {
  return `${url.protocol}//${hostPort(url)}${url.pathname}${url.search}`;
}

/** The URL's `host:port`, the port always written (Go's URL.Host as the kubelet sends it). */
export function hostPort(url: URL): string {
  const host = url.hostname.replace(/^\[(.*)\]$/, "$1");
  return joinHostPort(host, Number(url.port) || (url.protocol === "https:" ? 443 : 80));
}

function describeFailure(url: URL, error: unknown): HttpGetError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code ?? "";
  const get = `Get ${JSON.stringify(urlText(url))}`;
  if (DIAL_ERRORS.has(code)) {
    const host = url.hostname.replace(/^\[(.*)\]$/, "$1");
    const address = hostPort(url);
    return new HttpGetError(`${get}: ${dialErrorText(address, host, error)}`, false, { cause: error });
  }
  const message = error instanceof Error ? error.message : String(error);
  // OpenSSL reading an HTTP answer as a TLS record: Node says EPROTO "wrong version number".
  if (code === "ERR_SSL_WRONG_VERSION_NUMBER" || (code === "EPROTO" && /wrong version number|packet length too long/i.test(message))) {
    return new HttpGetError(`${get}: http: server gave HTTP response to HTTPS client`, true, { cause: error });
  }
  if (code === "ECONNRESET") return new HttpGetError(`${get}: EOF`, false, { cause: error });
  return new HttpGetError(`${get}: ${message}`, false, { cause: error });
}
