import { hostname } from "node:os";
import { z } from "zod";
import { isDNS1123Subdomain } from "../../api/validation/names.js";
import { isValidIP } from "../../api/validation/ip.js";
import { createLogger } from "../../log.js";
import { parseFlags, UsageError } from "../flags.js";

export const agentUsage = `usage: skiff agent --server URL --token TOKEN [flags]

Runs the skiff agent on this host: joins the cluster with a join token
(made on the server with 'skiff token create'), registers this host as a
Node and keeps its status and Lease up to date, until SIGINT/SIGTERM.
Stopping the agent leaves running containers alone.

flags:
  --server URL            the server, e.g. https://10.0.0.1:6443
  --token TOKEN           the join token (or env SKIFF_TOKEN); not needed once
                          the data dir holds the node's credential
  --data-dir DIR          the node's credential and state (default /var/lib/skiff-agent)
  --node-name NAME        the Node's name (default: the hostname, lowercased)
  --node-ip IP            the InternalIP to report (default: the default route's address)
  --node-label KEY=VALUE  a label for the Node (repeatable)
  --node-taint KEY=VALUE:EFFECT
                          a taint set when the Node registers (repeatable)
  --pause-image IMAGE     the pods' sandbox image (default registry.k8s.io/pause:3.10)
  --docker-host URL       the Docker engine (default: DOCKER_HOST, else the local socket)
  --log-level LEVEL       trace|debug|info|warn|error (default info)
`;

const flagsSchema = z.object({
  server: z.url({ protocol: /^https$/, error: "must be an https:// URL" }),
  token: z.string().default(""),
  "data-dir": z.string().min(1).default("/var/lib/skiff-agent"),
  "node-name": z
    .string()
    .default(() => hostname().toLowerCase())
    .refine((name) => isDNS1123Subdomain(name).length === 0, { error: "must be a lowercase DNS subdomain (use --node-name)" }),
  "node-ip": z
    .string()
    .refine((ip) => isValidIP(ip).length === 0, { error: "must be an IP address" })
    .optional(),
  "node-label": z.array(z.string()).default([]),
  "node-taint": z.array(z.string()).default([]),
  "pause-image": z.string().min(1).default("registry.k8s.io/pause:3.10"),
  "docker-host": z.string().regex(/^(unix|tcp):\/\//, { error: "must be unix:///path or tcp://host:port" }).optional(),
  "log-level": z.enum(["trace", "debug", "info", "warn", "error", "silent"]).default("info"),
});

/** `skiff agent`: joins, runs the agent's parts until SIGINT/SIGTERM, then stops them cleanly. */
export async function runAgent(argv: string[]): Promise<number> {
  const { flags } = parseFlags(
    argv,
    {
      server: { type: "string" },
      token: { type: "string" },
      "data-dir": { type: "string" },
      "node-name": { type: "string" },
      "node-ip": { type: "string" },
      "node-label": { type: "string", multiple: true },
      "node-taint": { type: "string", multiple: true },
      "pause-image": { type: "string" },
      "docker-host": { type: "string" },
      "log-level": { type: "string" },
    },
    flagsSchema,
  );
  const token = flags.token || (z.string().safeParse(process.env.SKIFF_TOKEN).data ?? "");
  // Imported here so the other commands do not load the agent.
  const { parseNodeLabels, parseNodeTaints, NodeFlagError } = await import("../../../agent/node/node-labels.js");
  let labels: Record<string, string>;
  let taints: ReturnType<typeof parseNodeTaints>;
  try {
    labels = parseNodeLabels(flags["node-label"]);
    taints = parseNodeTaints(flags["node-taint"]);
  } catch (error) {
    if (error instanceof NodeFlagError) throw new UsageError(error.message);
    throw error;
  }
  const log = createLogger(flags["log-level"]);
  const { composeAgent } = await import("../../../agent/compose-agent.js");

  const stop = new AbortController();
  const stopped = new Promise<void>((resolve) => stop.signal.addEventListener("abort", () => resolve(), { once: true }));
  const onSignal = (): void => stop.abort();
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  try {
    const composing = composeAgent(
      {
        server: flags.server,
        token,
        dataDir: flags["data-dir"],
        nodeName: flags["node-name"],
        ...(flags["node-ip"] ? { nodeIp: flags["node-ip"] } : {}),
        labels,
        taints,
        pauseImage: flags["pause-image"],
        ...(flags["docker-host"] ? { dockerHost: flags["docker-host"] } : {}),
        log,
      },
      stop.signal,
    );
    // Stopped while it waited for the server to answer: a requested stop, not a failure.
    const composed = await composing.catch((error: unknown) => {
      if (stop.signal.aborted) return undefined;
      throw error;
    });
    if (composed === undefined) return 0;
    // A signal during registration ends it: the agent stops what it started.
    const starting = composed.agent.start();
    await Promise.race([starting, stopped]);
    if (!stop.signal.aborted) process.stdout.write(`skiff agent: node ${flags["node-name"]} is registered with ${flags.server}\n`);
    await stopped;
    log.info("shutting down");
    await composed.agent.stop();
    await starting.catch(() => undefined);
    await composed.close();
    return 0;
  } finally {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  }
}
