import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import type { WebSocket, WebSocketServer } from "ws";

/**
 * Completes a WebSocket handshake. Resolves undefined when the handshake
 * fails: ws then answers the client itself and never calls back, so the
 * socket's close is what ends the wait.
 */
export function acceptWebSocket(server: WebSocketServer, request: IncomingMessage, socket: Duplex, head: Buffer): Promise<WebSocket | undefined> {
  return new Promise((resolve) => {
    const refused = (): void => resolve(undefined);
    socket.once("close", refused);
    server.handleUpgrade(request, socket, head, (ws) => {
      socket.off("close", refused);
      resolve(ws);
    });
  });
}
