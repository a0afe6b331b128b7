import { spawnSync } from "node:child_process";
import type { Readable } from "node:stream";
import { StringDecoder } from "node:string_decoder";
import type { ReadStream } from "node:tty";
import { z } from "zod";
import { StatusError, formatStatusError } from "../../errors/status.js";
import { execInPod, type ExecStreams } from "../../client/pod-streams/pod-exec.js";
import type { ExecOutcome } from "../../client/pod-streams/exec-protocol.js";
import { podNameOf } from "../../client/pod-streams/pod-argument.js";
import { defaultContainer, podContainersOf } from "../../client/pod-streams/pod-container.js";
import { booleanFlagArgs } from "../args/go-flags.js";
import { connect, connectOptions, connectFlagsShape } from "../connect.js";
import { parseFlags, UsageError } from "../flags.js";
import { processIo, type CommandIo, type TextSink } from "../output/command-io.js";

export const execUsage = `usage: skiff exec POD | TYPE/NAME [flags] -- COMMAND [ARGS...]

Runs a command in a container of a pod, with its output here; exits with
the command's exit code.

flags:
  -c, --container NAME    the container (default: the pod's only or default container)
  -i, --stdin             pass this command's stdin to the container
  -t, --tty               with -i and a terminal: a TTY in the container (raw mode here)
  -n, --namespace NS      the namespace (default: the context's)
  --kubeconfig PATH, --context NAME
`;

const booleans = ["stdin", "tty"] as const;

const flagsSchema = z.object({
  container: z.string().min(1).optional(),
  stdin: z.boolean().optional(),
  "no-stdin": z.boolean().optional(),
  tty: z.boolean().optional(),
  "no-tty": z.boolean().optional(),
  ...connectFlagsShape,
});

const options = {
  ...connectOptions,
  container: { type: "string", short: "c" },
  stdin: { type: "boolean", short: "i" },
  "no-stdin": { type: "boolean" },
  tty: { type: "boolean", short: "t" },
  "no-tty": { type: "boolean" },
} as const;

/** `skiff exec`: a command in a pod's container over the v5.channel.k8s.io WebSocket, exiting as the command did. */
export async function runExec(argv: string[], io: CommandIo = processIo): Promise<number> {
  const dashes = argv.indexOf("--");
  const own = dashes < 0 ? argv : argv.slice(0, dashes);
  const command = dashes < 0 ? [] : argv.slice(dashes + 1);
  const { flags, positionals } = parseFlags(booleanFlagArgs(own, booleans), options, flagsSchema, true);
  const [podArg, ...extra] = positionals;
  if (podArg === undefined) throw new UsageError("name a pod: POD or TYPE/NAME");
  if (extra.length > 0) throw new UsageError("exec POD COMMAND is not supported: use exec POD -- COMMAND");
  if (command.length === 0) throw new UsageError("you must specify at least one command for the container");
  const withStdin = flags.stdin === true && flags["no-stdin"] !== true;
  const input = io.stdin ?? process.stdin;

  const conn = await connect(flags);
  try {
    const namespace = flags.namespace ?? conn.namespace;
    const name = await podNameOf(conn.discovery, podArg);
    const pod = podContainersOf(await conn.client.get({ group: "", version: "v1", resource: "pods", namespaced: true }, namespace, name));
    if (pod.phase === "Succeeded" || pod.phase === "Failed") {
      io.stderr.write(`error: cannot exec into a container in a completed pod; current phase is ${pod.phase}\n`);
      return 1;
    }
    let container = flags.container ?? "";
    if (container === "") {
      const choice = defaultContainer(pod);
      if (choice?.notice) io.stderr.write(`${choice.notice}\n`);
      container = choice?.container ?? "";
    }
    // As kubectl: a TTY only with -i, and only when stdin is a terminal.
    let tty = flags.tty === true && flags["no-tty"] !== true && withStdin;
    if (tty && !isTerminal(input)) {
      io.stderr.write("Unable to use a TTY - input is not a terminal or the right kind of file\n");
      tty = false;
    }
    // Only a caller's signal ends the session early: Ctrl-C without a TTY
    // ends the process, as it does kubectl's, and in raw mode it goes to the command.
    const signal = io.interrupt;
    const outcome = await withRawMode(tty ? (input as ReadStream) : undefined, () => {
      const stdout = decoding(io.stdout);
      const stderr = decoding(io.stderr);
      const streams: ExecStreams = { stdout: stdout.write, stderr: stderr.write };
      if (withStdin) streams.stdin = input;
      if (tty) streams.terminalSize = processTerminalSize();
      if (signal) streams.signal = signal;
      return execInPod(conn.client.config, { namespace, pod: name, container, command, tty }, streams).finally(() => {
        stdout.end();
        stderr.end();
      });
    });
    // Stopped by the caller: the shell's code for an interrupt, no message.
    if (signal?.aborted) return 130;
    return report(outcome, io);
  } catch (error) {
    if (!(error instanceof StatusError)) throw error;
    io.stderr.write(`${formatStatusError(error)}\n`);
    return 1;
  } finally {
    conn.client.close();
  }
}

/** kubectl's ending: the exit code, said on stderr when it is not 0; a failure as one line. */
function report(outcome: ExecOutcome, io: CommandIo): number {
  switch (outcome.kind) {
    case "succeeded":
      return 0;
    case "exited":
      io.stderr.write(`command terminated with exit code ${outcome.code}\n`);
      return outcome.code;
    case "failed":
      io.stderr.write(`${formatStatusError(outcome.error)}\n`);
      return 1;
  }
}

function isTerminal(stream: Readable): boolean {
  return (stream as Partial<ReadStream>).isTTY === true;
}

async function withRawMode<T>(terminal: ReadStream | undefined, run: () => Promise<T>): Promise<T> {
  if (!terminal) return run();
  terminal.setRawMode(true);
  // Node's raw mode keeps output processing (a newline becomes CR LF); kubectl's
  // (cfmakeraw) does not, so the container's TTY output reaches the terminal
  // byte for byte. Best effort: without stty the output gets an extra CR.
  // setRawMode(false) restores the terminal's whole original state.
  spawnSync("stty", ["-opost"], { stdio: [terminal, "ignore", "ignore"] });
  try {
    return await run();
  } finally {
    terminal.setRawMode(false);
  }
}

/** The size of the terminal this process writes to, and its changes (best effort: 80x24 when unknown). */
function processTerminalSize(): NonNullable<ExecStreams["terminalSize"]> {
  const out = process.stdout;
  return {
    current: () => ({ Width: out.columns ?? 80, Height: out.rows ?? 24 }),
    onChange(listener) {
      out.on("resize", listener);
      return () => out.off("resize", listener);
    },
  };
}

/** Bytes to text for a TextSink, keeping UTF-8 characters split across frames whole. */
function decoding(sink: TextSink): { write(chunk: Buffer): void; end(): void } {
  const decoder = new StringDecoder("utf8");
  return {
    write: (chunk) => {
      const text = decoder.write(chunk);
      if (text !== "") sink.write(text);
    },
    end: () => {
      const text = decoder.end();
      if (text !== "") sink.write(text);
    },
  };
}
