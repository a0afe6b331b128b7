/*
 * Field selector values escape `\`, `,` and `=` with a backslash, as
 * Kubernetes' fields.EscapeValue / UnescapeValue do; nothing else may be
 * escaped, and `,` and `=` may not stand bare in a value.
 */

/** `a,b=c\d` → `a\,b\=c\\d`. */
export function escapeFieldValue(value: string): string {
  return value.replace(/[\\,=]/g, (ch) => `\\${ch}`);
}

export type UnescapeResult = { ok: true; value: string } | { ok: false; problem: string; offset: number };

/** The literal value of an escaped one, or the problem and its offset in `text`. */
export function unescapeFieldValue(text: string): UnescapeResult {
  let value = "";
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] ?? "";
    if (ch === "\\") {
      const codePoint = text.codePointAt(i + 1);
      const next = codePoint === undefined ? "" : String.fromCodePoint(codePoint);
      if (next === "" || !"\\,=".includes(next)) {
        return { ok: false, problem: `invalid escape sequence: \\${next}`, offset: i };
      }
      value += next;
      i++;
    } else if (ch === "," || ch === "=") {
      return { ok: false, problem: `unescaped character in value: ${ch}`, offset: i };
    } else {
      value += ch;
    }
  }
  return { ok: true, value };
}
