import { afterEach, describe, expect, it } from "vitest";
import { WebSocket, WebSocketServer } from "ws";
import { FakeClock } from "../../src/clock.js";
import { StatusError } from "../../src/errors/status.js";
import { createLogger } from "../../src/log.js";
import type { LogRequest } from "../../src/tunnel/control-message.js";
import { CloseCode } from "../../src/tunnel/protocol.js";
import type { StreamStatus } from "../../src/tunnel/stream-status.js";
import { AgentTunnels } from "./agent-tunnels.js";

// Real WebSockets on loopback, a fake clock for the pings.
const log = createLogger("silent");
const request: LogRequest = { kind: "log", namespace: "default", pod: "web", uid: "u", container: "main", follow: true, previous: false, timestamps: false };

let wss: WebSocketServer | undefined;
const clients: WebSocket[] = [];

afterEach(async () => {
  for (const client of clients.splice(0)) client.terminate();
  await new Promise((resolve) => wss?.close(resolve));
  wss = undefined;
});

/** Connects an agent-side socket and attaches the server side to `tunnels` as `node`. */
async function connect(tunnels: AgentTunnels, node: string, options: { autoPong?: boolean } = {}): Promise<WebSocket> {
  wss ??= await new Promise<WebSocketServer>((resolve) => {
    const server: WebSocketServer = new WebSocketServer({ host: "127.0.0.1", port: 0 }, () => resolve(server));
  });
  const attached = new Promise<void>((resolve) =>
    wss!.once("connection", (ws) => {
      tunnels.attach(node, ws);
      resolve();
    }),
  );
  const address = wss.address() as { port: number };
  const client = new WebSocket(`ws://127.0.0.1:${address.port}`, { autoPong: options.autoPong ?? true });
  clients.push(client);
  await attached;
  await new Promise((resolve) => (client.readyState === WebSocket.OPEN ? resolve(undefined) : client.once("open", resolve)));
  return client;
}

async function until(condition: () => boolean): Promise<void> {
  for (let waited = 0; !condition(); waited += 10) {
    if (waited > 2000) throw new Error("condition not met in 2 s");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const closeOf = (ws: WebSocket): Promise<number> => new Promise((resolve) => ws.once("close", (code) => resolve(code)));
const textMessage = (ws: WebSocket): Promise<unknown> =>
  new Promise((resolve) => ws.once("message", (data: Buffer) => resolve(JSON.parse(data.toString()))));

describe("AgentTunnels", () => {
  it("opens streams to a connected node only, and 503 for the others", async () => {
    const tunnels = new AgentTunnels({ log, clock: new FakeClock() });
    const client = await connect(tunnels, "n1");
    const opened = textMessage(client);
    tunnels.open("n1", request, {});
    expect(await opened).toEqual({ type: "open", id: 1, ...request });

    expect(tunnels.isConnected("n2")).toBe(false);
    const refusal = (() => {
      try {
        tunnels.open("n2", request, {});
      } catch (error) {
        return error;
      }
    })();
    expect(refusal).toBeInstanceOf(StatusError);
    expect((refusal as StatusError).status).toMatchObject({ code: 503, message: 'the agent of node "n2" is not connected to this server' });
    tunnels.close();
  });

  it("replaces a node's connection with its newer one, ending the older one's streams", async () => {
    const tunnels = new AgentTunnels({ log, clock: new FakeClock() });
    const first = await connect(tunnels, "n1");
    const ended: StreamStatus[] = [];
    tunnels.open("n1", request, { closed: (status) => ended.push(status) });
    const firstClosed = closeOf(first);

    const second = await connect(tunnels, "n1");
    expect(await firstClosed).toBe(CloseCode.Replaced);
    expect(ended).toEqual([{ status: "Failure", code: 503, reason: "ServiceUnavailable", message: 'the agent of node "n1" reconnected' }]);

    const opened = textMessage(second);
    tunnels.open("n1", request, {});
    expect(await opened).toMatchObject({ type: "open", id: 1 });
    tunnels.close();
  });

  it("ends a node's streams when its connection goes, and forgets the node", async () => {
    const tunnels = new AgentTunnels({ log, clock: new FakeClock() });
    const client = await connect(tunnels, "n1");
    const ended = new Promise<StreamStatus>((resolve) => tunnels.open("n1", request, { closed: resolve }));
    client.close();
    expect(await ended).toEqual({ status: "Failure", code: 503, reason: "ServiceUnavailable", message: 'the connection to the agent of node "n1" was lost' });
    expect(tunnels.isConnected("n1")).toBe(false);
  });

  it("cuts a tunnel that misses a pong, and keeps one that answers", async () => {
    const clock = new FakeClock();
    const tunnels = new AgentTunnels({ log, clock, pingIntervalMs: 1000 });
    const silent = await connect(tunnels, "silent", { autoPong: false });
    const answering = await connect(tunnels, "answering");
    const pinged = new Promise((resolve) => silent.once("ping", resolve));
    const answered = new Promise((resolve) => answering.once("ping", resolve));
    clock.advance(1000);
    await Promise.all([pinged, answered]);
    // Let the pong travel back before the next round.
    await new Promise((resolve) => setTimeout(resolve, 50));
    const silentClosed = closeOf(silent);
    clock.advance(1000);
    expect(await silentClosed).toBe(1006);
    await until(() => !tunnels.isConnected("silent"));
    expect(tunnels.isConnected("answering")).toBe(true);
    tunnels.close();
  });

  it("closes every tunnel when the server stops", async () => {
    const tunnels = new AgentTunnels({ log, clock: new FakeClock() });
    const client = await connect(tunnels, "n1");
    const closed = closeOf(client);
    tunnels.close();
    expect(await closed).toBe(CloseCode.GoingAway);
    expect(tunnels.isConnected("n1")).toBe(false);
  });
});
