import { describe, expect, it } from "vitest";
import type { ResourceRef } from "../../src/client/rest/paths.js";
import { isExpired, WatchStreamError } from "../../src/client/watch/watch-errors.js";
import type { WatchEvent } from "../../src/client/watch/watch-event.js";
import { StatusError } from "../../src/errors/status.js";
import type { WatchRequest } from "../../src/tunnel/control-message.js";
import { Channel, INITIAL_WINDOW_BYTES } from "../../src/tunnel/protocol.js";
import { failed, succeeded, type StreamStatus } from "../../src/tunnel/stream-status.js";
import { TunnelMux } from "../../src/tunnel/tunnel-mux.js";
import type { TunnelStream } from "../../src/tunnel/tunnel-stream.js";
import { tunnelWatcher, type TunnelLink } from "./tunnel-watcher.js";

const pods: ResourceRef = { group: "", version: "v1", resource: "pods", namespaced: true };
const pod = (name: string, rv: string) => ({ apiVersion: "v1", kind: "Pod", metadata: { name, namespace: "default", resourceVersion: rv } });
const line = (event: object): Buffer => Buffer.from(`${JSON.stringify(event)}\n`);

interface Served {
  request: WatchRequest;
  stream: TunnelStream;
  closedBy?: StreamStatus;
}

/** An agent mux and a server mux whose messages arrive a turn later, as over a socket; the server records the watches it is asked for. */
function tunnel() {
  const served: Served[] = [];
  let agent: TunnelMux;
  let server: TunnelMux;
  const later = (deliver: () => void): void => void setImmediate(deliver);
  const toBytes = (m: string | Uint8Array) => ({ data: typeof m === "string" ? Buffer.from(m) : m, isBinary: typeof m !== "string" });
  server = new TunnelMux(
    { send: (m) => later(() => agent.receive(toBytes(m).data, toBytes(m).isBinary)), close: () => undefined },
    (request, stream) => {
      if (request.kind !== "watch") throw new Error("not a watch");
      const entry: Served = { request, stream };
      served.push(entry);
      return { closed: (status) => (entry.closedBy = status) };
    },
  );
  agent = new TunnelMux({ send: (m) => later(() => server.receive(toBytes(m).data, toBytes(m).isBinary)), close: () => undefined }, undefined, "agent");
  const link: TunnelLink = { connected: async () => agent };
  const next = async (): Promise<Served> => {
    for (let i = 0; i < 100 && served.length === 0; i++) await new Promise((r) => setImmediate(r));
    const entry = served.shift();
    if (!entry) throw new Error("no watch was opened");
    return entry;
  };
  return { agent, link, next };
}

async function collect<T>(events: AsyncIterable<T>, limit = Infinity): Promise<T[]> {
  const seen: T[] = [];
  for await (const event of events) {
    seen.push(event);
    if (seen.length >= limit) break;
  }
  return seen;
}

describe("tunnelWatcher", () => {
  it("asks the server for the watch as the REST API takes it and yields its events, however the lines were cut", async () => {
    const { link, next } = tunnel();
    const events = tunnelWatcher(link).watch(pods, undefined, {
      resourceVersion: "10",
      fieldSelector: "spec.nodeName=pi-1",
      allowWatchBookmarks: true,
      timeoutSeconds: 300,
    });
    const done = collect(events);
    const served = await next();
    expect(served.request).toEqual({ kind: "watch", path: "/api/v1/pods", resourceVersion: "10", fieldSelector: "spec.nodeName=pi-1", allowWatchBookmarks: true, timeoutSeconds: 300 });
    const bytes = Buffer.concat([line({ type: "ADDED", object: pod("a", "11") }), line({ type: "BOOKMARK", object: { kind: "Pod", metadata: { resourceVersion: "12" } } })]);
    served.stream.write(Channel.Stdout, bytes.subarray(0, 17));
    served.stream.write(Channel.Stdout, bytes.subarray(17));
    served.stream.end(succeeded);
    const seen = await done;
    expect(seen.map((e) => [e.type, e.object.metadata?.resourceVersion])).toEqual([
      ["ADDED", "11"],
      ["BOOKMARK", "12"],
    ]);
  });

  it("throws the Status of a refused watch, and an ERROR event's (410 asks for a re-list)", async () => {
    const { link, next } = tunnel();
    const refused = collect(tunnelWatcher(link).watch(pods, "default", {}));
    const forbidden = failed(403, "Forbidden", 'pods is forbidden: User "system:node:pi-1" cannot watch resource "pods"');
    (await next()).stream.end(forbidden);
    const error = await refused.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StatusError);
    expect(error).toMatchObject({ status: { code: 403, reason: "Forbidden", message: forbidden.message } });

    const expired = collect(tunnelWatcher(link).watch(pods, "default", { resourceVersion: "1" }));
    const served = await next();
    served.stream.write(Channel.Stdout, line({ type: "ERROR", object: { kind: "Status", apiVersion: "v1", metadata: {}, status: "Failure", reason: "Expired", code: 410, message: "too old resource version: 1 (40)" } }));
    served.stream.end(succeeded);
    expect(isExpired(await expired.catch((e: unknown) => e))).toBe(true);
  });

  it("fails with a dropped WatchStreamError when the tunnel goes, after the events before it", async () => {
    const { agent, link, next } = tunnel();
    const seen: WatchEvent[] = [];
    const watching = (async () => {
      for await (const event of tunnelWatcher(link).watch(pods, undefined, {})) seen.push(event);
    })();
    const served = await next();
    served.stream.write(Channel.Stdout, line({ type: "ADDED", object: pod("a", "5") }));
    await new Promise((r) => setTimeout(r, 20));
    agent.shutdown(failed(503, "ServiceUnavailable", "the tunnel to the server was lost"));
    const error = await watching.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WatchStreamError);
    expect(error).toMatchObject({ failure: "dropped" });
    expect(seen.map((e) => e.object.metadata?.resourceVersion)).toEqual(["5"]);
  });

  it("closes the stream at the server when the watcher stops", async () => {
    const { link, next } = tunnel();
    const controller = new AbortController();
    const events = tunnelWatcher(link).watch(pods, undefined, { signal: controller.signal });
    const first = collect(events, 1);
    const served = await next();
    served.stream.write(Channel.Stdout, line({ type: "ADDED", object: pod("a", "5") }));
    expect(await first).toHaveLength(1);
    for (let i = 0; i < 20 && !served.closedBy; i++) await new Promise((r) => setImmediate(r));
    expect(served.closedBy).toMatchObject({ status: "Failure", code: 499 });

    const aborted = collect(tunnelWatcher(link).watch(pods, undefined, { signal: controller.signal }));
    const second = await next();
    controller.abort();
    expect(await aborted).toEqual([]);
    for (let i = 0; i < 20 && !second.closedBy; i++) await new Promise((r) => setImmediate(r));
    expect(second.closedBy).toMatchObject({ code: 499 });
  });

  it("holds the server back by the window until the events are taken", async () => {
    const { link, next } = tunnel();
    const events = tunnelWatcher(link).watch(pods, undefined, {})[Symbol.asyncIterator]();
    const firstEvent = events.next();
    const served = await next();
    const big = line({ type: "ADDED", object: { ...pod("big", "7"), data: "x".repeat(100_000) } });
    let sent = 0;
    while (served.stream.write(Channel.Stdout, big)) sent++;
    expect(sent * big.length).toBeLessThan(INITIAL_WINDOW_BYTES);
    expect((await firstEvent).value).toMatchObject({ type: "ADDED" });
    // Taking the events gives the window back, and what waited goes out.
    for (let i = 0; i < sent; i++) expect((await events.next()).done).toBe(false);
    expect(served.stream.pendingBytes).toBe(0);
    await events.return?.(undefined);
  });

  it("waits for the tunnel when it is down, and gives up quietly when aborted", async () => {
    const controller = new AbortController();
    const waiting: TunnelLink = { connected: (signal) => new Promise((resolve) => signal?.addEventListener("abort", () => resolve(undefined))) };
    const result = collect(tunnelWatcher(waiting).watch(pods, undefined, { signal: controller.signal }));
    controller.abort();
    expect(await result).toEqual([]);
  });
});
