import type { IncludeObject, TableVersion } from "./accept.js";
import { asRecord, stringAt, valueAt } from "./json-reader.js";
import { printerFor } from "./printers/index.js";
import type { ResourcePrinter, Table, TableRow } from "./table-types.js";

/** What the Table of a list (or of one object) is made from. */
export interface BuildTableInput {
  /** API group of the resource, `""` for core. */
  group: string;
  /** Plural resource name, as in the URL: `pods`. */
  resource: string;
  objects: readonly unknown[];
  /** Milliseconds since the epoch; ages are measured against it. */
  now: number;
  includeObject: IncludeObject;
  /** The list's metadata; for a single object, its resourceVersion. */
  listMeta: { resourceVersion: string; continue?: string };
  /** apiVersion and kind of the objects (`apps/v1`, `Deployment`), set on whole objects in rows. */
  apiVersion: string;
  kind: string;
  /** The Table version asked for (see `requestedTable`); v1 when not given. */
  tableVersion?: TableVersion;
}

/**
 * The `meta.k8s.io` Table that `kubectl get` prints: the resource's column
 * definitions (priority 1 = `-o wide`) and one row per object, each row
 * carrying a PartialObjectMetadata (default), the whole object, or nothing,
 * as includeObject says.
 *
 * @example
 * const table = buildTable({ group: "", resource: "pods", objects, now: clock.now(),
 *   includeObject: "Metadata", listMeta: { resourceVersion: "42" }, apiVersion: "v1", kind: "Pod" });
 */
export function buildTable(input: BuildTableInput): Table {
  const printer = printerFor(input.group, input.resource);
  const metadata: Table["metadata"] = { resourceVersion: input.listMeta.resourceVersion };
  if (input.listMeta.continue) metadata.continue = input.listMeta.continue;
  return {
    kind: "Table",
    apiVersion: tableApiVersion(input.tableVersion),
    metadata,
    columnDefinitions: printer.columns.map((column) => ({ ...column })),
    rows: input.objects.map((object) => buildRow(printer, object, input)),
  };
}

/** What the Table of one watch event's object is made from. */
export interface BuildWatchEventTableInput extends Omit<BuildTableInput, "objects" | "listMeta"> {
  object: unknown;
  /** The handler sends column definitions with the first event only; kubectl reuses them. */
  includeColumnDefinitions: boolean;
}

/**
 * The Table for the object of one watch event: a single row, the object's
 * resourceVersion in the Table's metadata, and column definitions only
 * when asked.
 */
export function buildWatchEventTable(input: BuildWatchEventTableInput): Table {
  const { object, includeColumnDefinitions, ...rest } = input;
  const table = buildTable({
    ...rest,
    objects: [object],
    listMeta: { resourceVersion: stringAt(object, "metadata", "resourceVersion") },
  });
  if (!includeColumnDefinitions) delete table.columnDefinitions;
  return table;
}

function buildRow(printer: ResourcePrinter, object: unknown, input: BuildTableInput): TableRow {
  const row: TableRow = { cells: printer.cells(object, input.now) };
  const conditions = printer.conditions?.(object);
  if (conditions !== undefined) row.conditions = conditions;
  switch (input.includeObject) {
    case "Metadata":
      row.object = {
        kind: "PartialObjectMetadata",
        apiVersion: tableApiVersion(input.tableVersion),
        metadata: asRecord(valueAt(object, "metadata")) ?? {},
      };
      break;
    case "Object":
      row.object = { ...asRecord(object), apiVersion: input.apiVersion, kind: input.kind };
      break;
    case "None":
      break;
  }
  return row;
}

function tableApiVersion(version: TableVersion | undefined): string {
  return `meta.k8s.io/${version ?? "v1"}`;
}
