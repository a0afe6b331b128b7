import type { IncomingMessage } from "node:http";
import type { ApiObject, RestClient } from "../rest/rest-client.js";
import { statusErrorFrom } from "../rest/status-from-response.js";
import { LineSplitter } from "./line-splitter.js";
import { WatchStreamError } from "./watch-errors.js";
import { decodeWatchEvent, type WatchEvent } from "./watch-event.js";

/**
 * A watch over chunked HTTP: reads the answer line by line, one JSON event
 * per line. A non-200 answer throws its StatusError; a connection that goes
 * or a last line left unfinished throws a WatchStreamError after every whole
 * event before it was yielded. Aborting `signal` (or leaving the loop) closes
 * the connection and ends the iteration quietly.
 */
export async function* httpWatch<T extends ApiObject>(
  client: RestClient,
  path: string,
  options: { signal?: AbortSignal; maxEventBytes: number },
): AsyncGenerator<WatchEvent<T>> {
  const { signal } = options;
  let response: IncomingMessage;
  try {
    response = await client.transport.open({ method: "GET", path, accept: "application/json", signal, timeoutMs: 0 });
  } catch (error) {
    if (signal?.aborted) return;
    throw error;
  }
  try {
    if (response.statusCode !== 200) throw statusErrorFrom(response.statusCode ?? 0, await readBody(response));
    const splitter = new LineSplitter(options.maxEventBytes);
    const chunks = (response as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
    for (;;) {
      let next: IteratorResult<Buffer>;
      try {
        next = await chunks.next();
      } catch (error) {
        if (signal?.aborted) return;
        throw new WatchStreamError("dropped", `watch ${path}: connection lost: ${(error as Error).message}`, { cause: error });
      }
      if (next.done) break;
      let lines: string[];
      try {
        lines = splitter.push(next.value);
      } catch (error) {
        throw new WatchStreamError("malformed", `watch ${path}: ${(error as Error).message}`, { cause: error });
      }
      for (const line of lines) {
        if (line.trim() !== "") yield decodeWatchEvent<T>(parseLine(line));
      }
    }
    const rest = splitter.rest().toString("utf8");
    if (rest.trim() !== "") {
      throw new WatchStreamError("truncated", `watch ${path}: the stream ended inside an event (${rest.length} characters)`);
    }
  } finally {
    if (!response.complete) response.destroy();
  }
}

function parseLine(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch (error) {
    throw new WatchStreamError("malformed", `watch event is not JSON: ${(error as Error).message}`, { cause: error });
  }
}

async function readBody(response: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of response as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
}
