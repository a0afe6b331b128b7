import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { WebSocketServer, type WebSocket } from "ws";
import { StatusError } from "../../errors/status.js";
import type { ResourceRef } from "../rest/paths.js";
import { type ApiObject, RestClient } from "../rest/rest-client.js";
import { TransportError } from "../rest/transport.js";
import { watch } from "./watch.js";
import { isExpired, WatchStreamError } from "./watch-errors.js";
import type { WatchEvent } from "./watch-event.js";

const deployments: ResourceRef = { group: "apps", version: "v1", resource: "deployments", namespaced: true };
const deployment = (name: string, rv: string) => ({
  kind: "Deployment",
  apiVersion: "apps/v1",
  metadata: { name, namespace: "web", resourceVersion: rv },
});
const status = (code: number, reason: string, message: string) => ({
  kind: "Status",
  apiVersion: "v1",
  metadata: {},
  status: "Failure",
  reason,
  message,
  code,
});
const message = (type: string, object: unknown): string => JSON.stringify({ type, object });

type Session = (socket: WebSocket, request: IncomingMessage) => void;

let server: Server | undefined;
let sockets: WebSocketServer | undefined;
let client: RestClient | undefined;

afterEach(async () => {
  client?.close();
  for (const socket of sockets?.clients ?? []) socket.terminate();
  sockets?.close();
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
  server = sockets = client = undefined;
});

/** A WebSocket server on 127.0.0.1; `refuse` answers the upgrade with a plain HTTP error instead. */
async function serve(session: Session, refuse?: { code: number; body: unknown }): Promise<RestClient> {
  server = createServer();
  sockets = new WebSocketServer({ noServer: true });
  server.on("upgrade", (request, socket, head) => {
    if (refuse) {
      const body = JSON.stringify(refuse.body);
      const head = `HTTP/1.1 ${refuse.code} Refused\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}`;
      socket.end(`${head}\r\nConnection: close\r\n\r\n${body}`);
      return;
    }
    sockets!.handleUpgrade(request, socket, head, (ws) => session(ws, request));
  });
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  client = new RestClient({ server: `http://127.0.0.1:${port}`, token: "secret" });
  return client;
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

describe("watch over WebSocket", () => {
  it("asks the watch URL with the bearer token and yields one event per message until a normal close", async () => {
    let url = "";
    let authorization = "";
    const rest = await serve((socket, request) => {
      url = request.url ?? "";
      authorization = request.headers.authorization ?? "";
      socket.send(message("ADDED", deployment("a", "5")));
      socket.send(message("BOOKMARK", { kind: "Deployment", apiVersion: "apps/v1", metadata: { resourceVersion: "7" } }));
      socket.send(message("DELETED", deployment("a", "8")));
      socket.close(1000);
    });
    const { events, error } = await collect(
      watch(rest, deployments, "web", { protocol: "websocket", resourceVersion: "4", allowWatchBookmarks: true }),
    );
    expect(error).toBeUndefined();
    expect(names(events)).toEqual(["ADDED:a@5", "BOOKMARK:@7", "DELETED:a@8"]);
    expect(url).toBe("/apis/apps/v1/namespaces/web/deployments?watch=1&resourceVersion=4&allowWatchBookmarks=true");
    expect(authorization).toBe("Bearer secret");
  });

  it("keeps every event when the server sends far more than the consumer has read", async () => {
    const count = 500;
    const rest = await serve((socket) => {
      for (let i = 0; i < count; i++) socket.send(message("ADDED", deployment(`d${i}`, String(i + 1))));
      socket.close(1000);
    });
    const events: WatchEvent[] = [];
    for await (const event of watch(rest, deployments, "web", { protocol: "websocket" })) {
      events.push(event);
      // A slow consumer: the socket pauses and resumes under it.
      if (events.length % 50 === 0) await new Promise((resolve) => setTimeout(resolve, 1));
    }
    expect(events.map((e) => e.object.metadata?.resourceVersion)).toEqual(Array.from({ length: count }, (_, i) => String(i + 1)));
  });

  it("throws an ERROR event's Status; 410 is expired", async () => {
    const rest = await serve((socket) => {
      socket.send(message("ADDED", deployment("a", "5")));
      socket.send(message("ERROR", status(410, "Expired", "too old")));
    });
    const { events, error } = await collect(watch(rest, deployments, "web", { protocol: "websocket", resourceVersion: "1" }));
    expect(names(events)).toEqual(["ADDED:a@5"]);
    expect(isExpired(error)).toBe(true);
  });

  it("throws the Status of a refused upgrade", async () => {
    const forbidden = status(403, "Forbidden", "deployments.apps is forbidden");
    const rest = await serve(() => {}, { code: 403, body: forbidden });
    const { error } = await collect(watch(rest, deployments, "web", { protocol: "websocket" }));
    expect(error).toBeInstanceOf(StatusError);
    expect((error as StatusError).code).toBe(403);
    expect((error as StatusError).message).toBe("deployments.apps is forbidden");
  });

  it("reports a connection lost without a close frame as dropped, after the events before it", async () => {
    const rest = await serve((socket) => {
      socket.send(message("ADDED", deployment("a", "5")), () => socket.terminate());
    });
    const { events, error } = await collect(watch(rest, deployments, "web", { protocol: "websocket" }));
    expect(names(events)).toEqual(["ADDED:a@5"]);
    expect(error).toBeInstanceOf(WatchStreamError);
    expect((error as WatchStreamError).failure).toBe("dropped");
  });

  it("reports a message that is not an event, or a binary one, as malformed", async () => {
    const sends: Array<(socket: WebSocket) => void> = [
      (socket) => socket.send("{not json"),
      (socket) => socket.send(Buffer.from(message("ADDED", deployment("a", "5"))), { binary: true }),
      (socket) => socket.send(message("ADDED", { metadata: { name: "a" } })),
    ];
    let next = 0;
    const rest = await serve((socket) => sends[next++]!(socket));
    for (let i = 0; i < sends.length; i++) {
      const { events, error } = await collect(watch(rest, deployments, "web", { protocol: "websocket" }));
      expect(events).toEqual([]);
      expect((error as WatchStreamError).failure).toBe("malformed");
    }
  });

  it("refuses an event larger than maxEventBytes as malformed", async () => {
    const rest = await serve((socket) => socket.send(message("ADDED", { ...deployment("a", "5"), data: "x".repeat(2000) })));
    const { error } = await collect(watch(rest, deployments, "web", { protocol: "websocket", maxEventBytes: 1000 }));
    expect((error as WatchStreamError).failure).toBe("malformed");
    expect((error as Error).message).toMatch(/larger than 1000 bytes/);
  });

  it("ends quietly and closes the socket when the signal aborts", async () => {
    let serverSawClose!: () => void;
    const closed = new Promise<void>((resolve) => (serverSawClose = resolve));
    const rest = await serve((socket) => {
      socket.on("close", serverSawClose);
      socket.send(message("ADDED", deployment("a", "5")));
    });
    const abort = new AbortController();
    const events = watch(rest, deployments, "web", { protocol: "websocket", signal: abort.signal });
    expect(names([(await events.next()).value as WatchEvent])).toEqual(["ADDED:a@5"]);
    // The next event is awaited when the abort comes: it ends the iteration.
    const waiting = events.next();
    abort.abort();
    expect(await waiting).toEqual({ done: true, value: undefined });
    await closed;
  });

  it("throws a TransportError when nothing listens", async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise((resolve) => probe.close(resolve));
    client = new RestClient({ server: `http://127.0.0.1:${port}` });
    const { error } = await collect(watch(client, deployments, "web", { protocol: "websocket" }));
    expect(error).toBeInstanceOf(TransportError);
  });
});
