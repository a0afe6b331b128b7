/** Counts of outcomes (status codes, or how a connection ended) per category, printed as a table. */
export class OutcomeTable {
  private readonly counts = new Map<string, Map<string, number>>();

  add(category: string, outcome: string): void {
    const row = this.counts.get(category) ?? new Map<string, number>();
    row.set(outcome, (row.get(outcome) ?? 0) + 1);
    this.counts.set(category, row);
  }

  total(): number {
    let sum = 0;
    for (const row of this.counts.values()) for (const n of row.values()) sum += n;
    return sum;
  }

  /** A Markdown table: one row per category, one column per outcome, totals last. */
  render(): string {
    const outcomes = [...new Set([...this.counts.values()].flatMap((row) => [...row.keys()]))].sort();
    const lines = [`| category | ${outcomes.join(" | ")} | total |`, `| --- |${" ---: |".repeat(outcomes.length + 1)}`];
    const columnTotals = new Map<string, number>();
    for (const [category, row] of [...this.counts.entries()].sort(([a], [b]) => a.localeCompare(b))) {
      const cells = outcomes.map((o) => {
        const n = row.get(o) ?? 0;
        columnTotals.set(o, (columnTotals.get(o) ?? 0) + n);
        return n === 0 ? "" : String(n);
      });
      const sum = [...row.values()].reduce((a, b) => a + b, 0);
      lines.push(`| ${category} | ${cells.join(" | ")} | ${sum} |`);
    }
    lines.push(`| **all** | ${outcomes.map((o) => String(columnTotals.get(o) ?? 0)).join(" | ")} | ${this.total()} |`);
    return lines.join("\n");
  }
}
