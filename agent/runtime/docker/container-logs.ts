import type Docker from "dockerode";
import type { LogOptions, LogSink } from "../container-runtime.js";
import { toRuntimeError } from "./docker-errors.js";
import { dockerGetStream } from "./docker-stream.js";
import { TimestampRewriter } from "./log-timestamps.js";
import { FrameReader, type Frame } from "./stream-frames.js";

/** Docker's `since`: seconds since the epoch, with a fraction. */
function dockerSince(since: Date): string {
  return (since.getTime() / 1000).toFixed(3);
}

/**
 * Copies a container's log into `out`: demultiplexed into stdout and stderr
 * (a TTY's log is one raw stream, reported as stdout), timestamps in the
 * kubelet's form, at most `limitBytes` (timestamps included, as the kubelet
 * counts). Resolves at the log's end, or as soon as `signal` aborts.
 */
export async function copyContainerLogs(
  docker: Docker,
  containerId: string,
  tty: boolean,
  options: LogOptions,
  out: LogSink,
  signal: AbortSignal,
): Promise<void> {
  if (signal.aborted) return;
  const operation = `logs of container ${containerId}`;
  const ours = new AbortController();
  const stop = (): void => ours.abort();
  signal.addEventListener("abort", stop, { once: true });
  const query = {
    stdout: true,
    stderr: true,
    follow: options.follow,
    timestamps: options.timestamps,
    tail: options.tailLines ?? "all",
    since: options.since ? dockerSince(options.since) : undefined,
  };
  const frames = new FrameReader();
  const stamps = { stdin: new TimestampRewriter(), stdout: new TimestampRewriter(), stderr: new TimestampRewriter() };
  let remaining = options.limitBytes ?? Number.POSITIVE_INFINITY;
  try {
    const stream = await dockerGetStream(docker, operation, `/containers/${containerId}/logs`, query, ours.signal);
    try {
      for await (const chunk of stream) {
        const pieces: Frame[] = tty ? [{ stream: "stdout", payload: chunk as Buffer }] : frames.push(chunk as Buffer);
        for (const piece of pieces) {
          let data = options.timestamps ? stamps[piece.stream].rewrite(piece.payload) : piece.payload;
          if (data.length === 0) continue;
          if (data.length > remaining) data = data.subarray(0, remaining);
          await out.write(piece.stream === "stderr" ? "stderr" : "stdout", data);
          remaining -= data.length;
          if (remaining <= 0) return;
        }
      }
    } finally {
      stream.destroy();
    }
  } catch (error) {
    if (ours.signal.aborted) return;
    throw toRuntimeError(operation, error);
  } finally {
    signal.removeEventListener("abort", stop);
  }
}
