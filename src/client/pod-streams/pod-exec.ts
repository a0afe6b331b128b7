import type { IncomingMessage } from "node:http";
import type { Readable } from "node:stream";
import { WebSocket } from "ws";
import type { ClientConfig } from "../rest/client-config.js";
import { resourcePath, withQuery } from "../rest/paths.js";
import { statusErrorFrom } from "../rest/status-from-response.js";
import { decodeFrame, encodeFrame, EXEC_SUBPROTOCOL, ExecChannel, execOutcomeOf, failedWith, stdinClosedFrame, type ExecOutcome } from "./exec-protocol.js";

/** What to run, and which streams to attach. */
export interface ExecOptions {
  namespace: string;
  pod: string;
  /** Empty: the server picks the pod's default container. */
  container: string;
  command: readonly string[];
  tty: boolean;
}

/** A terminal's size, as v5's resize channel carries it. */
export interface TerminalSize {
  Width: number;
  Height: number;
}

/** Where a session reads and writes. */
export interface ExecStreams {
  /** Sent on channel 0 until it ends; absent: the command gets no stdin. */
  stdin?: Readable;
  stdout(chunk: Buffer): void;
  stderr(chunk: Buffer): void;
  /** With a TTY: the size now, and changes as they come. Returns a function that stops listening. */
  terminalSize?: { current(): TerminalSize; onChange(listener: () => void): () => void };
  /** Closes the session early (the outcome is then a failure). */
  signal?: AbortSignal;
}

const podsRef = { group: "", version: "v1", resource: "pods", namespaced: true };

/** The exec URL path, with the query kubectl sends (false flags left out, as kubectl does). */
export function execPath(options: ExecOptions, stdin: boolean): string {
  return withQuery(resourcePath(podsRef, options.namespace, options.pod, "exec"), {
    command: [...options.command],
    container: options.container === "" ? undefined : options.container,
    stderr: options.tty ? undefined : "true",
    stdin: stdin ? "true" : undefined,
    stdout: "true",
    tty: options.tty ? "true" : undefined,
  });
}

/**
 * Runs a command in a pod's container over `pods/exec` upgraded to a
 * WebSocket (v5.channel.k8s.io), with the connection's CA and credentials.
 * Resolves with how the command ended; a refused upgrade is a failure
 * carrying the server's Status.
 */
export function execInPod(config: ClientConfig, options: ExecOptions, streams: ExecStreams): Promise<ExecOutcome> {
  const url = `${config.server.replace(/^http/, "ws")}${execPath(options, streams.stdin !== undefined)}`;
  const ws = new WebSocket(url, EXEC_SUBPROTOCOL, {
    ...(config.caPem ? { ca: config.caPem } : {}),
    ...(config.clientCertPem ? { cert: config.clientCertPem, key: config.clientKeyPem } : {}),
    ...(config.token ? { headers: { Authorization: `Bearer ${config.token}` } } : {}),
  });
  return new Promise((resolve) => {
    let outcome: ExecOutcome | undefined;
    const cleanups: Array<() => void> = [];
    const settle = (result: ExecOutcome): void => {
      outcome ??= result;
    };
    const finish = (): void => {
      for (const cleanup of cleanups) cleanup();
      resolve(outcome ?? { kind: "succeeded" });
    };

    ws.once("unexpected-response", (_request, response) => {
      void refusal(response).then((result) => {
        settle(result);
        ws.terminate();
      });
    });
    ws.on("error", (error) => {
      settle(failedWith(503, "ServiceUnavailable", `unable to upgrade connection: ${error.message}`));
      // "close" follows an error and finishes the session.
    });
    ws.on("open", () => {
      if (ws.protocol !== EXEC_SUBPROTOCOL) {
        settle(failedWith(400, "BadRequest", `the server chose subprotocol "${ws.protocol}", not ${EXEC_SUBPROTOCOL}`));
        ws.close(1000);
        return;
      }
      if (streams.stdin) cleanups.push(pumpStdin(ws, streams.stdin));
      if (options.tty && streams.terminalSize) cleanups.push(sendResizes(ws, streams.terminalSize));
    });
    ws.on("message", (data, isBinary) => {
      const frame = isBinary ? decodeFrame(toBuffer(data)) : undefined;
      if (!frame) return;
      if (frame.channel === ExecChannel.Stdout) streams.stdout(frame.payload);
      else if (frame.channel === ExecChannel.Stderr) streams.stderr(frame.payload);
      else if (frame.channel === ExecChannel.Error) settle(execOutcomeOf(frame.payload));
    });
    ws.on("close", (code, reason) => {
      // A session the server ends normally without a Status succeeded, as in
      // client-go; any other end without one is a broken connection.
      if (code !== 1000) settle(failedWith(503, "ServiceUnavailable", `the exec connection was lost (${code}${reason.length ? `: ${reason.toString()}` : ""})`));
      finish();
    });

    if (streams.signal) {
      const abort = (): void => {
        settle(failedWith(499, "ClientClosedRequest", "the exec session was interrupted"));
        ws.close(1000);
      };
      if (streams.signal.aborted) abort();
      else {
        streams.signal.addEventListener("abort", abort, { once: true });
        cleanups.push(() => streams.signal?.removeEventListener("abort", abort));
      }
    }
  });
}

/** The failure for a refused upgrade: the server's Status from the plain HTTP answer. */
async function refusal(response: IncomingMessage): Promise<ExecOutcome> {
  const chunks: Buffer[] = [];
  try {
    for await (const chunk of response as AsyncIterable<Buffer>) chunks.push(chunk);
  } catch {
    // a cut-off body still leaves the status code to report
  }
  return { kind: "failed", error: statusErrorFrom(response.statusCode ?? 0, Buffer.concat(chunks)) };
}

/** The largest stdin payload per message: servers cap message sizes (and kubectl reads stdin in pieces this size). */
export const MAX_STDIN_FRAME_BYTES = 32 * 1024;

/** Copies stdin to channel 0, pausing while the socket is behind; `[255, 0]` at its end. */
function pumpStdin(ws: WebSocket, stdin: Readable): () => void {
  const onData = (chunk: Buffer | string): void => {
    const bytes = typeof chunk === "string" ? Buffer.from(chunk) : chunk;
    if (ws.readyState !== WebSocket.OPEN || bytes.length === 0) return;
    stdin.pause();
    for (let at = 0; at < bytes.length; at += MAX_STDIN_FRAME_BYTES) {
      const last = at + MAX_STDIN_FRAME_BYTES >= bytes.length;
      // Resumed once the last piece is written out: the socket's pace is stdin's.
      ws.send(encodeFrame(ExecChannel.Stdin, bytes.subarray(at, at + MAX_STDIN_FRAME_BYTES)), () => {
        if (last && ws.readyState === WebSocket.OPEN) stdin.resume();
      });
    }
  };
  const onEnd = (): void => {
    if (ws.readyState === WebSocket.OPEN) ws.send(stdinClosedFrame);
  };
  stdin.on("data", onData);
  stdin.once("end", onEnd);
  stdin.resume();
  return () => {
    stdin.off("data", onData);
    stdin.off("end", onEnd);
    // Stop reading so that a command that ended before its input does not keep the process alive.
    stdin.pause();
  };
}

function sendResizes(ws: WebSocket, size: NonNullable<ExecStreams["terminalSize"]>): () => void {
  const send = (): void => {
    if (ws.readyState === WebSocket.OPEN) ws.send(encodeFrame(ExecChannel.Resize, Buffer.from(JSON.stringify(size.current()))));
  };
  send();
  return size.onChange(send);
}

function toBuffer(data: WebSocket.RawData): Buffer {
  if (Buffer.isBuffer(data)) return data;
  return Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data);
}
