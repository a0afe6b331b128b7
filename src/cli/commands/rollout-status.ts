import { z } from "zod";
import { booleanFlagArgs, parseGoDuration } from "../args/go-flags.js";
import { connect, connectOptions, connectFlagsShape } from "../connect.js";
import { parseFlags, UsageError } from "../flags.js";
import { interruptSignal, processIo, type CommandIo } from "../output/command-io.js";
import { readDeployment } from "../rollout/deployment-objects.js";
import { followObject } from "../rollout/follow-object.js";
import { RolloutError } from "../rollout/rollout-error.js";
import { groupKind, isDeployment, readRolloutTargets } from "../rollout/rollout-targets.js";
import { deploymentRolloutStatus } from "../rollout/status-viewer.js";

const flagsSchema = z.object({
  watch: z.boolean().default(true),
  "no-watch": z.boolean().default(false),
  revision: z
    .string()
    .regex(/^-?\d+$/, "must be a whole number")
    .default("0")
    .transform(Number),
  timeout: z
    .string()
    .default("0s")
    .transform((text, ctx) => {
      const ms = parseGoDuration(text);
      if (ms === undefined) ctx.addIssue({ code: "custom", message: `invalid duration "${text}" (e.g. 30s, 2m, 1h)` });
      return ms ?? 0;
    }),
  ...connectFlagsShape,
});

/** How long one watch of the Deployment lasts before the next starts; tests shorten it. */
export interface RolloutStatusOptions {
  watchTimeoutSeconds?: number;
}

/**
 * `skiff rollout status`: prints where the Deployment's rollout stands at
 * each change, until it is done (exit 0), fails or runs past `--timeout`
 * (exit 1); with `--watch=false`, once.
 */
export async function runRolloutStatus(argv: string[], io: CommandIo = processIo, options: RolloutStatusOptions = {}): Promise<number> {
  const { flags, positionals } = parseFlags(
    booleanFlagArgs(argv, ["watch"]),
    {
      ...connectOptions,
      watch: { type: "boolean", short: "w" },
      "no-watch": { type: "boolean" },
      revision: { type: "string" },
      timeout: { type: "string" },
    },
    flagsSchema,
    true,
  );
  if (positionals.length === 0) throw new UsageError("required resource not specified");
  if (flags.revision < 0) throw new UsageError(`revision must be a positive integer: ${flags.revision}`);
  const conn = await connect(flags);
  try {
    const { targets, failed } = await readRolloutTargets(conn, positionals, flags.namespace ?? conn.namespace, io);
    if (failed) return 1;
    const deadline = flags.timeout > 0 ? AbortSignal.timeout(flags.timeout) : undefined;
    const signal = deadline ? AbortSignal.any([interruptSignal(io), deadline]) : interruptSignal(io);
    try {
      const target = targets[0];
      if (targets.length !== 1 || target === undefined) {
        throw new RolloutError(`rollout status is only supported on individual resources and resource collections - ${targets.length} resources were found`);
      }
      if (!isDeployment(target.resource)) throw new RolloutError(`no status viewer has been implemented for ${groupKind(target.resource)}`);
      const states = followObject(conn.client, target.resource, target.namespace, target.name, { signal, ...options });
      for await (const object of states) {
        const progress = deploymentRolloutStatus(readDeployment(object), flags.revision);
        io.stdout.write(progress.message);
        if (progress.done || flags["no-watch"]) return 0;
      }
    } catch (error) {
      if (!(error instanceof RolloutError)) throw error;
      io.stderr.write(`error: ${error.message}\n`);
      return 1;
    }
    // Only an abort ends the states: the deadline says so; an interrupt, as for kubectl, says nothing.
    if (deadline?.aborted) io.stderr.write("error: timed out waiting for the condition\n");
    return 1;
  } finally {
    conn.client.close();
  }
}
