import type { ServerResponse } from "node:http";
import { internalError, type Status, StatusError } from "../../../src/errors/status.js";

/** Writes a JSON answer. */
export function sendJson(response: ServerResponse, code: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(code, {
    "Content-Type": "application/json",
    "Content-Length": Buffer.byteLength(text),
    "Cache-Control": "no-cache, private",
  });
  response.end(text);
}

export function sendStatus(response: ServerResponse, status: Status): void {
  sendJson(response, status.code, status);
}

/**
 * Answers with the Status of an error. A StatusError is an expected outcome
 * and is answered as it is; anything else is a bug or an outage, answered 500
 * and reported to `onUnexpected` (which logs it once).
 */
export function sendError(response: ServerResponse, error: unknown, onUnexpected: (error: unknown) => void): void {
  if (error instanceof StatusError) {
    sendStatus(response, error.status);
    return;
  }
  onUnexpected(error);
  sendStatus(response, internalError(error instanceof Error ? error.message : String(error)).status);
}
