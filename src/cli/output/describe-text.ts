import { TabWriter, describeLayout } from "./tab-writer.js";

/**
 * kubectl describe's writer: lines indented two spaces per level, cells cut
 * at tabs and aligned as blocks (see TabWriter); `flush()` ends the current
 * blocks, so what follows is aligned on its own.
 */
export class DescribeText {
  private readonly writer = new TabWriter(describeLayout);
  private done = "";

  /** One line at an indentation level; tabs separate its cells. */
  line(level: number, text: string): void {
    // An escape character in a value must not reach the terminal.
    this.writer.write(`${"  ".repeat(level)}${text.replace(/\x1b/g, "^[")}\n`);
  }

  flush(): void {
    this.done += this.writer.flush();
  }

  toString(): string {
    this.flush();
    return this.done;
  }
}
