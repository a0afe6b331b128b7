import { PassThrough, type Duplex } from "node:stream";
import { RuntimeError, type ExecSession } from "../container-runtime.js";
import { FrameReader } from "./stream-frames.js";

export interface HijackedStreams {
  /** The engine's hijacked connection: stdin is written raw, output comes framed unless `tty`. */
  socket: Duplex;
  tty: boolean;
  stdin: boolean;
  stdout: boolean;
  stderr: boolean;
  resize(width: number, height: number): Promise<void>;
  /** Reads the exit code once the output ended. */
  exitCode(): Promise<number>;
}

/**
 * An ExecSession over a hijacked Docker connection (exec or attach). The
 * socket's output is split into stdout and stderr (or passed raw with a
 * TTY) with back-pressure: a consumer that stops reading stops the socket.
 * Ending `stdin` half-closes the connection, which closes the process's stdin.
 */
export function hijackedSession(streams: HijackedStreams): ExecSession {
  const { socket, tty } = streams;
  // Output nobody asked for is read and dropped, so it never holds the socket back.
  const stdout = streams.stdout || tty ? new PassThrough() : undefined;
  const stderr = streams.stderr && !tty ? new PassThrough() : undefined;
  let outputDone = false;
  let closedEarly = false;
  let ended: () => void = () => undefined;
  const outputEnded = new Promise<void>((resolve) => (ended = resolve));

  const finish = (): void => {
    outputDone = true;
    stdout?.end();
    stderr?.end();
    ended();
  };
  socket.on("end", finish);
  socket.on("close", finish);
  // A broken connection ends the output; the exit code says what happened.
  socket.on("error", finish);

  const frames = new FrameReader();
  socket.on("data", (chunk: Buffer) => {
    const pieces = tty ? [{ stream: "stdout" as const, payload: chunk }] : frames.push(chunk);
    for (const { stream, payload } of pieces) {
      const target = stream === "stderr" ? stderr : stdout;
      if (target && !target.write(payload)) {
        socket.pause();
        target.once("drain", () => socket.resume());
      }
    }
  });

  let stdin: PassThrough | undefined;
  if (streams.stdin) {
    stdin = new PassThrough();
    stdin.pipe(socket);
  }

  const exitCode = outputEnded.then(() => {
    if (closedEarly) throw new RuntimeError("exec", "the session was closed before the process ended");
    return streams.exitCode();
  });
  // Whoever holds the session may never ask for the code; its failure is theirs to see when they do.
  exitCode.catch(() => undefined);

  return {
    stdin,
    stdout,
    stderr,
    resize: (width, height) => streams.resize(width, height),
    exitCode,
    close() {
      if (outputDone) return;
      closedEarly = true;
      socket.destroy();
      finish();
    },
  };
}
