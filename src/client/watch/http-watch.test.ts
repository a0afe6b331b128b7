import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { StatusError } from "../../errors/status.js";
import type { ResourceRef } from "../rest/paths.js";
import { type ApiObject, RestClient } from "../rest/rest-client.js";
import { TransportError } from "../rest/transport.js";
import { watch } from "./watch.js";
import { isExpired, WatchStreamError } from "./watch-errors.js";
import type { WatchEvent } from "./watch-event.js";

const pods: ResourceRef = { group: "", version: "v1", resource: "pods", namespaced: true };
const pod = (name: string, rv: string) => ({
  kind: "Pod",
  apiVersion: "v1",
  metadata: { name, namespace: "default", resourceVersion: rv },
});
const line = (type: string, object: unknown): string => `${JSON.stringify({ type, object })}\n`;
const status = (code: number, reason: string, message: string) => ({
  kind: "Status",
  apiVersion: "v1",
  metadata: {},
  status: "Failure",
  reason,
  message,
  code,
});
const expiredStatus = status(410, "Expired", "too old resource version: 1 (7)");

type Handler = (request: IncomingMessage, response: ServerResponse) => void;

let server: Server | undefined;
let client: RestClient | undefined;

afterEach(async () => {
  client?.close();
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
  server = client = undefined;
});

async function serve(handler: Handler): Promise<RestClient> {
  server = createServer(handler);
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  client = new RestClient({ server: `http://127.0.0.1:${port}`, token: "secret" });
  return client;
}

function startStream(response: ServerResponse): void {
  response.writeHead(200, { "Content-Type": "application/json", "Transfer-Encoding": "chunked" });
  response.flushHeaders();
}

/** Writes each chunk as its own HTTP chunk, yielding to the event loop between them. */
async function writeChunks(response: ServerResponse, chunks: string[]): Promise<void> {
  for (const chunk of chunks) {
    response.write(chunk);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

async function collect(iterable: AsyncIterable<WatchEvent>): Promise<{ events: WatchEvent[]; error?: unknown }> {
  const events: WatchEvent[] = [];
  try {
    for await (const event of iterable) events.push(event);
    return { events };
  } catch (error) {
    return { events, error };
  }
}

const names = (events: WatchEvent[]): string[] =>
  events.map((e) => {
    const name = e.type === "BOOKMARK" ? "" : (e.object as ApiObject).metadata?.name;
    return `${e.type}:${name}@${e.object.metadata?.resourceVersion}`;
  });

describe("watch over chunked HTTP", () => {
  it("sends Kubernetes' watch query and bearer token, and yields events however the stream is chunked", async () => {
    let url = "";
    let authorization = "";
    const stream =
      line("ADDED", pod("a", "5")) +
      line("MODIFIED", pod("a", "6")) +
      line("BOOKMARK", { kind: "Pod", apiVersion: "v1", metadata: { resourceVersion: "8" } }) +
      line("DELETED", pod("a", "9"));
    const cut = [3, 40, 41, stream.indexOf("BOOKMARK"), stream.length - 2];
    const chunks = [0, ...cut].map((start, i) => stream.slice(start, cut[i] ?? stream.length));
    const rest = await serve(async (request, response) => {
      url = request.url ?? "";
      authorization = request.headers.authorization ?? "";
      startStream(response);
      await writeChunks(response, chunks);
      response.end();
    });
    const { events, error } = await collect(
      watch(rest, pods, "default", {
        resourceVersion: "4",
        allowWatchBookmarks: true,
        timeoutSeconds: 300,
        labelSelector: "app=web",
        fieldSelector: "spec.nodeName=n1",
      }),
    );
    expect(error).toBeUndefined();
    expect(names(events)).toEqual(["ADDED:a@5", "MODIFIED:a@6", "BOOKMARK:@8", "DELETED:a@9"]);
    expect(url).toBe(
      "/api/v1/namespaces/default/pods?watch=1&resourceVersion=4&allowWatchBookmarks=true" +
        "&timeoutSeconds=300&labelSelector=app%3Dweb&fieldSelector=spec.nodeName%3Dn1",
    );
    expect(authorization).toBe("Bearer secret");
  });

  it("yields many events from one chunk and skips blank lines", async () => {
    const rest = await serve((_request, response) => {
      startStream(response);
      response.end(`${line("ADDED", pod("a", "2"))}\n${line("ADDED", pod("b", "3"))}${line("ADDED", pod("c", "4"))}`);
    });
    const { events, error } = await collect(watch(rest, pods, undefined, {}));
    expect(error).toBeUndefined();
    expect(names(events)).toEqual(["ADDED:a@2", "ADDED:b@3", "ADDED:c@4"]);
  });

  it("throws an ERROR event's Status after the events before it; 410 is expired", async () => {
    const rest = await serve((_request, response) => {
      startStream(response);
      response.end(line("ADDED", pod("a", "2")) + line("ERROR", expiredStatus));
    });
    const { events, error } = await collect(watch(rest, pods, "default", { resourceVersion: "1" }));
    expect(names(events)).toEqual(["ADDED:a@2"]);
    expect(error).toBeInstanceOf(StatusError);
    expect((error as StatusError).reason).toBe("Expired");
    expect(isExpired(error)).toBe(true);
  });

  it("throws the Status of a refused request; only 410 counts as expired", async () => {
    const forbidden = status(403, "Forbidden", "pods is forbidden");
    let code = 403;
    const rest = await serve((_request, response) => {
      response.writeHead(code, { "Content-Type": "application/json" });
      response.end(JSON.stringify(code === 403 ? forbidden : expiredStatus));
    });
    const refused = await collect(watch(rest, pods, "default", {}));
    expect(refused.error).toBeInstanceOf(StatusError);
    expect((refused.error as StatusError).code).toBe(403);
    expect(isExpired(refused.error)).toBe(false);
    code = 410;
    expect(isExpired((await collect(watch(rest, pods, "default", { resourceVersion: "1" }))).error)).toBe(true);
  });

  it("treats a last line without its newline as a truncated stream, not an event", async () => {
    const rest = await serve((_request, response) => {
      startStream(response);
      const partial = line("ADDED", pod("b", "3"));
      response.end(line("ADDED", pod("a", "2")) + partial.slice(0, partial.length - 1));
    });
    const { events, error } = await collect(watch(rest, pods, "default", {}));
    expect(names(events)).toEqual(["ADDED:a@2"]);
    expect(error).toBeInstanceOf(WatchStreamError);
    expect((error as WatchStreamError).failure).toBe("truncated");
  });

  it("reports a connection lost mid-stream as dropped, after the whole events", async () => {
    const rest = await serve(async (_request, response) => {
      startStream(response);
      await writeChunks(response, [line("ADDED", pod("a", "2")), line("ADDED", pod("b", "3")).slice(0, 20)]);
      response.socket?.destroy();
    });
    const { events, error } = await collect(watch(rest, pods, "default", {}));
    expect(names(events)).toEqual(["ADDED:a@2"]);
    expect(error).toBeInstanceOf(WatchStreamError);
    expect((error as WatchStreamError).failure).toBe("dropped");
  });

  it("reports a line that is not a watch event as malformed", async () => {
    const bodies = ["not json\n", line("ADDED", { metadata: {} }), line("SNAPSHOT", {})];
    let next = 0;
    const rest = await serve((_request, response) => {
      startStream(response);
      response.end(bodies[next++]);
    });
    for (let i = 0; i < bodies.length; i++) {
      const { events, error } = await collect(watch(rest, pods, "default", {}));
      expect(events).toEqual([]);
      expect((error as WatchStreamError).failure).toBe("malformed");
    }
  });

  it("refuses an event larger than maxEventBytes", async () => {
    const rest = await serve((_request, response) => {
      startStream(response);
      response.end(line("ADDED", { ...pod("a", "2"), data: "x".repeat(2000) }));
    });
    const { error } = await collect(watch(rest, pods, "default", { maxEventBytes: 1000 }));
    expect((error as WatchStreamError).failure).toBe("malformed");
    expect((error as Error).message).toMatch(/longer than 1000 bytes/);
  });

  it("ends quietly and closes the connection when the signal aborts", async () => {
    let serverSawClose!: () => void;
    const closed = new Promise<void>((resolve) => (serverSawClose = resolve));
    const rest = await serve((_request, response) => {
      response.on("close", serverSawClose);
      startStream(response);
      response.write(line("ADDED", pod("a", "2")));
    });
    const abort = new AbortController();
    const events: WatchEvent[] = [];
    for await (const event of watch(rest, pods, "default", { signal: abort.signal })) {
      events.push(event);
      abort.abort();
    }
    expect(names(events)).toEqual(["ADDED:a@2"]);
    await closed;
  });

  it("closes the connection when the loop is left early", async () => {
    let serverSawClose!: () => void;
    const closed = new Promise<void>((resolve) => (serverSawClose = resolve));
    const rest = await serve((_request, response) => {
      response.on("close", serverSawClose);
      startStream(response);
      response.write(line("ADDED", pod("a", "2")) + line("ADDED", pod("b", "3")));
    });
    for await (const event of watch(rest, pods, "default", {})) {
      expect(event.type).toBe("ADDED");
      break;
    }
    await closed;
  });

  it("throws a TransportError when nothing listens", async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise((resolve) => probe.close(resolve));
    client = new RestClient({ server: `http://127.0.0.1:${port}` });
    const { error } = await collect(watch(client, pods, "default", {}));
    expect(error).toBeInstanceOf(TransportError);
  });
});
