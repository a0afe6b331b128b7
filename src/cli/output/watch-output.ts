import type { DiscoveredResource } from "../../client/discovery.js";
import type { ApiObject } from "../../client/rest/rest-client.js";
import { watch } from "../../client/watch/index.js";
import type { ResourceTarget } from "../args/resource-args.js";
import type { Connection } from "../connect.js";
import { UsageError } from "../flags.js";
import { interruptSignal, type CommandIo } from "./command-io.js";
import { listObjects, withType } from "./list-objects.js";
import { formatJson, formatName, formatYaml } from "./object-format.js";
import { getTable, listTable } from "./server-table.js";
import { TablePrinter } from "./table-printer.js";
import { TabWriter, tableLayout } from "./tab-writer.js";
import { watchTable } from "./table-watch.js";

export interface WatchOutputOptions {
  output?: "wide" | "yaml" | "json" | "name" | undefined;
  /** Where the requests go; undefined for every namespace or a cluster-scoped resource. */
  namespace: string | undefined;
  allNamespaces: boolean;
  labelSelector?: string | undefined;
  fieldSelector?: string | undefined;
}

/** Where a watch starts and what its first event is. */
interface WatchStart {
  resourceVersion: string;
  /**
   * A watch of one object starts from "0", and the server then begins with
   * the object as it is, which was printed already: that ADDED is skipped.
   */
  skipFirstAdded: boolean;
}

/**
 * `get -w`: prints the collection (or the one named object) as `get` would,
 * then one row (or object) per change, until `io.interrupt` (or Ctrl-C).
 * When the server ends the watch, it is resumed from the last version seen.
 */
export async function watchOutput(conn: Connection, targets: ResourceTarget[], options: WatchOutputOptions, io: CommandIo): Promise<void> {
  const only = targets[0];
  if (targets.length !== 1 || only === undefined || only.names.length > 1) {
    throw new UsageError("watch is only supported on individual resources and resource collections - more than 1 resource was found");
  }
  const signal = interruptSignal(io);
  const name = only.names[0];
  // A named object is watched through a field selector on its name.
  const query =
    name === undefined
      ? { labelSelector: options.labelSelector, fieldSelector: options.fieldSelector }
      : { fieldSelector: `metadata.name=${name}` };
  if (options.output === undefined || options.output === "wide") {
    await watchTables(conn, only.resource, name, query, options, io, signal);
  } else {
    await watchObjects(conn, only.resource, name, query, options, io, signal);
  }
}

async function watchTables(
  conn: Connection,
  resource: DiscoveredResource,
  name: string | undefined,
  query: { labelSelector?: string | undefined; fieldSelector?: string | undefined },
  options: WatchOutputOptions,
  io: CommandIo,
  signal: AbortSignal,
): Promise<void> {
  const writer = new TabWriter(tableLayout);
  const printer = new TablePrinter({ wide: options.output === "wide", withNamespace: options.allNamespaces && resource.namespaced });
  const print = (text: string): void => {
    writer.write(text);
    io.stdout.write(writer.flush());
  };
  const first =
    name === undefined ? await listTable(conn.client, resource, options.namespace, query) : await getTable(conn.client, resource, options.namespace, name);
  print(printer.print(first));
  const start = startOf(name, first.metadata.resourceVersion);
  while (!signal.aborted) {
    let skip = start.skipFirstAdded && start.resourceVersion === "0";
    for await (const event of watchTable(conn.client, resource, options.namespace, { ...query, resourceVersion: start.resourceVersion, signal })) {
      if (event.type === "BOOKMARK") {
        start.resourceVersion = event.resourceVersion;
        continue;
      }
      start.resourceVersion = event.table.metadata.resourceVersion ?? start.resourceVersion;
      const synthetic = skip && event.type === "ADDED";
      skip = false;
      if (!synthetic) print(printer.print(event.table));
    }
  }
}

async function watchObjects(
  conn: Connection,
  resource: DiscoveredResource,
  name: string | undefined,
  query: { labelSelector?: string | undefined; fieldSelector?: string | undefined },
  options: WatchOutputOptions,
  io: CommandIo,
  signal: AbortSignal,
): Promise<void> {
  let documents = 0;
  const print = (object: ApiObject): void => {
    if (options.output === "name") io.stdout.write(`${formatName(resource, object.metadata?.name ?? "")}\n`);
    else if (options.output === "json") io.stdout.write(formatJson(object));
    else io.stdout.write(`${documents++ > 0 ? "---\n" : ""}${formatYaml(object)}`);
  };
  let listVersion: string | undefined;
  if (name === undefined) {
    const list = await listObjects(conn.client, resource, options.namespace, query);
    list.items.forEach(print);
    listVersion = list.resourceVersion;
  } else {
    print(withType(resource, await conn.client.get(resource, options.namespace, name)));
  }
  const start = startOf(name, listVersion);
  while (!signal.aborted) {
    let skip = start.skipFirstAdded && start.resourceVersion === "0";
    const events = watch(conn.client, resource, options.namespace, {
      ...query,
      resourceVersion: start.resourceVersion,
      allowWatchBookmarks: true,
      signal,
    });
    for await (const event of events) {
      start.resourceVersion = event.object.metadata?.resourceVersion ?? start.resourceVersion;
      if (event.type === "BOOKMARK") continue;
      const synthetic = skip && event.type === "ADDED";
      skip = false;
      if (!synthetic) print(withType(resource, event.object));
    }
  }
}

function startOf(name: string | undefined, listVersion: string | undefined): WatchStart {
  // A list's version is where its watch goes on from; one object's version may
  // be older than the server's window, so kubectl starts from "0" instead.
  if (name === undefined && listVersion) return { resourceVersion: listVersion, skipFirstAdded: false };
  return { resourceVersion: "0", skipFirstAdded: name !== undefined };
}
