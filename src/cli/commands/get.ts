import { z } from "zod";
import type { DiscoveredResource } from "../../client/discovery.js";
import { isNotFound, type ApiObject } from "../../client/rest/rest-client.js";
import { StatusError, formatStatusError } from "../../errors/status.js";
import { parseResourceArgs, resolveTargets, type ResourceTarget } from "../args/resource-args.js";
import { connect, connectOptions, type Connection, connectFlagsShape } from "../connect.js";
import { parseFlags, UsageError } from "../flags.js";
import { processIo, type CommandIo } from "../output/command-io.js";
import { listObjects, withType } from "../output/list-objects.js";
import { asList, formatJson, formatName, formatYaml, qualifiedKind } from "../output/object-format.js";
import { getTable, listTable, type Table } from "../output/server-table.js";
import { TablePrinter } from "../output/table-printer.js";
import { TabWriter, tableLayout } from "../output/tab-writer.js";
import { watchOutput } from "../output/watch-output.js";

export const getUsage = `usage: skiff get TYPE[,TYPE...] [NAME...] | TYPE/NAME... [flags]

Shows objects: a table by default (the server's columns, as kubectl shows
them), or the objects themselves.

flags:
  -o, --output FORMAT       wide (more columns), yaml, json or name
  --show-managed-fields     keep metadata.managedFields in yaml and json output
  -l, --selector SELECTOR   only objects with these labels (app=web,tier!=db)
  --field-selector FIELDS   only objects with these fields (status.phase=Running)
  -A, --all-namespaces      objects of every namespace
  -w, --watch               after the list, print a row per change until interrupted
  --ignore-not-found        a named object that does not exist is not an error
  -n, --namespace NS        the namespace (default: the context's)
  --kubeconfig PATH, --context NAME
`;

const flagsSchema = z.object({
  output: z.enum(["wide", "yaml", "json", "name"]).optional(),
  "show-managed-fields": z.boolean().default(false),
  selector: z.string().optional(),
  "field-selector": z.string().optional(),
  "all-namespaces": z.boolean().default(false),
  watch: z.boolean().default(false),
  "ignore-not-found": z.boolean().default(false),
  ...connectFlagsShape,
});

type GetFlags = z.output<typeof flagsSchema>;

/** The namespace a request for a resource goes to: none for cluster-scoped ones and with -A. */
function requestNamespace(resource: DiscoveredResource, flags: GetFlags, namespace: string): string | undefined {
  if (!resource.namespaced || flags["all-namespaces"]) return undefined;
  return namespace;
}

/** `skiff get`: exit 1 when any named object could not be read (the others are still shown). */
export async function runGet(argv: string[], io: CommandIo = processIo): Promise<number> {
  const { flags, positionals } = parseFlags(
    argv,
    {
      ...connectOptions,
      output: { type: "string", short: "o" },
      "show-managed-fields": { type: "boolean" },
      selector: { type: "string", short: "l" },
      "field-selector": { type: "string" },
      "all-namespaces": { type: "boolean", short: "A" },
      watch: { type: "boolean", short: "w" },
      "ignore-not-found": { type: "boolean" },
    },
    flagsSchema,
    true,
  );
  const typed = parseResourceArgs(positionals);
  const named = typed.some((t) => t.names.length > 0);
  if (named && flags.selector) throw new UsageError("name cannot be provided when a selector is specified");
  if (named && flags["all-namespaces"]) throw new UsageError("a resource cannot be retrieved by name across all namespaces");

  const conn = await connect(flags);
  try {
    const namespace = flags.namespace ?? conn.namespace;
    const targets = await resolveTargets(conn.discovery, typed);
    if (flags.watch) {
      const resource = targets[0]?.resource;
      await watchOutput(
        conn,
        targets,
        {
          output: flags.output,
          namespace: resource === undefined ? undefined : requestNamespace(resource, flags, namespace),
          allNamespaces: flags["all-namespaces"],
          labelSelector: flags.selector,
          fieldSelector: flags["field-selector"],
        },
        io,
      );
      return 0;
    }
    if (flags.output === undefined || flags.output === "wide") return await printTables(conn, targets, flags, namespace, io);
    const singleItem = typed.length === 1 && typed[0]!.names.length === 1 && targets.length === 1;
    return await printObjects(conn, targets, flags, namespace, singleItem, io);
  } finally {
    conn.client.close();
  }
}

/** A failed read: reported on stderr, unless it is a NotFound the user said to ignore. */
function reportError(error: unknown, flags: GetFlags, io: CommandIo): boolean {
  if (!(error instanceof StatusError)) throw error;
  if (flags["ignore-not-found"] && isNotFound(error)) return false;
  io.stderr.write(`${formatStatusError(error)}\n`);
  return true;
}

async function printTables(conn: Connection, targets: ResourceTarget[], flags: GetFlags, namespace: string, io: CommandIo): Promise<number> {
  const fetched: Array<{ resource: DiscoveredResource; table: Table }> = [];
  let failed = false;
  const query = { labelSelector: flags.selector, fieldSelector: flags["field-selector"] };
  for (const { resource, names } of targets) {
    const ns = requestNamespace(resource, flags, namespace);
    if (names.length === 0) {
      fetched.push({ resource, table: await listTable(conn.client, resource, ns, query) });
      continue;
    }
    for (const name of names) {
      try {
        fetched.push({ resource, table: await getTable(conn.client, resource, ns, name) });
      } catch (error) {
        failed = reportError(error, flags, io) || failed;
      }
    }
  }

  // As kubectl: the kind goes before each name when more than one resource is shown;
  // each resource gets its own headers and widths, after a blank line.
  const withKind = new Set(fetched.map((f) => f.resource)).size > 1;
  const writer = new TabWriter(tableLayout);
  let written = 0;
  let separate = false;
  const emit = (text: string): void => {
    if (text === "") return;
    if (separate) io.stdout.write("\n");
    separate = false;
    io.stdout.write(text);
    written += text.length;
  };
  let printer: TablePrinter | undefined;
  let last: DiscoveredResource | undefined;
  for (const { resource, table } of fetched) {
    if (printer === undefined || resource !== last) {
      emit(writer.flush());
      writer.forgetWidths();
      separate = last !== undefined && written > 0;
      printer = new TablePrinter({
        wide: flags.output === "wide",
        withNamespace: flags["all-namespaces"] && resource.namespaced,
        ...(withKind ? { kind: qualifiedKind(resource) } : {}),
      });
      last = resource;
    }
    writer.write(printer.print(table));
  }
  emit(writer.flush());

  if (written === 0 && !failed && !flags["ignore-not-found"]) {
    // kubectl names the namespace unless -A or a cluster-scoped resource was asked for.
    const inNamespace = !flags["all-namespaces"] && fetched.every((f) => f.resource.namespaced);
    io.stderr.write(inNamespace ? `No resources found in ${namespace} namespace.\n` : "No resources found\n");
  }
  return failed ? 1 : 0;
}

async function printObjects(
  conn: Connection,
  targets: ResourceTarget[],
  flags: GetFlags,
  namespace: string,
  singleItem: boolean,
  io: CommandIo,
): Promise<number> {
  const found: Array<{ resource: DiscoveredResource; object: ApiObject }> = [];
  let failed = false;
  for (const { resource, names } of targets) {
    const ns = requestNamespace(resource, flags, namespace);
    if (names.length === 0) {
      const list = await listObjects(conn.client, resource, ns, { labelSelector: flags.selector, fieldSelector: flags["field-selector"] });
      for (const object of list.items) found.push({ resource, object });
      continue;
    }
    for (const name of names) {
      try {
        found.push({ resource, object: withType(resource, await conn.client.get(resource, ns, name)) });
      } catch (error) {
        failed = reportError(error, flags, io) || failed;
      }
    }
  }
  if (singleItem && found.length === 0) return failed ? 1 : 0;

  if (flags.output === "name") {
    for (const { resource, object } of found) io.stdout.write(`${formatName(resource, object.metadata?.name ?? "")}\n`);
    return failed ? 1 : 0;
  }
  const shown = singleItem ? found[0]!.object : asList(found.map((f) => f.object));
  const print = { showManagedFields: flags["show-managed-fields"] };
  io.stdout.write(flags.output === "json" ? formatJson(shown, print) : formatYaml(shown, print));
  return failed ? 1 : 0;
}
