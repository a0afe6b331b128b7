import { z } from "zod";
import { StatusError, formatStatusError } from "../../errors/status.js";
import { podNameOf } from "../../client/pod-streams/pod-argument.js";
import { defaultContainer, hasContainer, podContainersOf } from "../../client/pod-streams/pod-container.js";
import { streamPodLog, type PodLogOptions } from "../../client/pod-streams/pod-log.js";
import { booleanFlagArgs, parseGoDuration } from "../args/go-flags.js";
import { connect, connectOptions, connectFlagsShape } from "../connect.js";
import { parseFlags, UsageError } from "../flags.js";
import { interruptSignal, processIo, type CommandIo } from "../output/command-io.js";

export const logsUsage = `usage: skiff logs POD | TYPE/NAME [CONTAINER] [flags]

Prints the log of a container in a pod; with -f, follows it until the
stream ends or the command is interrupted.

flags:
  -c, --container NAME    the container (default: the pod's only or default container)
  -f, --follow            keep printing new lines
  --tail N                only the last N lines (-1: all)
  --since DURATION        only lines newer than this (5s, 2m, 3h)
  --since-time TIME       only lines after this RFC 3339 time
  --timestamps            prefix each line with its time
  -p, --previous          the log of the container's previous instance
  --limit-bytes N         at most this many bytes
  -n, --namespace NS      the namespace (default: the context's)
  --kubeconfig PATH, --context NAME
`;

const booleans = ["follow", "timestamps", "previous"] as const;

const wholeNumber = (what: string) => z.string().regex(/^-?\d+$/, `must be ${what}`).transform(Number);

const flagsSchema = z
  .object({
    container: z.string().min(1).optional(),
    follow: z.boolean().optional(),
    "no-follow": z.boolean().optional(),
    tail: wholeNumber("a whole number").optional(),
    since: z
      .string()
      .transform((text, ctx) => {
        const ms = parseGoDuration(text);
        if (ms === undefined) ctx.addIssue({ code: "custom", message: `invalid duration "${text}"` });
        return ms ?? 0;
      })
      .optional(),
    "since-time": z
      .string()
      .refine((text) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/.test(text) && !Number.isNaN(Date.parse(text)), {
        message: "must be an RFC 3339 time, e.g. 2024-05-01T12:00:00Z",
      })
      .optional(),
    timestamps: z.boolean().optional(),
    "no-timestamps": z.boolean().optional(),
    previous: z.boolean().optional(),
    "no-previous": z.boolean().optional(),
    "limit-bytes": wholeNumber("a whole number").refine((n) => n > 0, "must be greater than 0").optional(),
    ...connectFlagsShape,
  })
  .refine((f) => f.since === undefined || f["since-time"] === undefined, { message: "at most one of --since and --since-time may be given", path: ["since"] });

const options = {
  ...connectOptions,
  container: { type: "string", short: "c" },
  follow: { type: "boolean", short: "f" },
  "no-follow": { type: "boolean" },
  tail: { type: "string" },
  since: { type: "string" },
  "since-time": { type: "string" },
  timestamps: { type: "boolean" },
  "no-timestamps": { type: "boolean" },
  previous: { type: "boolean", short: "p" },
  "no-previous": { type: "boolean" },
  "limit-bytes": { type: "string" },
} as const;

type LogFlags = z.output<typeof flagsSchema>;

/** `skiff logs`: a container's log to stdout, as kubectl prints it; exit 1 with one line when the server refuses. */
export async function runLogs(argv: string[], io: CommandIo = processIo): Promise<number> {
  const { flags, positionals } = parseFlags(booleanFlagArgs(argv, booleans), options, flagsSchema, true);
  const [podArg, containerArg, ...extra] = positionals;
  if (podArg === undefined) throw new UsageError("name a pod: POD or TYPE/NAME");
  if (extra.length > 0 || (containerArg !== undefined && flags.container !== undefined)) {
    throw new UsageError("logs takes one pod and at most one container (as an argument or with -c)");
  }
  const conn = await connect(flags);
  try {
    const namespace = flags.namespace ?? conn.namespace;
    const name = await podNameOf(conn.discovery, podArg);
    const pod = podContainersOf(await conn.client.get({ group: "", version: "v1", resource: "pods", namespaced: true }, namespace, name));
    const requested = containerArg ?? flags.container;
    let container: string | undefined = requested;
    if (requested !== undefined && !hasContainer(pod, requested)) {
      io.stderr.write(`error: container ${requested} is not valid for pod ${pod.name}\n`);
      return 1;
    }
    if (requested === undefined) {
      const choice = defaultContainer(pod);
      if (choice?.notice) io.stderr.write(`${choice.notice}\n`);
      container = choice?.container;
    }
    const follow = flags.follow === true && flags["no-follow"] !== true;
    const signal = follow ? interruptSignal(io) : io.interrupt;
    await streamPodLog(conn.client, namespace, name, logOptions(flags, container, follow), (text) => io.stdout.write(text), signal);
    return 0;
  } catch (error) {
    if (!(error instanceof StatusError)) throw error;
    io.stderr.write(`${formatStatusError(error)}\n`);
    return 1;
  } finally {
    conn.client.close();
  }
}

function logOptions(flags: LogFlags, container: string | undefined, follow: boolean): PodLogOptions {
  const result: PodLogOptions = { follow };
  if (container !== undefined) result.container = container;
  if (flags.previous && !flags["no-previous"]) result.previous = true;
  if (flags.timestamps && !flags["no-timestamps"]) result.timestamps = true;
  // kubectl sends tailLines only for 0 or more (-1 means all) and rounds --since up to whole seconds.
  if (flags.tail !== undefined && flags.tail >= 0) result.tailLines = flags.tail;
  if (flags.since !== undefined) result.sinceSeconds = Math.ceil(flags.since / 1000);
  if (flags["since-time"] !== undefined) result.sinceTime = new Date(flags["since-time"]).toISOString().replace(/\.\d+Z$/, "Z");
  if (flags["limit-bytes"] !== undefined) result.limitBytes = flags["limit-bytes"];
  return result;
}
