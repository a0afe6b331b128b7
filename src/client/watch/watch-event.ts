import { z } from "zod";
import { StatusError } from "../../errors/status.js";
import type { ApiObject } from "../rest/rest-client.js";
import { statusErrorFromValue } from "../rest/status-from-response.js";
import { WatchStreamError } from "./watch-errors.js";

/** What a BOOKMARK carries: only where the stream has got to. */
export interface BookmarkObject {
  kind?: string;
  apiVersion?: string;
  metadata: { resourceVersion: string; annotations?: Record<string, string> };
}

/**
 * One event of a watch. ERROR events never appear: they are thrown as
 * StatusError (see `isExpired` for the 410 that asks for a re-list).
 */
export type WatchEvent<T extends ApiObject = ApiObject> =
  | { type: "ADDED" | "MODIFIED" | "DELETED"; object: T }
  | { type: "BOOKMARK"; object: BookmarkObject };

const envelopeSchema = z.object({
  type: z.enum(["ADDED", "MODIFIED", "DELETED", "BOOKMARK", "ERROR"]),
  object: z.record(z.string(), z.unknown()),
});

// Only what a watcher relies on is checked; the rest of the object is the caller's type.
const objectSchema = z.looseObject({
  metadata: z.looseObject({ name: z.string(), resourceVersion: z.string() }),
});

const bookmarkSchema = z.looseObject({
  kind: z.string().optional(),
  apiVersion: z.string().optional(),
  metadata: z.looseObject({
    resourceVersion: z.string(),
    annotations: z.record(z.string(), z.string()).optional(),
  }),
});

/**
 * Turns one decoded JSON value of a watch stream into an event. An ERROR
 * event is thrown as the StatusError it carries; anything that is not an
 * event is a `malformed` WatchStreamError.
 */
export function decodeWatchEvent<T extends ApiObject>(value: unknown): WatchEvent<T> {
  const envelope = envelopeSchema.safeParse(value);
  if (!envelope.success) throw malformed("not a watch event", envelope.error);
  const { type, object } = envelope.data;
  switch (type) {
    case "ERROR":
      throw statusErrorFromValue(object, 500) ?? unknownError(object);
    case "BOOKMARK": {
      const bookmark = bookmarkSchema.safeParse(object);
      if (!bookmark.success) throw malformed("BOOKMARK without metadata.resourceVersion", bookmark.error);
      return { type, object: bookmark.data as BookmarkObject };
    }
    default: {
      const checked = objectSchema.safeParse(object);
      if (!checked.success) throw malformed(`${type} object without metadata.name and metadata.resourceVersion`, checked.error);
      return { type, object: object as T };
    }
  }
}

function malformed(what: string, cause: z.ZodError): WatchStreamError {
  return new WatchStreamError("malformed", `${what}: ${z.prettifyError(cause)}`, { cause });
}

// An ERROR event whose object is not a Status: Kubernetes' watch decoder
// reports it as an internal error too.
function unknownError(object: Record<string, unknown>): StatusError {
  const message = `watch ERROR event with an object that is not a Status: ${JSON.stringify(object).slice(0, 500)}`;
  return new StatusError({
    kind: "Status",
    apiVersion: "v1",
    metadata: {},
    status: "Failure",
    reason: "InternalError",
    message,
    code: 500,
  });
}
