import type { IncomingMessage } from "node:http";
import WebSocket, { type RawData } from "ws";
import type { ApiObject, RestClient } from "../rest/rest-client.js";
import { statusErrorFrom } from "../rest/status-from-response.js";
import { TransportError } from "../rest/transport.js";
import { WatchStreamError } from "./watch-errors.js";
import { decodeWatchEvent, type WatchEvent } from "./watch-event.js";

type Arrival = { kind: "message"; data: RawData; binary: boolean } | { kind: "end" } | { kind: "failed"; error: Error };

// Messages read ahead of the consumer before the socket is paused.
const highWaterMessages = 64;

// 1000 is a normal close; 1005 is a close frame without a code, which
// Kubernetes' own WebSocket server sends when a watch ends.
const cleanCloseCodes = new Set([1000, 1005]);

/**
 * A watch over WebSocket: the same URL as the HTTP watch, one JSON event per
 * message, with the same results and errors as `httpWatch` (a refused
 * upgrade throws the answer's StatusError, a lost connection a `dropped`
 * WatchStreamError). Aborting `signal` (or leaving the loop) closes the
 * socket and ends the iteration quietly.
 */
export async function* websocketWatch<T extends ApiObject>(
  client: RestClient,
  path: string,
  options: { signal?: AbortSignal; maxEventBytes: number },
): AsyncGenerator<WatchEvent<T>> {
  const { signal } = options;
  if (signal?.aborted) return;
  const { config } = client;
  const url = new URL(path, config.server);
  url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
  const target = url.toString();
  const socket = new WebSocket(url, {
    headers: { "User-Agent": "skiff", ...(config.token ? { Authorization: `Bearer ${config.token}` } : {}) },
    maxPayload: options.maxEventBytes,
    ...(config.caPem ? { ca: config.caPem } : {}),
    ...(config.clientCertPem ? { cert: config.clientCertPem, key: config.clientKeyPem } : {}),
  });

  const arrivals: Arrival[] = [];
  let wake: (() => void) | undefined;
  let opened = false;
  const arrive = (arrival: Arrival): void => {
    arrivals.push(arrival);
    if (arrivals.length >= highWaterMessages) socket.pause();
    wake?.();
  };
  socket.on("open", () => (opened = true));
  socket.on("message", (data, binary) => arrive({ kind: "message", data, binary }));
  socket.on("unexpected-response", (request, response) => {
    void refusal(response).then((error) => {
      arrive({ kind: "failed", error });
      request.destroy();
    });
  });
  socket.on("error", (error: Error & { code?: string }) => {
    let failure: Error = new TransportError(target, error.message, { cause: error });
    if (error.code === "WS_ERR_UNSUPPORTED_MESSAGE_LENGTH") {
      const what = `watch ${target}: an event is larger than ${options.maxEventBytes} bytes`;
      failure = new WatchStreamError("malformed", what, { cause: error });
    } else if (opened) {
      failure = new WatchStreamError("dropped", `watch ${target}: ${error.message}`, { cause: error });
    }
    arrive({ kind: "failed", error: failure });
  });
  socket.on("close", (code) => {
    if (cleanCloseCodes.has(code)) arrive({ kind: "end" });
    else arrive({ kind: "failed", error: new WatchStreamError("dropped", `watch ${target}: connection closed with code ${code}`) });
  });
  const onAbort = (): void => wake?.();
  signal?.addEventListener("abort", onAbort, { once: true });

  try {
    for (;;) {
      if (signal?.aborted) return;
      const arrival = arrivals.shift();
      if (!arrival) {
        socket.resume();
        await new Promise<void>((resolve) => (wake = resolve));
        wake = undefined;
        continue;
      }
      if (arrival.kind === "end") return;
      if (arrival.kind === "failed") {
        if (signal?.aborted) return;
        throw arrival.error;
      }
      if (arrival.binary) {
        throw new WatchStreamError("malformed", `watch ${target}: a binary message, expected one JSON event per text message`);
      }
      yield decodeWatchEvent<T>(parseMessage(arrival.data));
    }
  } finally {
    signal?.removeEventListener("abort", onAbort);
    socket.removeAllListeners();
    // Listeners are gone, so late errors of a dying socket must not go unhandled.
    socket.on("error", () => {});
    socket.terminate();
  }
}

function parseMessage(data: RawData): unknown {
  const text = Array.isArray(data) ? Buffer.concat(data).toString("utf8") : Buffer.from(data as ArrayBuffer).toString("utf8");
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new WatchStreamError("malformed", `watch event is not JSON: ${(error as Error).message}`, { cause: error });
  }
}

async function refusal(response: IncomingMessage): Promise<Error> {
  const chunks: Buffer[] = [];
  try {
    for await (const chunk of response as AsyncIterable<Buffer>) chunks.push(chunk);
  } catch {
    // what arrived is enough to report the refusal
  }
  return statusErrorFrom(response.statusCode ?? 0, Buffer.concat(chunks));
}
