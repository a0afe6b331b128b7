/**
 * The `meta.k8s.io` Table as it goes on the wire, and the printer contract
 * every resource's columns follow.
 */

/** The value types a column declares (OpenAPI type names). */
export type ColumnType = "string" | "integer" | "number" | "boolean" | "date";

/** One column: kubectl prints `name` upper-cased as the header; priority 0 shows by default, higher with `-o wide`. */
export interface TableColumnDefinition {
  name: string;
  type: ColumnType;
  /** `name` marks the column kubectl prefixes with `kind/` when it shows kinds. */
  format: string;
  description: string;
  priority: number;
}

/** One cell: strings mostly, integers for counts. */
export type TableCell = string | number | boolean;

/** A row condition; Kubernetes sets `Completed` on pods that have finished. */
export interface TableRowCondition {
  type: string;
  status: "True" | "False" | "Unknown";
  reason?: string;
  message?: string;
}

/** One printed object. */
export interface TableRow {
  cells: TableCell[];
  conditions?: TableRowCondition[];
  /** PartialObjectMetadata, the whole object, or absent (includeObject None). */
  object?: unknown;
}

/** The Table object (`meta.k8s.io/v1` or `v1beta1`). */
export interface Table {
  kind: "Table";
  apiVersion: string;
  metadata: { resourceVersion?: string; continue?: string };
  /** Absent in watch events after the first. */
  columnDefinitions?: TableColumnDefinition[];
  rows: TableRow[];
}

/** How one resource is printed: its columns and, per object, the cells in column order. */
export interface ResourcePrinter {
  readonly columns: readonly TableColumnDefinition[];
  /** One cell per column; `now` (ms since the epoch) is what ages are measured against. */
  cells(object: unknown, now: number): TableCell[];
  /** Row conditions, for kinds that have them. */
  conditions?(object: unknown): TableRowCondition[] | undefined;
}
