import { StatusError } from "../../errors/status.js";

/** How a watch stream broke: the connection went, it ended inside an event, or it sent something that is not an event. */
export type WatchStreamFailure = "dropped" | "truncated" | "malformed";

/**
 * A watch stream that broke after the server had answered. Every event before
 * it was whole and delivered, so the caller may watch again from the last
 * resourceVersion it saw.
 */
export class WatchStreamError extends Error {
  constructor(
    readonly failure: WatchStreamFailure,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "WatchStreamError";
  }
}

/**
 * True when the server no longer holds the requested resourceVersion (410:
 * reason Expired, or Gone): the caller must list again and watch from the
 * list's version.
 */
export const isExpired = (error: unknown): boolean => error instanceof StatusError && error.code === 410;
