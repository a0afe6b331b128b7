import type { DiscoveredResource } from "../../client/discovery.js";
import type { ApiObject } from "../../client/rest/rest-client.js";
import { StatusError, formatStatusError } from "../../errors/status.js";
import { parseResourceArgs, resolveTargets } from "../args/resource-args.js";
import type { Connection } from "../connect.js";
import type { CommandIo } from "../output/command-io.js";
import { listObjects } from "../output/list-objects.js";

/** An object a rollout command acts on, as the server has it now. */
export interface RolloutTarget {
  resource: DiscoveredResource;
  namespace: string | undefined;
  name: string;
  object: ApiObject;
}

/**
 * The objects of `TYPE NAME...`, `TYPE/NAME...` or `TYPE` (every object of
 * the type in the namespace), read from the server as kubectl's builder
 * reads them before a rollout command looks at their kind. An object that
 * cannot be read is reported on stderr and left out (`failed` is then true).
 */
export async function readRolloutTargets(
  conn: Connection,
  args: readonly string[],
  namespace: string,
  io: CommandIo,
): Promise<{ targets: RolloutTarget[]; failed: boolean }> {
  const targets: RolloutTarget[] = [];
  let failed = false;
  for (const { resource, names } of await resolveTargets(conn.discovery, parseResourceArgs(args))) {
    const ns = resource.namespaced ? namespace : undefined;
    if (names.length === 0) {
      const { items } = await listObjects(conn.client, resource, ns);
      for (const object of items) targets.push({ resource, namespace: ns, name: object.metadata?.name ?? "", object });
      continue;
    }
    for (const name of names) {
      try {
        targets.push({ resource, namespace: ns, name, object: await conn.client.get(resource, ns, name) });
      } catch (error) {
        if (!(error instanceof StatusError)) throw error;
        failed = true;
        io.stderr.write(`${formatStatusError(error)}\n`);
      }
    }
  }
  return { targets, failed };
}

/** Whether the rollout commands know the resource's kind: skiff rolls out Deployments. */
export const isDeployment = (resource: DiscoveredResource): boolean => resource.group === "apps" && resource.kind === "Deployment";

/** The kind as Go's GroupKind prints it in kubectl's messages: `ReplicaSet.apps`, `Pod`. */
export const groupKind = (resource: DiscoveredResource): string => (resource.group ? `${resource.kind}.${resource.group}` : resource.kind);
