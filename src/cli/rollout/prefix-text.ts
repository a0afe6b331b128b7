/**
 * kubectl describe's PrefixWriter without a tab writer behind it, as
 * `rollout history --revision` uses it: text indented two spaces per level,
 * tabs left as they are, terminal escapes made harmless.
 */
export class PrefixText {
  private text = "";

  /** Appends `text` (its own newlines included) after `level` indentations. */
  write(level: number, text: string): void {
    this.text += `${"  ".repeat(level)}${text}`.replace(/\x1b/g, "^[").replace(/\r/g, "\\r");
  }

  toString(): string {
    return this.text;
  }
}
