import { describe, expect, it } from "vitest";
import { badRequest, StatusError } from "../../src/errors/status.js";
import { createLogger } from "../../src/log.js";
import type { WatchRequest } from "../../src/tunnel/control-message.js";
import { Channel } from "../../src/tunnel/protocol.js";
import { failed, succeeded, type StreamStatus } from "../../src/tunnel/stream-status.js";
import { TunnelMux } from "../../src/tunnel/tunnel-mux.js";
import type { WatchSink } from "../apiserver/rest/watch.js";
import { serveAgentWatch, watchQuery, type PrepareWatch } from "./serve-agent-watch.js";

const log = createLogger("silent");
const request: WatchRequest = { kind: "watch", path: "/api/v1/pods", fieldSelector: "spec.nodeName=pi-1", resourceVersion: "7", allowWatchBookmarks: true, timeoutSeconds: 300 };
const pod = (rv: string) => ({ apiVersion: "v1", kind: "Pod", metadata: { name: "web", namespace: "default", resourceVersion: rv } });

/** The agent's end of a tunnel whose server end serves watches with `prepare`; messages go across at once. `hold` keeps data unreleased. */
function agentEnd(prepare: PrepareWatch, hold = false) {
  let server: TunnelMux;
  let agent: TunnelMux;
  const bytes = (m: string | Uint8Array): [Uint8Array, boolean] => (typeof m === "string" ? [Buffer.from(m), false] : [m, true]);
  server = new TunnelMux({ send: (m) => agent.receive(...bytes(m)), close: () => undefined }, (watch, stream) => {
    if (watch.kind !== "watch") throw new Error("not a watch");
    return serveAgentWatch(prepare, watch, stream, log);
  });
  agent = new TunnelMux({ send: (m) => server.receive(...bytes(m)), close: () => undefined }, undefined, "agent");
  let text = "";
  let close: (status: StreamStatus) => void = () => undefined;
  const closed = new Promise<StreamStatus>((resolve) => (close = resolve));
  const stream = agent.open(request, {
    data(channel, payload, release) {
      if (channel === Channel.Stdout) text += Buffer.from(payload).toString("utf8");
      if (!hold) release();
    },
    closed: (status) => close(status),
  });
  return { stream, closed, text: () => text };
}

describe("serveAgentWatch", () => {
  it("asks for the watch as GET path?watch=1 with the request's parameters", () => {
    expect(watchQuery(request).toString()).toBe("watch=1&resourceVersion=7&fieldSelector=spec.nodeName%3Dpi-1&allowWatchBookmarks=true&timeoutSeconds=300");
    expect(watchQuery({ kind: "watch", path: "/api/v1/secrets" }).toString()).toBe("watch=1");
  });

  it("sends the events as JSON lines and closes with Success when the watch ends", async () => {
    const asked: Array<[string, string]> = [];
    const { closed, text } = agentEnd(async (path, query) => {
      asked.push([path, query.toString()]);
      return async (sink) => {
        sink.send({ type: "ADDED", object: pod("8") });
        sink.send({ type: "MODIFIED", object: pod("9") });
      };
    });
    expect(await closed).toEqual(succeeded);
    expect(asked).toEqual([["/api/v1/pods", watchQuery(request).toString()]]);
    expect(text()).toBe(`${JSON.stringify({ type: "ADDED", object: pod("8") })}\n${JSON.stringify({ type: "MODIFIED", object: pod("9") })}\n`);
  });

  it("closes with the refusal's Status, and with a 500 for anything else", async () => {
    const forbidden = new StatusError({ kind: "Status", apiVersion: "v1", metadata: {}, status: "Failure", code: 403, reason: "Forbidden", message: "no" });
    expect(await agentEnd(() => Promise.reject(forbidden)).closed).toEqual(failed(403, "Forbidden", "no"));
    expect(await agentEnd(() => Promise.reject(badRequest("invalid resourceVersion"))).closed).toMatchObject({ code: 400, message: "invalid resourceVersion" });
    expect(await agentEnd(() => Promise.reject(new Error("boom"))).closed).toEqual(failed(500, "InternalError", "watch /api/v1/pods failed"));
  });

  it("ends the watch when the agent closes the stream", async () => {
    let sink: WatchSink | undefined;
    let ended = false;
    const { stream } = agentEnd(async () => async (s) => {
      sink = s;
      await new Promise<void>((resolve) => s.closed.addEventListener("abort", () => resolve()));
      ended = true;
    });
    await new Promise((r) => setImmediate(r));
    expect(sink?.closed.aborted).toBe(false);
    stream.abort(failed(499, "ClientClosedRequest", "the watcher stopped"));
    await new Promise((r) => setImmediate(r));
    expect(ended).toBe(true);
  });

  it("stops the watch once an agent that does not read is far behind, dropping what waits for it", async () => {
    const big = { ...pod("1"), data: "x".repeat(1024 * 1024) };
    let accepted = 0;
    const { closed } = agentEnd(
      async () => async (sink) => {
        while (sink.send({ type: "MODIFIED", object: big })) accepted++;
      },
      true,
    );
    expect(await closed).toMatchObject({ status: "Failure", code: 503, reason: "ServiceUnavailable" });
    expect(accepted).toBeGreaterThanOrEqual(15);
    expect(accepted).toBeLessThanOrEqual(17);
  });
});
