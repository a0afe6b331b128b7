import { z } from "zod";
import { connect, connectOptions, connectFlagsShape } from "../connect.js";
import { parseFlags, UsageError } from "../flags.js";
import { processIo, type CommandIo } from "../output/command-io.js";
import { formatName } from "../output/object-format.js";
import { readDeployment } from "../rollout/deployment-objects.js";
import { listDeploymentReplicaSets } from "../rollout/deployment-replica-sets.js";
import { historyText, revisionHistory } from "../rollout/revision-history.js";
import { RolloutError } from "../rollout/rollout-error.js";
import { groupKind, isDeployment, readRolloutTargets } from "../rollout/rollout-targets.js";

const flagsSchema = z.object({
  revision: z
    .string()
    .regex(/^\d+$/, "must be a whole number, 0 or more")
    .default("0")
    .transform(Number),
  ...connectFlagsShape,
});

/**
 * `skiff rollout history`: each Deployment's revisions and change causes, or
 * with `--revision N` that revision's pod template; exit 1 when any failed.
 */
export async function runRolloutHistory(argv: string[], io: CommandIo = processIo): Promise<number> {
  const { flags, positionals } = parseFlags(argv, { ...connectOptions, revision: { type: "string" } }, flagsSchema, true);
  if (positionals.length === 0) throw new UsageError("required resource not specified");
  const conn = await connect(flags);
  try {
    const { targets, failed: unread } = await readRolloutTargets(conn, positionals, flags.namespace ?? conn.namespace, io);
    let failed = unread;
    const replicaSets = await conn.discovery.forKind("apps/v1", "ReplicaSet");
    for (const target of targets) {
      try {
        if (!isDeployment(target.resource)) throw new RolloutError(`no history viewer has been implemented for "${groupKind(target.resource)}"`);
        const deployment = readDeployment(target.object);
        const history = revisionHistory(deployment, await listDeploymentReplicaSets(conn.client, replicaSets, deployment));
        for (const warning of history.warnings) io.stderr.write(`Warning: ${warning}\n`);
        const text = historyText(history, flags.revision);
        const heading = flags.revision > 0 ? `with revision #${flags.revision}` : "";
        io.stdout.write(`${formatName(target.resource, target.name)} ${heading}\n${text}\n`);
      } catch (error) {
        if (!(error instanceof RolloutError)) throw error;
        failed = true;
        io.stderr.write(`error: ${error.message}\n`);
      }
    }
    return failed ? 1 : 0;
  } finally {
    conn.client.close();
  }
}
