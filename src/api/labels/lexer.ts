/*
 * The tokens of Kubernetes' label selector syntax, split as
 * k8s.io/apimachinery/pkg/labels does: whitespace separates, the symbols
 * = == != ! ( ) , > < stand alone, and anything else up to the next
 * whitespace or symbol is an identifier (a key or a value), of which `in`
 * and `notin` are keywords where an operator may stand.
 */

export type TokenKind =
  | "end"
  | "identifier"
  | "in"
  | "notin"
  | "="
  | "=="
  | "!="
  | "!"
  | "("
  | ")"
  | ","
  | ">"
  | "<";

export interface Token {
  kind: TokenKind;
  /** The text as written; empty at the end. */
  text: string;
  /** Offset of the token's first character in the selector. */
  position: number;
}

const whitespace = new Set([" ", "\t", "\r", "\n"]);
const symbols = new Set(["=", "!", "(", ")", ",", ">", "<"]);
const twoCharacterSymbols = new Set(["==", "!="]);

/** Splits a selector string into tokens, ending with one `end` token. Never fails: any text is some token. */
export function tokenize(selector: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < selector.length) {
    const ch = selector[i] ?? "";
    if (whitespace.has(ch)) {
      i++;
      continue;
    }
    if (symbols.has(ch)) {
      const pair = selector.slice(i, i + 2);
      const text = twoCharacterSymbols.has(pair) ? pair : ch;
      tokens.push({ kind: text as TokenKind, text, position: i });
      i += text.length;
      continue;
    }
    const start = i;
    while (i < selector.length && !whitespace.has(selector[i] ?? "") && !symbols.has(selector[i] ?? "")) i++;
    const text = selector.slice(start, i);
    const kind: TokenKind = text === "in" ? "in" : text === "notin" ? "notin" : "identifier";
    tokens.push({ kind, text, position: start });
  }
  tokens.push({ kind: "end", text: "", position: selector.length });
  return tokens;
}
