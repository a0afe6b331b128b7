import type { Duplex } from "node:stream";
import type { WebSocket } from "ws";
import type { Status } from "../../../src/errors/status.js";
import type { WatchSink } from "../rest/watch.js";
import { maxPendingWatchBytes } from "./watch-stream.js";

/** Serves a watch over an open WebSocket: one JSON event per text message. */
export async function serveWebSocketWatch(run: (sink: WatchSink) => Promise<void>, ws: WebSocket): Promise<void> {
  const closed = new AbortController();
  ws.on("close", () => closed.abort());
  ws.on("error", () => closed.abort());
  // Clients may send nothing on a watch socket; anything they send is ignored.
  ws.on("message", () => undefined);
  const sink: WatchSink = {
    closed: closed.signal,
    send(event) {
      if (ws.readyState !== ws.OPEN) return false;
      ws.send(JSON.stringify(event));
      return ws.bufferedAmount <= maxPendingWatchBytes;
    },
  };
  try {
    await run(sink);
  } finally {
    if (ws.readyState === ws.OPEN) ws.close(1000);
  }
}

/** Answers a refused upgrade as plain HTTP with the Status, then closes the socket. */
export function refuseUpgrade(socket: Duplex, status: Status): void {
  const body = JSON.stringify(status);
  socket.end(
    `HTTP/1.1 ${status.code} ${status.reason ?? "Error"}\r\n` +
      "Content-Type: application/json\r\n" +
      `Content-Length: ${Buffer.byteLength(body)}\r\n` +
      "Connection: close\r\n\r\n" +
      body,
  );
}
