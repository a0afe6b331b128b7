import { z } from "zod";
import { UnknownResourceError, type DiscoveredResource } from "../../client/discovery.js";
import { isNotFound, type ApiObject } from "../../client/rest/rest-client.js";
import { StatusError, formatStatusError } from "../../errors/status.js";
import { parseResourceArgs, resolveTargets } from "../args/resource-args.js";
import { connect, connectOptions, type Connection, connectFlagsShape } from "../connect.js";
import { parseFlags, UsageError } from "../flags.js";
import { processIo, type CommandIo } from "../output/command-io.js";
import { describedEventSchema, type DescribedEvent } from "../output/describe-events.js";
import { describeObject } from "../output/describe-object.js";
import { listObjects } from "../output/list-objects.js";

export const describeUsage = `usage: skiff describe TYPE [NAME_PREFIX...] | TYPE/NAME... [flags]

Shows objects in full, field by field, with the events about them. A name
that matches no object describes the objects whose names start with it;
no name describes every object of TYPE.

flags:
  -l, --selector SELECTOR   only objects with these labels
  -A, --all-namespaces      objects of every namespace
  -n, --namespace NS        the namespace (default: the context's)
  --kubeconfig PATH, --context NAME
`;

const flagsSchema = z.object({
  selector: z.string().min(1).optional(),
  "all-namespaces": z.boolean().default(false),
  ...connectFlagsShape,
});

/** `skiff describe`: exit 1 when any named object was not found. */
export async function runDescribe(argv: string[], io: CommandIo = processIo, now: () => number = Date.now): Promise<number> {
  const { flags, positionals } = parseFlags(
    argv,
    { ...connectOptions, selector: { type: "string", short: "l" }, "all-namespaces": { type: "boolean", short: "A" } },
    flagsSchema,
    true,
  );
  const typed = parseResourceArgs(positionals);
  const named = typed.some((t) => t.names.length > 0);
  if (named && flags.selector) throw new UsageError("name cannot be provided when a selector is specified");
  const conn = await connect(flags);
  try {
    const namespace = flags.namespace ?? conn.namespace;
    const scope = (r: DiscoveredResource): string | undefined => (r.namespaced && !flags["all-namespaces"] ? namespace : undefined);
    // kubectl falls back to a prefix match only for a plain `describe TYPE NAME`.
    const prefixMatch = positionals.length === 2 && !positionals.some((arg) => arg.includes("/"));
    const found: Array<{ resource: DiscoveredResource; object: ApiObject }> = [];
    let failed = false;
    for (const { resource, names } of await resolveTargets(conn.discovery, typed)) {
      if (names.length === 0) {
        const { items } = await listObjects(conn.client, resource, scope(resource), flags.selector ? { labelSelector: flags.selector } : {});
        for (const object of items) found.push({ resource, object });
        continue;
      }
      for (const name of names) {
        try {
          found.push({ resource, object: await conn.client.get(resource, scope(resource), name) });
        } catch (error) {
          if (!(error instanceof StatusError)) throw error;
          const matching = prefixMatch && isNotFound(error) ? await withPrefix(conn, resource, scope(resource), name) : [];
          if (matching.length === 0) {
            failed = true;
            io.stderr.write(`${formatStatusError(error)}\n`);
          }
          for (const object of matching) found.push({ resource, object });
        }
      }
    }
    const descriptions: string[] = [];
    for (const { object } of found) descriptions.push(describeObject(object, await searchEvents(conn, object), now()));
    io.stdout.write(descriptions.join("\n\n"));
    if (found.length === 0 && !failed) {
      io.stderr.write(flags["all-namespaces"] ? "No resources found\n" : `No resources found in ${namespace} namespace.\n`);
    }
    return failed ? 1 : 0;
  } finally {
    conn.client.close();
  }
}

async function withPrefix(conn: Connection, resource: DiscoveredResource, namespace: string | undefined, prefix: string): Promise<ApiObject[]> {
  const { items } = await listObjects(conn.client, resource, namespace);
  return items.filter((item) => item.metadata?.name?.startsWith(prefix));
}

/**
 * The events about an object (by the involvedObject fields the server can
 * select on), or undefined when they cannot be read: the server serves no
 * Events, or refuses; describe then shows none, as kubectl does.
 */
async function searchEvents(conn: Connection, object: ApiObject): Promise<DescribedEvent[] | undefined> {
  let events: DiscoveredResource;
  try {
    events = await conn.discovery.forName("events");
  } catch (error) {
    if (error instanceof UnknownResourceError) return undefined;
    throw error;
  }
  const { name, namespace, uid } = object.metadata ?? {};
  const selector = [
    `involvedObject.name=${name ?? ""}`,
    ...(namespace ? [`involvedObject.namespace=${namespace}`] : []),
    ...(object.kind ? [`involvedObject.kind=${object.kind}`] : []),
    ...(typeof uid === "string" ? [`involvedObject.uid=${uid}`] : []),
  ].join(",");
  try {
    const { items } = await listObjects(conn.client, events, namespace || undefined, { fieldSelector: selector });
    return items.flatMap((item) => {
      const parsed = describedEventSchema.safeParse(item);
      return parsed.success ? [parsed.data] : [];
    });
  } catch (error) {
    if (error instanceof StatusError) return undefined;
    throw error;
  }
}
