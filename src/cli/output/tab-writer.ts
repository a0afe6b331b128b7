/**
 * Elastic tabstops as Go's text/tabwriter lays them out, which is what
 * kubectl's tables and `describe` go through: text is cut into cells at tabs,
 * and a column is as wide as its widest cell (plus padding) over a block of
 * consecutive lines that all have a cell there. The last cell of a line is
 * not part of a column and is never padded.
 */

export interface TabWriterOptions {
  /** The narrowest a column may be, padding included. */
  minWidth: number;
  /** Spaces added to the widest cell of a column. */
  padding: number;
  /**
   * Keep column widths across flushes, only ever growing them (kubectl's
   * RememberWidths), so rows printed one watch event at a time line up with
   * the table before them.
   */
  rememberWidths?: boolean;
}

/** kubectl get's table layout: at least 6 wide, 3 spaces between columns, widths remembered. */
export const tableLayout: TabWriterOptions = { minWidth: 6, padding: 3, rememberWidths: true };

/** kubectl describe's layout: 2 spaces between columns. */
export const describeLayout: TabWriterOptions = { minWidth: 0, padding: 2 };

interface Cell {
  text: string;
  /** In characters (code points), as Go counts runes. */
  width: number;
}

const cellOf = (text: string): Cell => ({ text, width: [...text].length });

/**
 * Collects text and lays it out on `flush()`.
 *
 * @example
 * const w = new TabWriter(tableLayout);
 * w.write("NAME\tAGE\nweb-1\t5s\n");
 * w.flush(); // "NAME    AGE\nweb-1   5s\n"
 */
export class TabWriter {
  private buffered = "";
  private remembered: number[] = [];

  constructor(private readonly options: TabWriterOptions) {}

  write(text: string): void {
    this.buffered += text;
  }

  /** The laid-out text of everything written since the last flush. */
  flush(): string {
    const text = this.buffered;
    this.buffered = "";
    if (text === "") return "";
    const lines = text.split("\n").map((line) => line.split("\t").map(cellOf));
    const out: string[] = [];
    this.format(lines, [], 0, lines.length, out);
    return out.join("\n");
  }

  /** Forgets remembered widths (kubectl does so between resource types). */
  forgetWidths(): void {
    this.remembered = [];
  }

  // Go's algorithm: find the next run of lines with a cell in column
  // `widths.length`, size that column over the run, and recurse into the
  // columns to its right for the same run.
  private format(lines: Cell[][], widths: number[], line0: number, line1: number, out: string[]): void {
    const column = widths.length;
    let start = line0;
    for (let index = line0; index < line1; index++) {
      if (column >= lines[index]!.length - 1) continue;
      this.writeLines(lines, widths, start, index, out);
      start = index;
      let width = this.options.minWidth;
      for (; index < line1; index++) {
        const line = lines[index]!;
        if (column >= line.length - 1) break;
        width = Math.max(width, line[column]!.width + this.options.padding);
      }
      width = this.rememberedWidth(column, width);
      this.format(lines, [...widths, width], start, index, out);
      // The loop's increment passes over the line that ended the block: it
      // has no cell in this column, so it is written with the lines after it.
      start = index;
    }
    this.writeLines(lines, widths, start, line1, out);
  }

  private rememberedWidth(column: number, width: number): number {
    if (!this.options.rememberWidths) return width;
    const before = this.remembered[column] ?? 0;
    this.remembered[column] = Math.max(before, width);
    return this.remembered[column];
  }

  private writeLines(lines: Cell[][], widths: number[], from: number, to: number, out: string[]): void {
    for (let index = from; index < to; index++) {
      const line = lines[index]!;
      out.push(line.map((cell, j) => (j < widths.length ? cell.text + " ".repeat(Math.max(0, widths[j]! - cell.width)) : cell.text)).join(""));
    }
  }
}
