import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { WebSocketServer, type WebSocket } from "ws";
import { realClock } from "../../src/clock.js";
import { createLogger } from "../../src/log.js";
import { TUNNEL_PATH, TUNNEL_SUBPROTOCOL } from "../../src/tunnel/protocol.js";
import { AgentTunnel, type AgentTunnelOptions } from "./agent-tunnel.js";

const log = createLogger("silent");

/** A stand-in server on loopback (plain HTTP): it takes tunnels, or refuses them while `refuse` is set. */
async function fakeServer(options: { refuse?: number } = {}) {
  const accepted: Array<{ ws: WebSocket; url: string; auth: string | undefined; protocol: string }> = [];
  const http: Server = createServer();
  const sockets = new WebSocketServer({ noServer: true, handleProtocols: (offered) => (offered.has(TUNNEL_SUBPROTOCOL) ? TUNNEL_SUBPROTOCOL : false) });
  const state = { refuse: options.refuse };
  http.on("upgrade", (request, socket, head) => {
    if (state.refuse) {
      socket.end(`HTTP/1.1 ${state.refuse} Refused\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`);
      return;
    }
    sockets.handleUpgrade(request, socket, head, (ws) => accepted.push({ ws, url: request.url ?? "", auth: request.headers.authorization, protocol: ws.protocol }));
  });
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  return {
    url,
    accepted,
    state,
    async close() {
      for (const { ws } of accepted) ws.terminate();
      sockets.close();
      http.closeAllConnections();
      await new Promise((resolve) => http.close(resolve));
    },
  };
}

async function eventually(check: () => void, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 10));
    }
  }
}

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function started(server: string, changes: Partial<AgentTunnelOptions> = {}) {
  const tunnel = new AgentTunnel({
    server,
    token: "node-token",
    node: "pi-1",
    accept: () => ({}),
    clock: realClock,
    random: () => 0.5,
    log,
    backoff: { initialMs: 50, maxMs: 200, jitter: 0.2 },
    ...changes,
  });
  const stop = new AbortController();
  const done = tunnel.run(stop.signal);
  cleanups.push(async () => {
    stop.abort();
    await done;
  });
  return { tunnel, stop, done };
}

describe("AgentTunnel", () => {
  it("dials the tunnel path with the node credential and subprotocol, and hands the connection to waiters", async () => {
    const server = await fakeServer();
    cleanups.push(() => server.close());
    const { tunnel } = await started(server.url);
    const mux = await tunnel.connected();
    expect(mux?.isShutDown).toBe(false);
    expect(tunnel.isConnected).toBe(true);
    expect(server.accepted).toHaveLength(1);
    expect(server.accepted[0]).toMatchObject({ url: `${TUNNEL_PATH}?node=pi-1`, auth: "Bearer node-token", protocol: TUNNEL_SUBPROTOCOL });
  });

  it("dials again after the connection is lost; streams of the old one end with a 503", async () => {
    const server = await fakeServer();
    cleanups.push(() => server.close());
    const { tunnel } = await started(server.url);
    const first = await tunnel.connected();
    const heard: unknown[] = [];
    first!.open({ kind: "watch", path: "/api/v1/pods" }, { closed: (status) => heard.push(status) });
    server.accepted[0]!.ws.terminate();
    await eventually(() => expect(server.accepted).toHaveLength(2));
    const second = await tunnel.connected();
    expect(second).not.toBe(first);
    expect(first!.isShutDown).toBe(true);
    expect(heard).toEqual([expect.objectContaining({ status: "Failure", code: 503, reason: "ServiceUnavailable" })]);
  });

  it("keeps trying while the server refuses, backing off, and connects once it accepts", async () => {
    const server = await fakeServer({ refuse: 503 });
    cleanups.push(() => server.close());
    const { tunnel } = await started(server.url);
    await new Promise((r) => setTimeout(r, 300));
    expect(tunnel.isConnected).toBe(false);
    server.state.refuse = undefined;
    expect(await tunnel.connected()).toBeDefined();
  });

  it("takes a tunnel that hears no ping for too long for dead, and dials again", async () => {
    const server = await fakeServer();
    cleanups.push(() => server.close());
    await started(server.url, { silenceTimeoutMs: 150 });
    await eventually(() => expect(server.accepted.length).toBeGreaterThanOrEqual(2));
  });

  it("stops when its signal aborts: the connection closes and waiters hear nothing came", async () => {
    const server = await fakeServer({ refuse: 503 });
    cleanups.push(() => server.close());
    const { tunnel, stop, done } = await started(server.url);
    const waiting = tunnel.connected();
    stop.abort();
    await done;
    expect(await waiting).toBeUndefined();
    expect(await tunnel.connected()).toBeUndefined();
  });
});
