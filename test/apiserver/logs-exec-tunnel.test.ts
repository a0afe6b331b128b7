import { request as httpsRequest } from "node:https";
import type { IncomingMessage } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import type { ApiObject } from "../../src/client/rest/rest-client.js";
import type { ResourceRef } from "../../src/client/rest/paths.js";
import { TUNNEL_PATH, TUNNEL_SUBPROTOCOL } from "../../src/tunnel/protocol.js";
import { ScriptedAgent } from "../support/scripted-agent.js";
import { useTestServer } from "../support/server-hooks.js";

// pods/log, pods/exec and the agent tunnel at the protocol level, against a
// real server: what kubectl does not show (option checks, the v5 frames,
// lost and replaced agents, back-pressure).
const pods: ResourceRef = { group: "", version: "v1", resource: "pods", namespaced: true };
const BIG_LOG_LINES = 8192;
const BIG_LINE = "b".repeat(4095);
const { server } = useTestServer();
let agent: ScriptedAgent;

const pod = (name: string, nodeName: string, containers: string[], annotations: Record<string, string> = {}): ApiObject => ({
  apiVersion: "v1",
  kind: "Pod",
  metadata: { name, annotations },
  spec: { nodeName, containers: containers.map((c) => ({ name: c, image: "skiff-test/busybox:1" })) },
});

const connectAgent = (node: string, logs: Record<string, string[]> = { main: ["hello"] }): Promise<ScriptedAgent> =>
  ScriptedAgent.connect({ ...server().admin, node, logs });

beforeAll(async () => {
  agent = await connectAgent("node-a", { main: ["a", "b"], sidecar: ["s"], big: Array.from({ length: BIG_LOG_LINES }, () => BIG_LINE) });
  for (const object of [
    pod("web", "node-a", ["main"]),
    pod("duo", "node-a", ["main", "sidecar"]),
    pod("annotated", "node-a", ["main", "sidecar"], { "kubectl.kubernetes.io/default-container": "sidecar" }),
    pod("big", "node-a", ["big"]),
    pod("lost", "node-lost", ["main"]),
    pod("moved", "node-moved", ["main"]),
  ]) {
    await server().client.create(pods, "default", object);
  }
});

afterAll(async () => {
  await agent?.close();
});

/** An HTTPS request with the admin token; `onResponse` may take over the body. */
function send(method: string, path: string, onResponse?: (response: IncomingMessage) => void): Promise<{ status: number; type: string; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpsRequest(`${server().admin.server}${path}`, { method, ca: server().admin.caPem, headers: { Authorization: `Bearer ${server().admin.token}` } });
    req.on("response", (response) => {
      onResponse?.(response);
      let body = "";
      response.on("data", (chunk: Buffer) => (body += chunk.toString()));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, type: response.headers["content-type"] ?? "", body }));
      response.on("error", reject);
    });
    req.on("error", reject);
    req.end();
  });
}

const logPath = (name: string, query = ""): string => `/api/v1/namespaces/default/pods/${name}/log${query ? `?${query}` : ""}`;
const messageOf = (body: string): string => (JSON.parse(body) as { message: string }).message;

/** A v5.channel.k8s.io client, as kubectl's: every message it gets, and its close. */
function execClient(name: string, query: string, protocol = "v5.channel.k8s.io") {
  const ws = new WebSocket(`${server().admin.server.replace("https", "wss")}/api/v1/namespaces/default/pods/${name}/exec?${query}`, protocol, {
    ca: server().admin.caPem,
    headers: { Authorization: `Bearer ${server().admin.token}` },
  });
  const frames: Array<{ channel: number; text: string }> = [];
  ws.on("message", (data: Buffer) => frames.push({ channel: data[0]!, text: data.subarray(1).toString() }));
  const opened = new Promise<void>((resolve, reject) => {
    ws.once("open", () => resolve());
    ws.once("unexpected-response", (_req, response: IncomingMessage) => {
      let body = "";
      response.on("data", (chunk: Buffer) => (body += chunk.toString()));
      response.on("end", () => reject(new Error(`${response.statusCode} ${messageOf(body)}`)));
    });
  });
  const closed = new Promise<number>((resolve) => ws.once("close", (code) => resolve(code)));
  const status = (): unknown => JSON.parse(frames.find((f) => f.channel === 3)?.text ?? "null");
  return { ws, frames, opened, closed, status, send: (channel: number, text: string) => ws.send(Buffer.concat([Buffer.from([channel]), Buffer.from(text)])) };
}

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let waited = 0; !condition(); waited += 20) {
    if (waited > 10_000) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe("pods/log", () => {
  it("answers text/plain", async () => {
    expect(await send("GET", logPath("web"))).toEqual({ status: 200, type: "text/plain", body: "a\nb\n" });
  });

  it("answers 400 for an option it cannot read and 422 for one out of bounds", async () => {
    const unreadable = await send("GET", logPath("web", "tailLines=ten"));
    expect([unreadable.status, messageOf(unreadable.body)]).toEqual([400, 'strconv.ParseInt: parsing "ten": invalid syntax']);
    const negative = await send("GET", logPath("web", "tailLines=-1"));
    expect([negative.status, messageOf(negative.body)]).toEqual([422, 'PodLogOptions "web" is invalid: tailLines: Invalid value: -1: must be greater than or equal to 0']);
  });

  it("answers 404 for a missing pod", async () => {
    const missing = await send("GET", logPath("ghost"));
    expect([missing.status, messageOf(missing.body)]).toEqual([404, 'pods "ghost" not found']);
  });

  it("needs a container named when the pod has several, unless one is annotated as the default", async () => {
    const several = await send("GET", logPath("duo"));
    expect([several.status, messageOf(several.body)]).toEqual([400, "a container name must be specified for pod duo, choose one of: [main sidecar]"]);
    expect((await send("GET", logPath("annotated"))).body).toBe("s\n");
  });

  it("answers only GET", async () => {
    expect((await send("POST", logPath("web"))).status).toBe(405);
  });

  it("holds the agent back while the client does not read", async () => {
    let response!: IncomingMessage;
    const answer = send("GET", logPath("big"), (r) => {
      response = r;
      r.pause();
    });
    await until(() => response !== undefined, "the log response");
    const stream = agent.streams.at(-1)!.stream;
    const total = BIG_LOG_LINES * (BIG_LINE.length + 1);
    // What the server took is bounded by its window and the sockets' buffers, not by the log.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(stream.pendingBytes).toBeGreaterThan(total / 2);
    response.resume();
    expect((await answer).body.length).toBe(total);
    expect(stream.closed).toBe(true);
  });
});

describe("pods/exec over v5.channel.k8s.io", () => {
  it("speaks v5: the subprotocol, an empty first frame, stdin to the command, its Status, then close 1000", async () => {
    const client = execClient("web", "command=cat&stdin=true&stdout=true&stderr=true");
    await client.opened;
    expect(client.ws.protocol).toBe("v5.channel.k8s.io");
    const pong = new Promise((resolve) => client.ws.once("pong", resolve));
    client.ws.ping();
    await pong;
    client.send(0, "ping me back\n");
    client.send(255, "\u0000");
    expect(await client.closed).toBe(1000);
    expect(client.frames[0]).toEqual({ channel: 1, text: "" });
    expect(client.frames.filter((f) => f.channel === 1).map((f) => f.text).join("")).toBe("ping me back\n");
    expect(client.status()).toEqual({ metadata: {}, status: "Success" });
  });

  it("passes terminal sizes on under a TTY, and drops malformed ones", async () => {
    const client = execClient("web", "command=cat&stdin=true&stdout=true&tty=true");
    await client.opened;
    client.send(4, '{"Width":120,"Height":40}');
    client.send(4, "not a size");
    client.send(0, "typed");
    client.send(255, "\u0000");
    await client.closed;
    const seen = agent.streams.at(-1)!;
    expect(seen.request).toMatchObject({ kind: "exec", tty: true, stderr: false });
    expect(seen.received).toEqual([
      { channel: 4, text: '{"Width":120,"Height":40}' },
      { channel: 0, text: "typed" },
    ]);
  });

  it("refuses a client that does not offer v5", async () => {
    const client = execClient("web", "command=cat&stdout=true", "v4.channel.k8s.io");
    await expect(client.opened).rejects.toThrow("400 requested protocol(s) are not supported: [v4.channel.k8s.io]; supports [v5.channel.k8s.io]");
  });

  it("answers a plain GET that is not upgraded with 400", async () => {
    const plain = await send("GET", "/api/v1/namespaces/default/pods/web/exec?command=ls&stdout=true");
    expect([plain.status, messageOf(plain.body)]).toEqual([400, "exec needs an upgrade to WebSocket with subprotocol v5.channel.k8s.io"]);
  });

  it("closes the stream to the agent when the client goes", async () => {
    const before = agent.streams.length;
    const client = execClient("web", "command=cat&stdin=true&stdout=true");
    await client.opened;
    await until(() => agent.streams.length > before, "the exec stream");
    const seen = agent.streams.at(-1)!;
    client.ws.terminate();
    await until(() => seen.closedByServer !== undefined, "the stream's close");
    expect(seen.closedByServer).toMatchObject({ status: "Failure", reason: "ClientClosedRequest" });
  });

  it("holds the command back while the client does not read", async () => {
    const size = 32 * 1024 * 1024;
    const client = execClient("web", `command=flood&command=${size}&stdout=true`);
    await client.opened;
    client.ws.pause();
    await new Promise((resolve) => setTimeout(resolve, 300));
    const seen = agent.streams.at(-1)!;
    expect(seen.request).toMatchObject({ command: ["flood", String(size)] });
    expect(seen.stream.closed).toBe(false);
    client.ws.resume();
    await client.closed;
    expect(client.frames.filter((f) => f.channel === 1).reduce((sum, f) => sum + f.text.length, 0)).toBe(size);
    expect(client.status()).toEqual({ metadata: {}, status: "Success" });
  });
});

describe("the agent tunnel", () => {
  const connectUrl = (query: string): string => `${server().admin.server.replace("https", "wss")}${TUNNEL_PATH}${query}`;
  const refusal = (url: string, protocol: string | undefined, token: string | undefined): Promise<string> =>
    new Promise((resolve) => {
      const ws = new WebSocket(url, protocol ?? [], { ca: server().admin.caPem, headers: token ? { Authorization: `Bearer ${token}` } : {} });
      ws.once("open", () => resolve("opened"));
      ws.once("unexpected-response", (_req, response: IncomingMessage) => {
        let body = "";
        response.on("data", (chunk: Buffer) => (body += chunk.toString()));
        response.on("end", () => resolve(`${response.statusCode} ${messageOf(body)}`));
      });
    });

  it("needs a credential, a node name and its subprotocol", async () => {
    expect(await refusal(connectUrl("?node=n9"), TUNNEL_SUBPROTOCOL, undefined)).toBe("401 Unauthorized");
    expect(await refusal(connectUrl(""), TUNNEL_SUBPROTOCOL, server().admin.token)).toMatch(/^400 the node query parameter is required/);
    expect(await refusal(connectUrl("?node=n9"), "v5.channel.k8s.io", server().admin.token)).toBe(
      "400 the agent tunnel speaks the v1.tunnel.skiff.dev subprotocol only",
    );
  });

  it("ends open streams with a clear error when the agent goes", async () => {
    const lostAgent = await connectAgent("node-lost");
    const client = execClient("lost", "command=cat&stdin=true&stdout=true");
    await client.opened;
    await until(() => lostAgent.streams.length === 1, "the exec stream");
    await lostAgent.close();
    expect(await client.closed).toBe(1000);
    expect(client.status()).toEqual({
      metadata: {},
      status: "Failure",
      code: 503,
      reason: "ServiceUnavailable",
      message: 'the connection to the agent of node "node-lost" was lost',
    });
  });

  it("lets a node's newer connection replace the older one", async () => {
    const older = await connectAgent("node-moved", { main: ["from the older"] });
    let following!: IncomingMessage;
    const followed = send("GET", logPath("moved", "follow=true"), (r) => (following = r)).catch((error: Error) => error.message);
    await until(() => older.streams.length === 1, "the follow stream");

    const newer = await connectAgent("node-moved", { main: ["from the newer"] });
    await until(() => older.disconnected, "the older connection's end");
    // Output had begun, so the cut is the only way to tell the client.
    expect(await followed).toBe("aborted");
    expect(following.complete).toBe(false);
    expect((await send("GET", logPath("moved"))).body).toBe("from the newer\n");
    await newer.close();
  });
});
