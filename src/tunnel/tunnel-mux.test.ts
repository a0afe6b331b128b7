import { describe, expect, it } from "vitest";
import type { ExecRequest, LogRequest, StreamRequest, WatchRequest } from "./control-message.js";
import { encodeDataFrame } from "./data-frame.js";
import { Channel, CloseCode, FIRST_AGENT_STREAM_ID, INITIAL_WINDOW_BYTES, MAX_FRAME_PAYLOAD_BYTES } from "./protocol.js";
import { exitCodeStatus, failed, succeeded, type StreamStatus } from "./stream-status.js";
import { TunnelMux, type AcceptStream } from "./tunnel-mux.js";
import type { StreamListener, TunnelStream } from "./tunnel-stream.js";

type Message = { data: Uint8Array; isBinary: boolean };

/** Two multiplexers joined by queues that a test delivers by hand, as a WebSocket would, later. */
function joined(accept: AcceptStream, serverAccept?: AcceptStream) {
  const toAgent: Message[] = [];
  const toServer: Message[] = [];
  const closes: Array<{ side: string; code: number; reason: string }> = [];
  const transport = (queue: Message[], side: string) => ({
    send: (m: string | Uint8Array) => queue.push(typeof m === "string" ? { data: Buffer.from(m), isBinary: false } : { data: m, isBinary: true }),
    close: (code: number, reason: string) => closes.push({ side, code, reason }),
  });
  const server = new TunnelMux(transport(toAgent, "server"), serverAccept);
  const agent = new TunnelMux(transport(toServer, "agent"), accept, "agent");
  /** Delivers every queued message, and what they cause, until both queues are empty. */
  const pump = (): void => {
    while (toAgent.length + toServer.length > 0) {
      for (const m of toAgent.splice(0)) agent.receive(m.data, m.isBinary);
      for (const m of toServer.splice(0)) server.receive(m.data, m.isBinary);
    }
  };
  return { server, agent, toAgent, toServer, closes, pump };
}

const pod = { namespace: "default", pod: "web", uid: "u-1", container: "main" };
const logRequest: LogRequest = { kind: "log", ...pod, follow: false, previous: false, timestamps: false };
const watchRequest: WatchRequest = { kind: "watch", path: "/api/v1/pods", fieldSelector: "spec.nodeName=pi-1", resourceVersion: "5" };
const execRequest: ExecRequest = { kind: "exec", ...pod, command: ["cat"], stdin: true, stdout: true, stderr: true, tty: false };
const text = (bytes: Uint8Array): string => Buffer.from(bytes).toString("utf8");

/** A listener that records everything; releases at once unless `hold` is set. */
function recorder(hold = false) {
  const heard = {
    data: [] as Array<{ channel: number; text: string }>,
    held: [] as Array<() => void>,
    bytes: 0,
    inputEnded: 0,
    drains: 0,
    closed: [] as StreamStatus[],
  };
  const listener: StreamListener = {
    data(channel, payload, release) {
      heard.data.push({ channel, text: text(payload) });
      heard.bytes += payload.length;
      if (hold) heard.held.push(release);
      else release();
    },
    inputEnded: () => void heard.inputEnded++,
    drain: () => void heard.drains++,
    closed: (status) => void heard.closed.push(status),
  };
  return { heard, listener };
}

describe("TunnelMux", () => {
  it("opens a stream at the other end with the request, and carries data both ways", () => {
    const seen: StreamRequest[] = [];
    const agentSide = recorder();
    let agentStream: TunnelStream | undefined;
    const { server, pump } = joined((request, stream) => {
      seen.push(request);
      agentStream = stream;
      return agentSide.listener;
    });
    const serverSide = recorder();
    const stream = server.open(execRequest, serverSide.listener);
    pump();
    expect(seen).toEqual([execRequest]);
    expect(agentStream?.id).toBe(stream.id);

    stream.write(Channel.Stdin, Buffer.from("hello"));
    agentStream!.write(Channel.Stdout, Buffer.from("HELLO"));
    agentStream!.write(Channel.Stderr, Buffer.from("warn"));
    pump();
    expect(agentSide.heard.data).toEqual([{ channel: Channel.Stdin, text: "hello" }]);
    expect(serverSide.heard.data).toEqual([
      { channel: Channel.Stdout, text: "HELLO" },
      { channel: Channel.Stderr, text: "warn" },
    ]);
  });

  it("keeps streams apart and numbers them from 1", () => {
    const byId = new Map<number, ReturnType<typeof recorder>>();
    const { server, pump } = joined((_request, stream) => {
      const r = recorder();
      byId.set(stream.id, r);
      return r.listener;
    });
    const a = server.open(logRequest, {});
    const b = server.open(execRequest, {});
    expect([a.id, b.id]).toEqual([1, 2]);
    pump();
    b.write(Channel.Stdin, Buffer.from("to b"));
    a.write(Channel.Stdin, Buffer.from("to a"));
    pump();
    expect(byId.get(1)?.heard.data).toEqual([{ channel: Channel.Stdin, text: "to a" }]);
    expect(byId.get(2)?.heard.data).toEqual([{ channel: Channel.Stdin, text: "to b" }]);
  });

  it("ends stdin after the data written before it", () => {
    const agentSide = recorder();
    const { server, pump } = joined(() => agentSide.listener);
    const stream = server.open(execRequest, {});
    stream.write(Channel.Stdin, Buffer.from("last words"));
    stream.endInput();
    pump();
    expect(agentSide.heard.data).toEqual([{ channel: Channel.Stdin, text: "last words" }]);
    expect(agentSide.heard.inputEnded).toBe(1);
  });

  it("closes with the final status after all output, and forgets the stream at both ends", () => {
    const serverSide = recorder();
    const { server, agent, pump } = joined((_request, stream) => {
      stream.write(Channel.Stdout, Buffer.from("bye\n"));
      stream.end(exitCodeStatus(3));
      return {};
    });
    server.open(execRequest, serverSide.listener);
    pump();
    expect(serverSide.heard.data).toEqual([{ channel: Channel.Stdout, text: "bye\n" }]);
    expect(serverSide.heard.closed).toEqual([
      {
        status: "Failure",
        reason: "NonZeroExitCode",
        message: "command terminated with non-zero exit code: command terminated with exit code 3",
        details: { causes: [{ reason: "ExitCode", message: "3" }] },
      },
    ]);
    expect(server.streamCount).toBe(0);
    expect(agent.streamCount).toBe(0);
  });

  it("stops the sender at the window until the receiver has passed the data on", () => {
    let agentStream!: TunnelStream;
    const agentSide = recorder();
    const { server, pump } = joined((_request, stream) => {
      agentStream = stream;
      return agentSide.listener;
    });
    const slow = recorder(true);
    server.open(logRequest, slow.listener);
    pump();

    const chunk = Buffer.alloc(MAX_FRAME_PAYLOAD_BYTES * 3, "x");
    let writes = 0;
    while (agentStream.write(Channel.Stdout, chunk)) writes++;
    pump();
    // Everything written up to the window arrived; the rest waits at the sender.
    expect(slow.heard.bytes).toBe(INITIAL_WINDOW_BYTES);
    expect(agentStream.pendingBytes).toBe((writes + 1) * chunk.length - INITIAL_WINDOW_BYTES);

    // Passing on less than half a window grants nothing yet.
    slow.heard.held.splice(0, 2).forEach((release) => release());
    pump();
    expect(slow.heard.bytes).toBe(INITIAL_WINDOW_BYTES);

    // Passing on everything lets the rest through, and the writer hears it may go on.
    while (slow.heard.held.length > 0) {
      slow.heard.held.splice(0).forEach((release) => release());
      pump();
    }
    expect(slow.heard.bytes).toBe((writes + 1) * chunk.length);
    expect(agentStream.pendingBytes).toBe(0);
  });

  it("tells the writer when its queued output has gone out", () => {
    let agentStream!: TunnelStream;
    const agentSide = recorder();
    const { server, pump } = joined((_request, stream) => {
      agentStream = stream;
      return agentSide.listener;
    });
    server.open(logRequest, recorder().listener);
    pump();
    const drained: number[] = [];
    agentStream.listen({ drain: () => drained.push(agentStream.pendingBytes) });
    expect(agentStream.write(Channel.Stdout, Buffer.alloc(INITIAL_WINDOW_BYTES + 10))).toBe(false);
    pump();
    expect(drained).toEqual([0]);
  });

  it("sends a close written after queued output only once the output is out", () => {
    let agentStream!: TunnelStream;
    const { server, pump } = joined((_request, stream) => {
      agentStream = stream;
      return {};
    });
    const slow = recorder(true);
    server.open(logRequest, slow.listener);
    pump();
    agentStream.write(Channel.Stdout, Buffer.alloc(INITIAL_WINDOW_BYTES * 2, "y"));
    agentStream.end(succeeded);
    pump();
    expect(slow.heard.closed).toEqual([]);
    while (slow.heard.held.length > 0) {
      slow.heard.held.splice(0).forEach((release) => release());
      pump();
    }
    expect(slow.heard.bytes).toBe(INITIAL_WINDOW_BYTES * 2);
    expect(slow.heard.closed).toEqual([succeeded]);
  });

  it("aborts at once, dropping queued output, and the other end hears why", () => {
    const agentSide = recorder();
    const { server, agent, pump } = joined(() => agentSide.listener);
    const stream = server.open(execRequest, {});
    pump();
    stream.write(Channel.Stdin, Buffer.alloc(INITIAL_WINDOW_BYTES + 100));
    stream.abort(failed(499, "ClientClosed", "the client went away"));
    pump();
    expect(agentSide.heard.bytes).toBe(INITIAL_WINDOW_BYTES);
    expect(agentSide.heard.closed).toEqual([{ status: "Failure", code: 499, reason: "ClientClosed", message: "the client went away" }]);
    expect(stream.closed).toBe(true);
    expect(agent.streamCount).toBe(0);
  });

  it("drops data that arrives for a stream already closed here", () => {
    let agentStream!: TunnelStream;
    const { server, pump, closes } = joined((_request, stream) => {
      agentStream = stream;
      return {};
    });
    const serverSide = recorder();
    const stream = server.open(logRequest, serverSide.listener);
    pump();
    agentStream.write(Channel.Stdout, Buffer.from("late"));
    stream.abort(failed(499, "ClientClosed", "gone"));
    pump();
    expect(serverSide.heard.data).toEqual([]);
    expect(closes).toEqual([]);
  });

  it("ends every open stream with the given status when the connection goes", () => {
    const { server, pump } = joined(() => ({}));
    const first = recorder();
    const second = recorder();
    server.open(logRequest, first.listener);
    server.open(execRequest, second.listener);
    pump();
    const lost = failed(503, "ServiceUnavailable", 'the connection to the agent of node "n1" was lost');
    server.shutdown(lost);
    expect(first.heard.closed).toEqual([lost]);
    expect(second.heard.closed).toEqual([lost]);
    expect(server.isShutDown).toBe(true);
    expect(() => server.open(logRequest, {})).toThrow("shut down");
  });

  it("closes a stream whose accept throws with an InternalError", () => {
    const { server, pump } = joined(() => {
      throw new Error("runtime exploded");
    });
    const serverSide = recorder();
    server.open(logRequest, serverSide.listener);
    pump();
    expect(serverSide.heard.closed).toEqual([{ status: "Failure", code: 500, reason: "InternalError", message: "stream 1: runtime exploded" }]);
  });

  it("ends the connection on a protocol error, naming it, and fails the open streams", () => {
    const cases: Array<{ message: Message; reason: RegExp }> = [
      { message: { data: Buffer.from("{not json"), isBinary: false }, reason: /not JSON/ },
      { message: { data: Buffer.from('{"type":"resize","id":1}'), isBinary: false }, reason: /type/ },
      { message: { data: new Uint8Array([0, 0, 1]), isBinary: true }, reason: /header bytes/ },
      { message: { data: Buffer.from(JSON.stringify({ type: "open", id: 9, ...logRequest })), isBinary: false }, reason: /does not accept streams/ },
    ];
    for (const { message, reason } of cases) {
      const { server, closes } = joined(() => ({}));
      const open = recorder();
      server.open(logRequest, open.listener);
      server.receive(message.data, message.isBinary);
      expect(closes).toEqual([{ side: "server", code: CloseCode.ProtocolError, reason: expect.stringMatching(reason) }]);
      expect(open.heard.closed).toEqual([{ status: "Failure", code: 502, reason: "InternalError", message: expect.stringMatching(/^tunnel protocol error: /) }]);
    }
  });

  it("refuses a second open of the same stream id", () => {
    const { agent, closes } = joined(() => ({}));
    const open = Buffer.from(JSON.stringify({ type: "open", id: 4, ...logRequest }));
    agent.receive(open, false);
    agent.receive(open, false);
    expect(closes).toEqual([{ side: "agent", code: CloseCode.ProtocolError, reason: "stream 4 is already open" }]);
  });

  it("closes a stream whose peer sends past its window", () => {
    const agentSide = recorder(true);
    const { agent, toServer } = joined(() => agentSide.listener);
    agent.receive(Buffer.from(JSON.stringify({ type: "open", id: 1, ...execRequest })), false);
    agent.receive(encodeDataFrame(1, Channel.Stdin, new Uint8Array(INITIAL_WINDOW_BYTES)), true);
    agent.receive(encodeDataFrame(1, Channel.Stdin, new Uint8Array(1)), true);
    const overrun = { status: "Failure", code: 502, reason: "InternalError", message: "stream 1: the peer sent 1 bytes with 0 left in its window" };
    expect(agentSide.heard.closed).toEqual([overrun]);
    expect(toServer.map((m) => JSON.parse(text(m.data)) as unknown)).toEqual([{ type: "close", id: 1, status: overrun }]);
  });
});

describe("TunnelMux, streams the agent opens", () => {
  it("opens a watch at the server with an id from the agent's half, and carries its events back", () => {
    const seen: Array<{ request: StreamRequest; stream: TunnelStream }> = [];
    const { agent, pump } = joined(
      () => ({}),
      (request, stream) => {
        seen.push({ request, stream });
        return {};
      },
    );
    const agentSide = recorder();
    const first = agent.open(watchRequest, agentSide.listener);
    const second = agent.open({ ...watchRequest, path: "/api/v1/secrets" }, recorder().listener);
    pump();
    expect([first.id, second.id]).toEqual([FIRST_AGENT_STREAM_ID, FIRST_AGENT_STREAM_ID + 1]);
    expect(seen.map((s) => [s.request, s.stream.id])).toEqual([
      [watchRequest, first.id],
      [{ ...watchRequest, path: "/api/v1/secrets" }, second.id],
    ]);

    seen[0]!.stream.write(Channel.Stdout, Buffer.from('{"type":"ADDED"}\n'));
    seen[0]!.stream.end(succeeded);
    pump();
    expect(agentSide.heard.data).toEqual([{ channel: Channel.Stdout, text: '{"type":"ADDED"}\n' }]);
    expect(agentSide.heard.closed).toEqual([succeeded]);
    expect(first.closed).toBe(true);
    expect(second.closed).toBe(false);
  });

  it("lets each end open only its own kinds of stream", () => {
    const { server, agent } = joined(() => ({}));
    expect(() => server.open(watchRequest, {})).toThrow("the server does not open watch streams");
    expect(() => agent.open(logRequest, {})).toThrow("the agent does not open log streams");
  });

  it("ends the connection when the peer opens from the wrong half of the id space or the wrong kind", () => {
    const cases: Array<{ to: "server" | "agent"; open: object; reason: RegExp }> = [
      { to: "server", open: { type: "open", id: 1, ...watchRequest }, reason: /id is from this end's half/ },
      { to: "agent", open: { type: "open", id: FIRST_AGENT_STREAM_ID, ...logRequest }, reason: /id is from this end's half/ },
      { to: "server", open: { type: "open", id: FIRST_AGENT_STREAM_ID, ...execRequest }, reason: /the agent does not open exec streams/ },
      { to: "agent", open: { type: "open", id: 2, ...watchRequest }, reason: /the server does not open watch streams/ },
    ];
    for (const { to, open, reason } of cases) {
      const { server, agent, closes } = joined(
        () => ({}),
        () => ({}),
      );
      (to === "server" ? server : agent).receive(Buffer.from(JSON.stringify(open)), false);
      expect(closes).toEqual([{ side: to, code: CloseCode.ProtocolError, reason: expect.stringMatching(reason) }]);
    }
  });
});
