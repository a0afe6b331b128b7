import type { Readable } from "node:stream";
import { z } from "zod";
import type { Logger } from "../../src/log.js";
import type { ExecRequest } from "../../src/tunnel/control-message.js";
import { Channel } from "../../src/tunnel/protocol.js";
import { exitCodeStatus } from "../../src/tunnel/stream-status.js";
import type { StreamListener, TunnelStream } from "../../src/tunnel/tunnel-stream.js";
import type { ExecSession } from "../runtime/container-runtime.js";
import { findExecContainer } from "./find-container.js";
import { runtimeFailure, type StreamRuntime } from "./stream-runtime.js";

const terminalSizeSchema = z.object({ Width: z.number().int().min(0).max(65535), Height: z.number().int().min(0).max(65535) });

type Stdin = { kind: "data"; payload: Uint8Array; release: () => void } | { kind: "end" };

/**
 * Runs a command in the pod's running container for the server: stdin,
 * stdout, stderr and terminal resizes over the stream's channels, and the
 * exit code as the final status (`exitCodeStatus`). Output is read from the
 * runtime only while the stream's window allows; stdin is granted back only
 * once the process took it. The server closing the stream ends the session.
 */
export function serveExec(runtime: StreamRuntime, log: Logger, request: ExecRequest, stream: TunnelStream): StreamListener {
  let session: ExecSession | undefined;
  let gone = false;
  // What arrives before the session is up waits for it, in order.
  const early: Stdin[] = [];
  let size: { Width: number; Height: number } | undefined;
  const outputs = new Set<Readable>();
  const paused = new Set<Readable>();
  const context = { pod: `${request.namespace}/${request.pod}`, container: request.container };

  const toStdin = (input: Stdin): void => {
    const stdin = session?.stdin;
    if (input.kind === "end") return void stdin?.end();
    if (!stdin || stdin.writableEnded) return input.release();
    stdin.write(input.payload, () => input.release());
  };

  const pump = (readable: Readable, channel: Channel): Promise<void> =>
    new Promise((resolve) => {
      outputs.add(readable);
      readable.on("data", (chunk: Buffer) => {
        if (!stream.write(channel, chunk)) {
          readable.pause();
          paused.add(readable);
        }
      });
      readable.once("end", resolve);
      readable.once("close", resolve);
      readable.once("error", (error) => {
        log.debug({ err: error, ...context }, "exec output failed");
        resolve();
      });
    });

  void (async () => {
    try {
      const found = await findExecContainer(runtime, request);
      if (gone) return;
      if (!found.ok) return stream.end(found.status);
      const { command, tty, stdin, stdout, stderr } = request;
      const opened = await runtime.exec(found.container.id, { command, tty, stdin, stdout, stderr });
      if (gone) return opened.close();
      session = opened;
      // A process that exits before reading all its input must not crash the agent.
      opened.stdin?.on("error", (error) => log.debug({ err: error, ...context }, "exec stdin failed"));
      if (size) await opened.resize(size.Width, size.Height);
      for (const input of early.splice(0)) toStdin(input);
      const pumped: Array<Promise<void>> = [];
      if (opened.stdout) pumped.push(pump(opened.stdout, Channel.Stdout));
      if (opened.stderr) pumped.push(pump(opened.stderr, Channel.Stderr));
      const code = await opened.exitCode;
      await Promise.all(pumped);
      stream.end(exitCodeStatus(code));
    } catch (error) {
      if (gone) return;
      log.warn({ err: error, ...context }, "exec failed");
      stream.end(runtimeFailure(error));
    }
  })();

  return {
    data(channel, payload, release) {
      if (channel === Channel.Stdin && request.stdin) {
        if (session) toStdin({ kind: "data", payload, release });
        else early.push({ kind: "data", payload, release });
        return;
      }
      if (channel === Channel.Resize && request.tty) resize(payload);
      release();
    },
    inputEnded() {
      if (session) toStdin({ kind: "end" });
      else early.push({ kind: "end" });
    },
    drain() {
      for (const readable of paused) readable.resume();
      paused.clear();
    },
    closed() {
      gone = true;
      session?.close();
      // Output held back for a reader that has gone is dropped, so nothing waits on it.
      for (const readable of outputs) readable.destroy();
    },
  };

  function resize(payload: Uint8Array): void {
    let value: unknown;
    try {
      value = JSON.parse(Buffer.from(payload).toString("utf8"));
    } catch {
      value = undefined;
    }
    const parsed = terminalSizeSchema.safeParse(value);
    if (!parsed.success) return log.debug(context, "exec: ignored a malformed terminal size");
    size = parsed.data;
    session?.resize(size.Width, size.Height).catch((error: unknown) => log.debug({ err: error, ...context }, "exec resize failed"));
  }
}
