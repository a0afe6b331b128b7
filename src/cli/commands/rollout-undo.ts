import { z } from "zod";
import { StatusError } from "../../errors/status.js";
import { connect, connectOptions, connectFlagsShape } from "../connect.js";
import { parseFlags, UsageError } from "../flags.js";
import { processIo, type CommandIo } from "../output/command-io.js";
import { formatName } from "../output/object-format.js";
import { readDeployment } from "../rollout/deployment-objects.js";
import { listDeploymentReplicaSets } from "../rollout/deployment-replica-sets.js";
import { planRollback } from "../rollout/rollback.js";
import { RolloutError } from "../rollout/rollout-error.js";
import { groupKind, isDeployment, readRolloutTargets } from "../rollout/rollout-targets.js";

const flagsSchema = z.object({
  "to-revision": z
    .string()
    .regex(/^-?\d+$/, "must be a whole number")
    .default("0")
    .transform(Number),
  ...connectFlagsShape,
});

/**
 * `skiff rollout undo`: puts each Deployment back to its previous revision's
 * pod template (or `--to-revision N`'s) with kubectl's JSON patch; exit 1
 * when any failed.
 */
export async function runRolloutUndo(argv: string[], io: CommandIo = processIo): Promise<number> {
  const { flags, positionals } = parseFlags(argv, { ...connectOptions, "to-revision": { type: "string" } }, flagsSchema, true);
  if (positionals.length === 0) throw new UsageError("required resource not specified");
  const toRevision = flags["to-revision"];
  const conn = await connect(flags);
  try {
    const { targets, failed: unread } = await readRolloutTargets(conn, positionals, flags.namespace ?? conn.namespace, io);
    let failed = unread;
    const replicaSets = await conn.discovery.forKind("apps/v1", "ReplicaSet");
    for (const target of targets) {
      try {
        if (!isDeployment(target.resource)) throw new RolloutError(`no rollbacker has been implemented for "${groupKind(target.resource)}"`);
        const deployment = readDeployment(target.object);
        const plan = planRollback(deployment, await listDeploymentReplicaSets(conn.client, replicaSets, deployment), toRevision);
        if (plan.kind === "patch") {
          await conn.client.patch(target.resource, target.namespace, target.name, "json", plan.patch).catch((error: unknown) => {
            throw error instanceof StatusError ? new RolloutError(`failed restoring revision ${toRevision}: ${error.message}`) : error;
          });
        }
        io.stdout.write(`${formatName(target.resource, target.name)} ${plan.kind === "patch" ? "rolled back" : plan.message}\n`);
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
