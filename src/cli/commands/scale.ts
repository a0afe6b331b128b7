import { z } from "zod";
import { StatusError, formatStatusError } from "../../errors/status.js";
import { parseResourceArgs, resolveTargets } from "../args/resource-args.js";
import { connect, connectOptions, connectFlagsShape } from "../connect.js";
import { parseFlags, UsageError } from "../flags.js";
import { processIo, type CommandIo } from "../output/command-io.js";
import { formatName } from "../output/object-format.js";

export const scaleUsage = `usage: skiff scale TYPE NAME... | TYPE/NAME... --replicas=N [flags]

Sets the number of replicas of a Deployment or ReplicaSet (through its
scale subresource).

flags:
  --replicas N            the number of replicas wanted (required)
  -n, --namespace NS      the namespace (default: the context's)
  --kubeconfig PATH, --context NAME
`;

const flagsSchema = z.object({
  replicas: z
    .string({ message: "is required" })
    .regex(/^\d+$/, "must be a whole number, 0 or more")
    .transform(Number),
  ...connectFlagsShape,
});

/** `skiff scale`: a merge patch of `spec.replicas` on each object's `/scale`; exit 1 when any failed. */
export async function runScale(argv: string[], io: CommandIo = processIo): Promise<number> {
  const { flags, positionals } = parseFlags(argv, { ...connectOptions, replicas: { type: "string" } }, flagsSchema, true);
  const typed = parseResourceArgs(positionals);
  if (typed.some((t) => t.names.length === 0)) throw new UsageError("name the objects to scale: TYPE NAME or TYPE/NAME");
  const conn = await connect(flags);
  try {
    const namespace = flags.namespace ?? conn.namespace;
    let failed = false;
    for (const { resource, names } of await resolveTargets(conn.discovery, typed)) {
      for (const name of names) {
        try {
          await conn.client.patch(resource, resource.namespaced ? namespace : undefined, name, "merge", { spec: { replicas: flags.replicas } }, { subresource: "scale" });
          io.stdout.write(`${formatName(resource, name)} scaled\n`);
        } catch (error) {
          if (!(error instanceof StatusError)) throw error;
          failed = true;
          io.stderr.write(`${formatStatusError(error)}\n`);
        }
      }
    }
    return failed ? 1 : 0;
  } finally {
    conn.client.close();
  }
}
