import type { Readable } from "node:stream";

/**
 * Where a client command reads and writes, and what stops a command that runs until
 * it is interrupted (`get -w`): the process's streams and Ctrl-C in the
 * `skiff` binary, buffers and an AbortController in tests.
 */
export interface CommandIo {
  stdout: TextSink;
  stderr: TextSink;
  /** What `exec -i` sends to the command; process.stdin when absent. */
  stdin?: Readable;
  /** Stops a long-running command; without one, the command listens for SIGINT and SIGTERM itself. */
  interrupt?: AbortSignal;
}

export interface TextSink {
  write(text: string): unknown;
}

/** The process's own streams. */
export const processIo: CommandIo = { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin };

/**
 * The signal that ends a long-running command: the one given, or one that
 * SIGINT/SIGTERM abort (listened for only from now on, so that commands that
 * do not run long keep Ctrl-C's default of ending the process at once).
 */
export function interruptSignal(io: CommandIo): AbortSignal {
  if (io.interrupt) return io.interrupt;
  const controller = new AbortController();
  const stop = (): void => controller.abort();
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  controller.signal.addEventListener("abort", () => {
    process.off("SIGINT", stop);
    process.off("SIGTERM", stop);
  });
  return controller.signal;
}
