import type { IncomingMessage } from "node:http";
import { z } from "zod";
import type { ResourceRef } from "../../client/rest/paths.js";
import type { RestClient } from "../../client/rest/rest-client.js";
import { statusErrorFrom, statusErrorFromValue } from "../../client/rest/status-from-response.js";
import { LineSplitter } from "../../client/watch/line-splitter.js";
import { WatchStreamError } from "../../client/watch/watch-errors.js";
import { watchPath } from "../../client/watch/watch-options.js";
import { StatusError } from "../../errors/status.js";
import { parseTable, tableAccept, type Table, type TableQuery } from "./server-table.js";

/** One watch event as Table output: the changed object's row, or a bookmark's new version. */
export type TableWatchEvent =
  | { type: "ADDED" | "MODIFIED" | "DELETED"; table: Table }
  | { type: "BOOKMARK"; resourceVersion: string };

const envelopeSchema = z.object({
  type: z.enum(["ADDED", "MODIFIED", "DELETED", "BOOKMARK", "ERROR"]),
  object: z.record(z.string(), z.unknown()),
});

const bookmarkSchema = z.looseObject({ metadata: z.looseObject({ resourceVersion: z.string() }) });

// A Table event holds one row; anything near this size is not one.
const maxEventBytes = 16 * 1024 * 1024;

export interface TableWatchOptions extends TableQuery {
  /** Events after this version; "0" starts with the current objects as ADDED events. */
  resourceVersion: string;
  signal?: AbortSignal;
}

/**
 * Watches a collection with Table output (`kubectl get -w`): each event's
 * object is a one-row Table, its column definitions sent with the first
 * event only. The iteration ends when the server ends the watch or `signal`
 * aborts; an ERROR event throws its StatusError, a broken stream a
 * WatchStreamError.
 *
 * The shared `watch()` expects objects with a name, which Tables are not;
 * hence this reader of the same line-per-event stream.
 */
export async function* watchTable(
  client: RestClient,
  ref: ResourceRef,
  namespace: string | undefined,
  options: TableWatchOptions,
): AsyncGenerator<TableWatchEvent> {
  const { signal } = options;
  const path = watchPath(ref, namespace, {
    resourceVersion: options.resourceVersion,
    labelSelector: options.labelSelector,
    fieldSelector: options.fieldSelector,
    allowWatchBookmarks: true,
  });
  let response: IncomingMessage;
  try {
    response = await client.transport.open({ method: "GET", path, accept: tableAccept, timeoutMs: 0, ...(signal ? { signal } : {}) });
  } catch (error) {
    if (signal?.aborted) return;
    throw error;
  }
  try {
    if (response.statusCode !== 200) throw statusErrorFrom(response.statusCode ?? 0, await readAll(response));
    const splitter = new LineSplitter(maxEventBytes);
    try {
      for await (const chunk of response as AsyncIterable<Buffer>) {
        for (const line of splitter.push(chunk)) {
          if (line.trim() !== "") yield decode(line, path);
        }
      }
    } catch (error) {
      if (signal?.aborted) return;
      if (error instanceof StatusError || error instanceof WatchStreamError) throw error;
      // The splitter refuses an over-long line with a RangeError; anything else is the connection.
      const failure = error instanceof RangeError ? "malformed" : "dropped";
      throw new WatchStreamError(failure, `watch ${path}: ${(error as Error).message}`, { cause: error });
    }
    if (splitter.rest().length > 0) throw new WatchStreamError("truncated", `watch ${path}: the stream ended inside an event`);
  } finally {
    if (!response.complete) response.destroy();
  }
}

function decode(line: string, path: string): TableWatchEvent {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    throw new WatchStreamError("malformed", `watch ${path}: an event is not JSON: ${(error as Error).message}`, { cause: error });
  }
  const envelope = envelopeSchema.safeParse(value);
  if (!envelope.success) throw new WatchStreamError("malformed", `watch ${path}: not a watch event`, { cause: envelope.error });
  const { type, object } = envelope.data;
  switch (type) {
    case "ERROR":
      throw statusErrorFromValue(object, 500) ?? new WatchStreamError("malformed", `watch ${path}: an ERROR event without a Status`);
    case "BOOKMARK": {
      const bookmark = bookmarkSchema.safeParse(object);
      if (!bookmark.success) throw new WatchStreamError("malformed", `watch ${path}: a BOOKMARK without a resourceVersion`);
      return { type, resourceVersion: bookmark.data.metadata.resourceVersion };
    }
    default:
      try {
        return { type, table: parseTable(object, path) };
      } catch (error) {
        throw new WatchStreamError("malformed", `watch ${path}: ${(error as Error).message}`, { cause: error });
      }
  }
}

async function readAll(response: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of response as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
}
