import { describe, expect, it } from "vitest";
import { parseTable, type Table } from "./server-table.js";
import { TablePrinter, cellText } from "./table-printer.js";
import { TabWriter, tableLayout } from "./tab-writer.js";

const columns = [
  { name: "Name", type: "string", format: "name", description: "", priority: 0 },
  { name: "Status", type: "string", format: "", description: "", priority: 0 },
  { name: "Restarts", type: "integer", format: "", description: "", priority: 0 },
  { name: "IP", type: "string", format: "", description: "", priority: 1 },
];

const row = (name: string, namespace: string, status: string, restarts: number, ip: string) => ({
  cells: [name, status, restarts, ip],
  object: { kind: "PartialObjectMetadata", apiVersion: "meta.k8s.io/v1", metadata: { name, namespace } },
});

const table = (rows: ReturnType<typeof row>[], withColumns = true): Table =>
  parseTable({ kind: "Table", apiVersion: "meta.k8s.io/v1", metadata: { resourceVersion: "7" }, ...(withColumns ? { columnDefinitions: columns } : {}), rows }, "test");

const laidOut = (printer: TablePrinter, ...tables: Table[]): string => {
  const writer = new TabWriter(tableLayout);
  for (const t of tables) writer.write(printer.print(t));
  return writer.flush();
};

describe("TablePrinter", () => {
  const web = row("web-1", "default", "Running", 0, "10.42.0.5");
  const db = row("db-0", "tools", "Pending", 12, "<none>");

  it("prints priority-0 columns under upper-case headers", () => {
    expect(laidOut(new TablePrinter({ wide: false, withNamespace: false }), table([web, db]))).toBe(
      "NAME    STATUS    RESTARTS\n" + //
        "web-1   Running   0\n" +
        "db-0    Pending   12\n",
    );
  });

  it("prints every column with wide, a NAMESPACE column with -A, kinds before names", () => {
    expect(laidOut(new TablePrinter({ wide: true, withNamespace: true, kind: "pod" }), table([web, db]))).toBe(
      "NAMESPACE   NAME        STATUS    RESTARTS   IP\n" +
        "default     pod/web-1   Running   0          10.42.0.5\n" +
        "tools       pod/db-0    Pending   12         <none>\n",
    );
  });

  it("prints nothing for a Table without rows, then headers with the first row", () => {
    const printer = new TablePrinter({ wide: false, withNamespace: false });
    expect(printer.print(table([]))).toBe("");
    // A watch event's Table carries no columns: the last ones still hold.
    expect(printer.print(table([web], false))).toBe("NAME\tSTATUS\tRESTARTS\nweb-1\tRunning\t0\n");
    expect(printer.print(table([db], false))).toBe("db-0\tPending\t12\n");
    expect(printer.print(table([db]))).toBe("db-0\tPending\t12\n");
  });

  it("prints headers again when the columns change", () => {
    const printer = new TablePrinter({ wide: false, withNamespace: false });
    printer.print(table([web]));
    const other = parseTable(
      { kind: "Table", apiVersion: "meta.k8s.io/v1", columnDefinitions: [{ name: "Name", type: "string", format: "name", priority: 0 }], rows: [{ cells: ["x"] }] },
      "test",
    );
    expect(printer.print(other)).toBe("NAME\nx\n");
  });
});

describe("cellText", () => {
  it("prints cells as kubectl does", () => {
    expect(cellText(null)).toBe("");
    expect(cellText(undefined)).toBe("");
    expect(cellText(3)).toBe("3");
    expect(cellText(true)).toBe("true");
    expect(cellText("first\nsecond")).toBe("first...");
    expect(cellText("a\rb")).toBe("a...");
    expect(cellText("\x1b[31mred")).toBe("^[[31mred");
    expect(cellText("a\tb")).toBe("a b");
  });
});
