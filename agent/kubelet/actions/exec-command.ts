import type { Readable } from "node:stream";
import type { Clock } from "../../../src/clock.js";
import type { ContainerRuntime, ExecSession } from "../../runtime/container-runtime.js";

/** What a command run in a container printed, and how it ended. */
export interface CommandResult {
  exitCode: number;
  /** At most `MAX_OUTPUT_BYTES` of each stream. */
  stdout: string;
  stderr: string;
}

/** The command did not end within its timeout; Kubernetes' text (`command "sleep 5" timed out`). */
export class CommandTimeoutError extends Error {
  constructor(command: string[]) {
    super(`command ${JSON.stringify(command.join(" "))} timed out`);
    this.name = "CommandTimeoutError";
  }
}

/** The caller stopped waiting (a preStop hook whose grace period ran out). */
export class CommandCanceledError extends Error {
  constructor(command: string[]) {
    super(`command ${JSON.stringify(command.join(" "))} canceled`);
    this.name = "CommandCanceledError";
  }
}

export interface CommandOptions {
  clock: Clock;
  /** No timeout when absent (lifecycle hooks). */
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** The kubelet keeps at most 10 KiB of a probe command's output. */
export const MAX_OUTPUT_BYTES = 10 * 1024;

/**
 * Runs `command` in the container (no TTY, no stdin) and collects its
 * output and exit code. On timeout or abort the session is closed; the
 * engine may let the process run on (Docker cannot kill an exec), as the
 * kubelet's Docker integration did. Engine failures reject as they come
 * (`RuntimeError`).
 */
export function runCommand(
  runtime: Pick<ContainerRuntime, "exec">,
  containerId: string,
  command: string[],
  { clock, timeoutMs, signal }: CommandOptions,
): Promise<CommandResult> {
  return new Promise<CommandResult>((resolve, reject) => {
    let session: ExecSession | undefined;
    let settled = false;
    const settle = (outcome: () => void): void => {
      if (settled) return;
      settled = true;
      timer?.cancel();
      signal?.removeEventListener("abort", cancel);
      outcome();
    };
    // Armed before the exec is even created: an engine that hangs there is bounded too.
    const giveUp = (error: Error) => () =>
      settle(() => {
        session?.close();
        reject(error);
      });
    const cancel = giveUp(new CommandCanceledError(command));
    const timer = timeoutMs === undefined ? undefined : clock.setTimer(timeoutMs, giveUp(new CommandTimeoutError(command)));
    if (signal?.aborted) return cancel();
    signal?.addEventListener("abort", cancel, { once: true });

    runtime.exec(containerId, { command, tty: false, stdin: false, stdout: true, stderr: true }).then(
      (created) => {
        session = created;
        if (settled) return created.close(); // gave up while it was being created
        const stdout = collect(created.stdout);
        const stderr = collect(created.stderr);
        created.exitCode.then(
          (exitCode) => settle(() => resolve({ exitCode, stdout: stdout.text(), stderr: stderr.text() })),
          (error: unknown) => settle(() => reject(error)),
        );
      },
      (error: unknown) => settle(() => reject(error)),
    );
  });
}

function collect(stream: Readable | undefined): { text(): string } {
  const chunks: Buffer[] = [];
  let size = 0;
  stream?.on("data", (chunk: Buffer | string) => {
    if (size >= MAX_OUTPUT_BYTES) return; // keep draining so the process is never blocked on a full pipe
    const buffer = typeof chunk === "string" ? Buffer.from(chunk) : chunk;
    chunks.push(buffer);
    size += buffer.length;
  });
  return { text: () => Buffer.concat(chunks).subarray(0, MAX_OUTPUT_BYTES).toString("utf8") };
}
