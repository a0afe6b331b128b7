import type { Table, TableColumn, TableRow } from "./server-table.js";

/** How the Tables of one resource are shown (kubectl's PrintOptions for server-side tables). */
export interface TablePrintOptions {
  /** `-o wide`: columns of every priority, not only 0. */
  wide: boolean;
  /** A NAMESPACE column first (`-A` on a namespaced resource). */
  withNamespace: boolean;
  /** Prefixes the name column, `pod` → `pod/web-1`, when several kinds are printed together. */
  kind?: string;
}

/**
 * Turns server Tables into tab-separated lines for a TabWriter, as kubectl's
 * human-readable printer does: headers upper-cased, printed once for as long
 * as the columns stay the same (so the rows of later Tables, e.g. one per
 * watch event, continue the first), and never for a Table without rows.
 */
export class TablePrinter {
  private lastColumns: TableColumn[] = [];
  private printedHeaders = false;

  constructor(private readonly options: TablePrintOptions) {}

  /** The lines of a Table, each ending in "\n"; "" when there is nothing to show. */
  print(table: Table): string {
    let columns = table.columnDefinitions;
    const repeatsHeaders = this.printedHeaders && (columns.length === 0 || sameColumns(columns, this.lastColumns));
    if (columns.length === 0) {
      columns = this.lastColumns;
    } else if (!sameColumns(columns, this.lastColumns)) {
      this.lastColumns = columns;
      this.printedHeaders = false;
    }
    if (table.rows.length === 0) return "";
    this.printedHeaders = true;

    const visible = columns.map((column, index) => ({ column, index })).filter(({ column }) => this.options.wide || column.priority === 0);
    const nameIndex = this.options.kind === undefined ? -1 : columns.findIndex((c) => c.format === "name" && c.type === "string");
    const lines: string[] = [];
    if (!repeatsHeaders) {
      const headers = visible.map(({ column }) => column.name.toUpperCase());
      lines.push((this.options.withNamespace ? ["NAMESPACE", ...headers] : headers).join("\t"));
    }
    for (const row of table.rows) {
      const cells = visible.map(({ index }) => {
        const text = cellText(row.cells[index]);
        return index === nameIndex ? `${this.options.kind}/${text}` : text;
      });
      lines.push((this.options.withNamespace ? [rowNamespace(row), ...cells] : cells).join("\t"));
    }
    return lines.map((line) => `${line}\n`).join("");
  }
}

function sameColumns(a: readonly TableColumn[], b: readonly TableColumn[]): boolean {
  return (
    a.length === b.length &&
    a.every((column, i) => {
      const other = b[i]!;
      return (
        column.name === other.name &&
        column.type === other.type &&
        column.format === other.format &&
        column.priority === other.priority &&
        column.description === other.description
      );
    })
  );
}

const rowNamespace = (row: TableRow): string => row.object?.metadata?.namespace ?? "";

/**
 * A cell as kubectl prints it: nothing for null, text up to the first line
 * break (then "..."), numbers and booleans as written, and escape characters
 * made visible so a value cannot drive the terminal.
 */
export function cellText(cell: unknown): string {
  if (cell === null || cell === undefined) return "";
  let text = typeof cell === "string" ? cell : typeof cell === "object" ? JSON.stringify(cell) : String(cell);
  const lineBreak = text.search(/[\f\n\r]/);
  if (lineBreak >= 0) text = `${text.slice(0, lineBreak)}...`;
  // A tab inside a cell would start a new column.
  return text.replace(/\x1b/g, "^[").replace(/\t/g, " ");
}
